// phases: 1 3
/*
 * mask_limits_advice: what musl asks of the kernel besides memory and
 * files, as Linux answers: the signal mask (a blocked signal waits until
 * it is unblocked; SIGKILL cannot be blocked), resource limits (prlimit64,
 * getrlimit, setrlimit), getrandom, and madvise (DONTNEED gives zeroed
 * pages back; hints are accepted; Linux's errors).
 */
#include "utest.h"
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>

static void blocked_then_unblocked(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigprocmask(SIG_BLOCK, &set, NULL);
    kill(getpid(), SIGTERM);            /* pending, blocked: we go on */
    nanosleep(&(struct timespec){ 0, 20000000 }, NULL);
    sigprocmask(SIG_UNBLOCK, &set, NULL);   /* delivered now */
    _exit(3);
}

static void sigkill_cannot_be_blocked(void)
{
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, NULL);
    kill(getpid(), SIGKILL);
    _exit(4);
}

int main(void)
{
    sigset_t set, old;
    struct rlimit lim, saved;
    unsigned char random_bytes[64] = { 0 };
    char *p;
    int nonzero = 0;

    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    EXPECT_EQ("sigprocmask_block", 0, sigprocmask(SIG_BLOCK, &set, &old));
    EXPECT_EQ("sigprocmask_reads_the_mask_back", 1,
              (sigprocmask(SIG_BLOCK, NULL, &old), sigismember(&old, SIGUSR1)));
    EXPECT_ERRNO("sigprocmask_bad_how_is_einval", syscall(SYS_rt_sigprocmask, 7, &set, NULL, 8),
                 EINVAL);
    EXPECT_ERRNO("sigprocmask_bad_size_is_einval",
                 syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 4), EINVAL);
    EXPECT_ERRNO("sigprocmask_bad_pointer_is_efault",
                 syscall(SYS_rt_sigprocmask, SIG_BLOCK, (void *)8, NULL, 8), EFAULT);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    EXPECT_SIGNAL("a_blocked_signal_waits_for_the_unblock", SIGTERM, blocked_then_unblocked());
    EXPECT_SIGNAL("sigkill_cannot_be_blocked", SIGKILL, sigkill_cannot_be_blocked());

    EXPECT_EQ("getrlimit_stack", 0, getrlimit(RLIMIT_STACK, &lim));
    EXPECT_EQ("stack_limit_is_8_mib", 8 << 20, (long)lim.rlim_cur);
    EXPECT_EQ("getrlimit_nofile", 0, getrlimit(RLIMIT_NOFILE, &saved));
    lim = saved;
    lim.rlim_cur = 16;
    EXPECT_EQ("setrlimit_lowers_the_soft_limit", 0, setrlimit(RLIMIT_NOFILE, &lim));
    EXPECT_EQ("getrlimit_reads_it_back", 16, (getrlimit(RLIMIT_NOFILE, &lim), (long)lim.rlim_cur));
    EXPECT_EXIT("fork_inherits_limits", 16, _exit(getrlimit(RLIMIT_NOFILE, &lim) == 0 ?
                                                       (int)lim.rlim_cur : 99));
    lim.rlim_cur = lim.rlim_max + 1;
    EXPECT_ERRNO("soft_above_hard_is_einval", setrlimit(RLIMIT_NOFILE, &lim), EINVAL);
    setrlimit(RLIMIT_NOFILE, &saved);
    EXPECT_ERRNO("unknown_resource_is_einval", getrlimit(99, &lim), EINVAL);
    EXPECT_ERRNO("prlimit_of_nobody_is_esrch",
                 syscall(SYS_prlimit64, 99999, RLIMIT_STACK, NULL, &lim), ESRCH);

    EXPECT_EQ("getrandom_fills_the_buffer", 64, getrandom(random_bytes, 64, 0));
    for (int i = 0; i < 64; i++)
        nonzero += random_bytes[i] != 0;
    EXPECT_TRUE("random_bytes_are_not_all_zero", nonzero > 32);
    EXPECT_ERRNO("getrandom_bad_flags_is_einval", getrandom(random_bytes, 8, 0x80), EINVAL);
    EXPECT_ERRNO("getrandom_bad_buffer_is_efault", getrandom((void *)8, 8, 0), EFAULT);

    p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(p, 'x', 4 * 4096);
    EXPECT_EQ("madvise_dontneed", 0, madvise(p + 4096, 2 * 4096, MADV_DONTNEED));
    EXPECT_EQ("dontneed_pages_read_zero", 0, p[4096] | p[2 * 4096]);
    EXPECT_EQ("other_pages_keep_their_data", 'x', p[0] & p[3 * 4096]);
    EXPECT_EQ("madvise_hints_are_accepted", 0, madvise(p, 4 * 4096, MADV_SEQUENTIAL) |
                                                   madvise(p, 4 * 4096, MADV_WILLNEED));
    EXPECT_EQ("madvise_length_0_is_0", 0, madvise(p, 0, MADV_DONTNEED));
    EXPECT_ERRNO("madvise_unaligned_is_einval", madvise(p + 1, 4096, MADV_DONTNEED), EINVAL);
    EXPECT_ERRNO("madvise_unknown_advice_is_einval", madvise(p, 4096, 77), EINVAL);
    munmap(p + 2 * 4096, 4096);
    EXPECT_ERRNO("madvise_over_a_hole_is_enomem", madvise(p, 4 * 4096, MADV_WILLNEED), ENOMEM);
    EXPECT_ERRNO("dontneed_over_a_hole_is_enomem", madvise(p, 4 * 4096, MADV_DONTNEED), ENOMEM);
    EXPECT_EQ("but_still_drops_the_pages_it_covers", 0, p[0] | p[3 * 4096]);
    munmap(p, 4 * 4096);
    return utest_finish();
}
