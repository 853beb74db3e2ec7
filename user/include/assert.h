/*
 * <assert.h> - assert(EXPR): when EXPR is false, print
 *     Assertion failed: EXPR (file:line: function)
 * to stderr and abort().  With NDEBUG defined it does nothing.  Like every
 * <assert.h>, this one may be included again to follow a change of NDEBUG.
 */
#undef assert

#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr) \
    ((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#ifndef _ASSERT_H
#define _ASSERT_H

void __assert_fail(const char *expr, const char *file, int line,
                   const char *function) __attribute__((noreturn));

#define static_assert _Static_assert

#endif
