// args: -v -n 3 rest
/*
 * libc_tour: what a student expects of a C library, from one static musl
 * binary that the grader runs on the host's Linux and in usmm and whose
 * output must be the same: printf with floating point, strtod, qsort,
 * gmtime/strftime, getopt, snprintf, realloc of a large block (mremap),
 * setjmp/longjmp, atexit, environment, errno texts.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static jmp_buf back;

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void bye(void)
{
    printf("atexit handler ran\n");
}

static void jump(int depth)
{
    if (depth >= 3)
        longjmp(back, depth);
    if (depth < 10)
        jump(depth + 1);
}

int main(int argc, char **argv)
{
    double values[] = { 3.5, -1.25, 1e3, 0.001, 2.0 };
    char buf[64], *end;
    struct tm *tm;
    time_t when = 1700000000;
    int opt, verbose = 0, n = 0;
    char *big;

    atexit(bye);
    while ((opt = getopt(argc, argv, "vn:")) != -1) {
        if (opt == 'v')
            verbose = 1;
        else if (opt == 'n')
            n = atoi(optarg);
    }
    printf("getopt: verbose %d, n %d, first operand %s\n", verbose, n,
           optind < argc ? argv[optind] : "(none)");
    printf("printf: %.3f %8.2e %g %a\n", 3.14159265, 12345.678, 0.0001, 1.5);
    double d = strtod("2.5e3xyz", &end);
    printf("strtod: %g, rest \"%s\"\n", d, end);
    qsort(values, 5, sizeof(values[0]), by_value);
    printf("qsort: %g %g %g %g %g\n", values[0], values[1], values[2], values[3], values[4]);
    tm = gmtime(&when);
    strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %A", tm);
    printf("strftime: %s\n", buf);
    n = snprintf(buf, 8, "%d-%d-%d", 1234, 5678, 9012);
    printf("snprintf: \"%s\", wanted %d\n", buf, n);
    big = malloc(2 << 20);
    memset(big, 'x', 2 << 20);
    big = realloc(big, 8 << 20);
    printf("realloc: kept %c, %d\n", big[(2 << 20) - 1], big[(2 << 20) - 1] == 'x');
    free(big);
    int depth = setjmp(back);
    if (depth == 0)
        jump(0);
    printf("longjmp: came back from depth %d\n", depth);
    setenv("COURSE", "usmm", 1);
    printf("getenv: %s\n", getenv("COURSE"));
    errno = 0;
    printf("strerror: %s\n", strerror(ENOENT));
    return 0;
}
