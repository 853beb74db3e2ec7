/*
 * tests/host/check.h - the host unit-test harness.
 *
 *   TEST(buddy_split_and_merge) { ... CHECK_EQ(4, n); ... }
 *
 * Each test binary prints one line per test, "PASS name" or
 * "FAIL name: what was expected and what was seen (file:line)", and exits
 * non-zero when any test failed.  `./test_x name` runs one test.  Every
 * test runs in a child process of its own: one that crashes (a NULL
 * pointer, a sanitizer report) fails alone, with the report's first line
 * and the lab line it happened at.  The
 * grader (tests/grader.py) turns these lines into its own result lines.
 */
#ifndef TESTS_HOST_CHECK_H
#define TESTS_HOST_CHECK_H

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct host_test {
    const char *name;
    void (*fn)(void);
    struct host_test *next;
};

void check_register(struct host_test *t);
/* check_failed: record the first failure of the running test. */
void check_failed(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* check_current_failed: the running test has failed already. */
int check_current_failed(void);

#define TEST(tname)                                                          \
    static void test_##tname(void);                                          \
    static struct host_test test_entry_##tname = { #tname, test_##tname, 0 }; \
    __attribute__((constructor)) static void test_register_##tname(void)     \
    {                                                                        \
        check_register(&test_entry_##tname);                                 \
    }                                                                        \
    static void test_##tname(void)

/* Each CHECK returns from the test on failure, so later lines can rely on
 * what earlier ones established. */
#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) {                                                       \
            check_failed(__FILE__, __LINE__, "expected %s, but it is false", #cond); \
            return;                                                          \
        }                                                                    \
    } while (0)

#define CHECK_EQ(expected, actual)                                           \
    do {                                                                     \
        long long e_ = (long long)(expected), a_ = (long long)(actual);      \
        if (e_ != a_) {                                                      \
            check_failed(__FILE__, __LINE__, "%s: expected %lld (%#llx), got %lld (%#llx)", \
                         #actual, e_, (unsigned long long)e_, a_, (unsigned long long)a_); \
            return;                                                          \
        }                                                                    \
    } while (0)

#define CHECK_STR(expected, actual)                                          \
    do {                                                                     \
        const char *e_ = (expected), *a_ = (actual);                         \
        if (a_ == NULL || strcmp(e_, a_) != 0) {                             \
            check_failed(__FILE__, __LINE__, "%s: expected \"%s\", got \"%s\"", \
                         #actual, e_, a_ ? a_ : "(null)");                   \
            return;                                                          \
        }                                                                    \
    } while (0)

/* Panics: the kernel code's panic() (tests/host/shim) calls this hook. */
extern void (*host_panic_hook)(const char *msg);
extern jmp_buf check_panic_jump;
extern char check_panic_message[512];
void check_panic_catch(const char *msg);

/* CHECK_PANICS: `stmt` must panic with a message containing `substring`. */
#define CHECK_PANICS(stmt, substring)                                        \
    do {                                                                     \
        host_panic_hook = check_panic_catch;                                 \
        if (setjmp(check_panic_jump) == 0) {                                 \
            stmt;                                                            \
            host_panic_hook = NULL;                                          \
            check_failed(__FILE__, __LINE__, "expected %s to panic", #stmt); \
            return;                                                          \
        }                                                                    \
        host_panic_hook = NULL;                                              \
        if (strstr(check_panic_message, (substring)) == NULL) {              \
            check_failed(__FILE__, __LINE__, "panic \"%s\" does not mention \"%s\"", \
                         check_panic_message, (substring));                  \
            return;                                                          \
        }                                                                    \
    } while (0)

#endif
