// not-a-test: run by exec_args, checks the arguments it was given
/*
 * exec_target: exits 0 when its arguments and environment are exactly
 * those exec_args passes, and 10 + the index of the first mismatch
 * otherwise; `exec_target count N` exits with argc.
 */
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv)
{
    static const char *expected[] = { "exec_target", "alpha", "beta gamma", "", "-x" };
    if (argc == 3 && strcmp(argv[1], "count") == 0)
        return argc;
    if (argc != 5)
        return 9;
    for (int i = 0; i < 5; i++)
        if (strcmp(argv[i], expected[i]) != 0)
            return 10 + i;
    if (argv[5] != NULL)
        return 20;
    if (!environ || !environ[0] || strcmp(environ[0], "USMM_TEST=yes") != 0 || environ[1])
        return 21;
    if (strcmp(getenv("USMM_TEST"), "yes") != 0)
        return 22;
    return 0;
}
