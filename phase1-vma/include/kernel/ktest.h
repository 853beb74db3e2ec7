/*
 * kernel/ktest.h - in-kernel self tests, chosen with `ktest=NAME` on the
 * kernel command line (`ktest=list` prints them).
 *
 * A test is a function returning 0 on success or a negative number on
 * failure; the runner prints "ktest NAME: PASS" or "ktest NAME: FAIL (n)"
 * and powers off with status 0 or 1.  Tests for user-visible behaviour are
 * user programs (tests/user/); ktests cover what only the kernel can see.
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

struct ktest {
    const char *name;
    int (*fn)(void);
};

#define KTEST(test_name)                                                     \
    static int ktest_##test_name(void);                                      \
    static const struct ktest ktest_entry_##test_name = { #test_name,        \
                                                          ktest_##test_name }; \
    static const struct ktest *const ktest_ptr_##test_name                   \
        __attribute__((used, section(".ktests"))) = &ktest_entry_##test_name; \
    static int ktest_##test_name(void)

/* KTEST_EXPECT: fail the test with a message naming both values. */
#define KTEST_EXPECT_EQ(what, expected, actual)                              \
    do {                                                                     \
        long long e_ = (long long)(expected), a_ = (long long)(actual);      \
        if (e_ != a_) {                                                      \
            printk("ktest: %s: expected %lld, got %lld (%s:%d)\n", what,     \
                   e_, a_, __FILE__, __LINE__);                              \
            return -1;                                                       \
        }                                                                    \
    } while (0)

/* ktest_run_selected: run the test named on the command line, if any, and
 * power off.  Returns only when no test was selected. */
void ktest_run_selected(const char *name);

#endif
