/*
 * user/lib/assert.c - what a failed assert() does.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

void __assert_fail(const char *expr, const char *file, int line, const char *function)
{
    fprintf(stderr, "Assertion failed: %s (%s:%d: %s)\n", expr, file, line, function);
    abort();
}
