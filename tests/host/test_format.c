// sources:
/*
 * tests/host/test_format.c - lib/format.c, the formatter behind printk and
 * the user library's printf, against glibc's printf for the same formats.
 * format.c is compiled into this file with its functions renamed, so that
 * the test can call both side by side.
 */
#include "check.h"

/* the odd formats below are the point: compare them with glibc anyway */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-overflow"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#define vsnprintf usmm_vsnprintf
#define snprintf usmm_snprintf
#include "../../lib/format.c"
#undef vsnprintf
#undef snprintf

/* same: our output and glibc's for one format and argument list agree. */
static int same(char *ours, char *theirs, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int same(char *ours, char *theirs, size_t size, const char *fmt, ...)
{
    va_list a, b;
    int n1, n2;
    va_start(a, fmt);
    va_copy(b, a);
    n1 = usmm_vsnprintf(ours, size, fmt, a);
    n2 = vsnprintf(theirs, size, fmt, b);
    va_end(a);
    va_end(b);
    return n1 == n2 && strcmp(ours, theirs) == 0;
}

#define CHECK_SAME(...)                                                      \
    do {                                                                     \
        char o_[256], t_[256];                                               \
        if (!same(o_, t_, sizeof(o_), __VA_ARGS__)) {                        \
            check_failed(__FILE__, __LINE__, "\"%s\" vs glibc \"%s\"", o_, t_); \
            return;                                                          \
        }                                                                    \
    } while (0)

TEST(integers_match_glibc)
{
    CHECK_SAME("%d %i %u", 42, -42, 42u);
    CHECK_SAME("%d", INT32_MIN);
    CHECK_SAME("%ld %lu", (long)INT64_MIN, (unsigned long)UINT64_MAX);
    CHECK_SAME("%lld %llu", -1ll, 18446744073709551615ull);
    CHECK_SAME("%hd %hhd %hu %hhu", (short)-3, (signed char)-2, (unsigned short)65535, (unsigned char)255);
    CHECK_SAME("%zu %zd %jd %td", (size_t)7, (ssize_t)-7, (intmax_t)-8, (ptrdiff_t)9);
    CHECK_SAME("%x %X %o", 0xdeadbeefu, 0xdeadbeefu, 8u);
    CHECK_SAME("%lx %016lx", 0xffff800000000000ul, 0x1234ul);
}

TEST(flags_width_precision_match_glibc)
{
    CHECK_SAME("[%5d] [%-5d] [%05d] [%+d] [% d]", 42, 42, 42, 42, 42);
    CHECK_SAME("[%+d] [% d] [%05d]", -42, -42, -42);
    CHECK_SAME("[%.3d] [%8.3d] [%-8.3d] [%08.3d]", 5, 5, 5, 5);
    CHECK_SAME("[%#x] [%#X] [%#o] [%#x] [%#o]", 255u, 255u, 8u, 0u, 0u);
    CHECK_SAME("[%*d] [%-*d] [%.*d]", 6, 1, 6, 1, 4, 1);
    CHECK_SAME("[%*d]", -6, 1);
    CHECK_SAME("[%.0d] [%.0x] [%5.0d]", 0, 0u, 0);
}

TEST(strings_and_chars_match_glibc)
{
    CHECK_SAME("[%s] [%10s] [%-10s] [%.2s] [%10.3s]", "abc", "abc", "abc", "abc", "abcdef");
    CHECK_SAME("[%c] [%3c] [%-3c]", 'x', 'y', 'z');
    CHECK_SAME("100%% sure");
    CHECK_SAME("[%s]", "");
}

TEST(pointers_match_glibc)
{
    CHECK_SAME("%p", (void *)0x1000);
    CHECK_SAME("%p", (void *)0xffffffff80100000ul);
    CHECK_SAME("%p", (void *)0);
    CHECK_SAME("[%20p]", (void *)0xabc);
}

TEST(null_string_prints_null)
{
    char buf[32];
    usmm_snprintf(buf, sizeof(buf), "%s", (char *)NULL);
    CHECK_STR("(null)", buf);
}

TEST(snprintf_truncates_and_counts)
{
    char buf[8];
    CHECK_EQ(11, usmm_snprintf(buf, sizeof(buf), "hello world"));
    CHECK_STR("hello w", buf);
    CHECK_EQ(5, usmm_snprintf(buf, 0, "%d", 12345));
    CHECK_EQ(3, usmm_snprintf(buf, 1, "abc"));
    CHECK_STR("", buf);
}

TEST(unknown_conversion_is_printed_as_written)
{
    char buf[32];
    usmm_snprintf(buf, sizeof(buf), "a%kb");
    CHECK_STR("a%kb", buf);
}

static size_t sink_calls, sink_bytes;
static void counting_sink(void *ctx, const char *s, size_t len)
{
    (void)ctx;
    (void)s;
    sink_calls++;
    sink_bytes += len;
}

static int via_vformat(const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vformat(counting_sink, NULL, fmt, ap);
    va_end(ap);
    return n;
}

TEST(vformat_hands_pieces_to_the_sink)
{
    sink_calls = sink_bytes = 0;
    CHECK_EQ(16, via_vformat("value=%5d end%c", 42, '!'));   /* "value=   42 end!" */
    CHECK_EQ(16, sink_bytes);
    CHECK(sink_calls >= 3);
}
