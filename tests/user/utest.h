/*
 * tests/user/utest.h - checks for test programs that run inside the kernel.
 *
 * Each check prints one line the grader reads:
 *     PASS name
 *     FAIL name: expected X, got Y (file:line)
 * and the program ends with `return utest_finish();`, which exits 1 if any
 * check failed.  Checks do not stop the program, so one run reports all.
 *
 *   EXPECT_EQ(name, expected, actual)       integers, compared exactly
 *   EXPECT_TRUE(name, condition)
 *   EXPECT_ERRNO(name, call, errno_value)   the call returns -1 (or
 *                                           MAP_FAILED) and sets errno
 *   EXPECT_SIGNAL(name, signal, statement)  run statement in a child process;
 *                                           it must die with that signal
 *   EXPECT_EXIT(name, status, statement)    ... or exit with that status
 */
#ifndef TESTS_USER_UTEST_H
#define TESTS_USER_UTEST_H

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static int utest_failures;
static int utest_checks;

static inline void utest_report(const char *name, int ok, const char *file, int line,
                                const char *fmt, long long expected, long long actual)
{
    utest_checks++;
    if (ok) {
        printf("PASS %s\n", name);
    } else {
        utest_failures++;
        printf("FAIL %s: ", name);
        printf(fmt, expected, actual);
        printf(" (%s:%d)\n", file, line);
    }
    fflush(stdout);
}

#define EXPECT_EQ(name, expected, actual)                                    \
    do {                                                                     \
        long long e_ = (long long)(expected), a_ = (long long)(actual);      \
        utest_report(name, e_ == a_, __FILE__, __LINE__,                     \
                     "expected %lld, got %lld", e_, a_);                     \
    } while (0)

#define EXPECT_TRUE(name, cond)                                              \
    utest_report(name, (cond) != 0, __FILE__, __LINE__,                      \
                 "expected " #cond " (%lld %lld)", 0, 0)

/* errno names for messages */
static inline const char *utest_errno_name(int e)
{
    switch (e) {
    case 0: return "0";
    case EPERM: return "EPERM";
    case ENOENT: return "ENOENT";
    case ESRCH: return "ESRCH";
    case EINTR: return "EINTR";
    case E2BIG: return "E2BIG";
    case ENOEXEC: return "ENOEXEC";
    case EBADF: return "EBADF";
    case ECHILD: return "ECHILD";
    case EAGAIN: return "EAGAIN";
    case ENOMEM: return "ENOMEM";
    case EACCES: return "EACCES";
    case EFAULT: return "EFAULT";
    case EEXIST: return "EEXIST";
    case ENODEV: return "ENODEV";
    case EINVAL: return "EINVAL";
    case ENOSYS: return "ENOSYS";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case ENOTEMPTY: return "ENOTEMPTY";
    case EXDEV: return "EXDEV";
    case ELOOP: return "ELOOP";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case EMFILE: return "EMFILE";
    case ESPIPE: return "ESPIPE";
    case EPIPE: return "EPIPE";
    case EBUSY: return "EBUSY";
    case EFBIG: return "EFBIG";
    case ENOSPC: return "ENOSPC";
    case ERANGE: return "ERANGE";
    case ENXIO: return "ENXIO";
    case EMLINK: return "EMLINK";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    default: return "E?";
    }
}

static inline void utest_errno(const char *name, int failed, int expected, const char *file,
                               int line)
{
    int got = errno;
    utest_checks++;
    if (failed && got == expected) {
        printf("PASS %s\n", name);
    } else {
        utest_failures++;
        printf("FAIL %s: expected failure with %s, got %s (errno %s) (%s:%d)\n", name,
               utest_errno_name(expected), failed ? "failure" : "success",
               utest_errno_name(got), file, line);
    }
    fflush(stdout);
}

#define EXPECT_ERRNO(name, call, expected_errno)                             \
    do {                                                                     \
        errno = 0;                                                           \
        long r_ = (long)(call);                                              \
        utest_errno(name, r_ == -1, expected_errno, __FILE__, __LINE__);     \
    } while (0)

/* utest_child_status: the wait status of a child that ran `body`. */
#define UTEST_CHILD_STATUS(status_var, statement)                            \
    do {                                                                     \
        fflush(stdout);                                                      \
        pid_t pid_ = fork();                                                 \
        if (pid_ == 0) {                                                     \
            statement;                                                       \
            _exit(0);                                                        \
        }                                                                    \
        status_var = -1;                                                     \
        if (pid_ > 0)                                                        \
            waitpid(pid_, &status_var, 0);                                   \
    } while (0)

#define EXPECT_SIGNAL(name, sig, statement)                                  \
    do {                                                                     \
        int st_;                                                             \
        UTEST_CHILD_STATUS(st_, statement);                                  \
        utest_report(name, st_ != -1 && WIFSIGNALED(st_) && WTERMSIG(st_) == (sig), \
                     __FILE__, __LINE__, "expected death by signal %lld, got wait status %#llx", \
                     (long long)(sig), (long long)st_);                      \
    } while (0)

#define EXPECT_EXIT(name, code, statement)                                   \
    do {                                                                     \
        int st_;                                                             \
        UTEST_CHILD_STATUS(st_, statement);                                  \
        utest_report(name, st_ != -1 && WIFEXITED(st_) && WEXITSTATUS(st_) == (code), \
                     __FILE__, __LINE__, "expected exit status %lld, got wait status %#llx", \
                     (long long)(code), (long long)st_);                     \
    } while (0)

/* utest_random: the next number of a xorshift64 sequence in *state (never
 * 0 when the seed is not): the fuzzers' repeatable randomness. */
static inline uint64_t utest_random(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

/* utest_needs_memory: a test that needs a machine with at least `mib` MiB
 * (its `// memory:` line gives it one under make check) says so and exits
 * with 77 ("skipped") when run by hand on a smaller one, instead of
 * failing.  Needs <usmm.h>. */
#define UTEST_NEEDS_MEMORY(name, mib)                                        \
    do {                                                                     \
        struct usmm_meminfo m_;                                              \
        if (usmm_meminfo(&m_) == 0 && m_.total_pages * m_.page_size < (uint64_t)(mib) * 0x100000 * 9 / 10) { \
            printf("%s: needs a machine with %d MiB (make check gives it one; by hand: "   \
                   "make phase1 qemu QEMU_MEM=%dM); skipped\n", name, (int)(mib), (int)(mib)); \
            return 77;                                                       \
        }                                                                    \
    } while (0)

static inline int utest_finish(void)
{
    printf("utest: %d checks, %d failed\n", utest_checks, utest_failures);
    return utest_failures ? 1 : 0;
}

#endif
