// phases: 1
/*
 * libc_basics: the user library inside the kernel: printf to stdout and
 * stderr, malloc/calloc/realloc/free over brk and mmap, strings, strtol,
 * qsort, strerror, sysconf.
 */
#include "utest.h"
#include <limits.h>

/* the truncation below is the point of the test */
#pragma GCC diagnostic ignored "-Wformat-truncation"

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void formatting(void)
{
    char buf[64];
    EXPECT_EQ("snprintf_returns_full_length", 11, snprintf(buf, 4, "hello %s", "world"));
    EXPECT_TRUE("snprintf_truncates_with_nul", strcmp(buf, "hel") == 0);
    snprintf(buf, sizeof(buf), "%d %u %x %08lx %-4s| %c %%", -5, 7u, 255u, 0x1234ul, "ab", 'z');
    EXPECT_TRUE("snprintf_formats", strcmp(buf, "-5 7 ff 00001234 ab  | z %") == 0);
    EXPECT_TRUE("printf_returns_count", printf("libc_basics: printf works\n") == 26);
    EXPECT_TRUE("fprintf_stderr", fprintf(stderr, "libc_basics: stderr works\n") == 26);
}

static void allocation(void)
{
    char *small = malloc(10), *big = malloc(1 << 20);
    int *zeros = calloc(1000, sizeof(int));
    int all_zero = 1;

    EXPECT_TRUE("malloc_small", small != NULL);
    EXPECT_TRUE("malloc_1MiB", big != NULL);
    EXPECT_EQ("malloc_is_16_byte_aligned", 0, (uintptr_t)small % 16);
    memset(big, 0x5a, 1 << 20);
    for (int i = 0; i < 1000; i++)
        all_zero &= zeros[i] == 0;
    EXPECT_TRUE("calloc_zeroes", all_zero);
    strcpy(small, "123456789");
    small = realloc(small, 100000);
    EXPECT_TRUE("realloc_keeps_contents", small && strcmp(small, "123456789") == 0);
    free(small);
    free(big);
    free(zeros);
    free(NULL);
    for (int round = 0; round < 1000; round++) {
        void *p[16];
        for (int i = 0; i < 16; i++)
            p[i] = malloc((size_t)(round * 37 + i * 101) % 5000 + 1);
        for (int i = 0; i < 16; i++)
            free(p[i]);
    }
    EXPECT_TRUE("malloc_free_churn_survives", 1);
}

static void strings_and_numbers(void)
{
    char *end;
    int v[] = { 5, -3, 9, 0, 2 };
    EXPECT_EQ("strtol_base_10", -1234, strtol("-1234xyz", &end, 10));
    EXPECT_TRUE("strtol_end_pointer", *end == 'x');
    EXPECT_EQ("strtol_base_16", 255, strtol("0xff", NULL, 16));
    EXPECT_EQ("strtol_base_0_octal", 8, strtol("010", NULL, 0));
    errno = 0;
    EXPECT_EQ("strtol_overflow_saturates", LONG_MAX, strtol("99999999999999999999", NULL, 10));
    EXPECT_EQ("strtol_overflow_sets_erange", ERANGE, errno);
    EXPECT_EQ("strtoul_base_2", 5, strtoul("101", NULL, 2));
    EXPECT_EQ("atoi", 42, atoi("  42"));
    qsort(v, 5, sizeof(int), compare_ints);
    EXPECT_TRUE("qsort_sorts", v[0] == -3 && v[1] == 0 && v[2] == 2 && v[3] == 5 && v[4] == 9);
    EXPECT_TRUE("strerror_enomem_is_musls_text", strcmp(strerror(ENOMEM), "Out of memory") == 0);
    EXPECT_EQ("sysconf_pagesize", 4096, sysconf(_SC_PAGESIZE));
    EXPECT_EQ("getpagesize", 4096, getpagesize());
}

int main(void)
{
    formatting();
    allocation();
    strings_and_numbers();
    return utest_finish();
}
