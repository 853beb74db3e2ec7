// phases: 2 3
// lab: 6
/*
 * signal_handlers: sigaction handlers run and return as on Linux: the
 * siginfo of kill (SI_USER with the sender's pid and uid) and raise
 * (SI_TKILL), the mask while a handler runs (old mask | sa_mask | the
 * signal) and after it returns, SA_RESETHAND, SA_NODEFER, a signal that
 * arrives inside another's handler (nested frames), SIG_IGN, signal(), the
 * old action read back, and rt_sigaction's errors.  Built with musl-gcc
 * -static it gives the same lines on Linux.
 */
#include "utest.h"
#include <sys/syscall.h>

static volatile int hits, depth, max_depth, last_code, last_pid, last_uid, last_signo;
static volatile sigset_t mask_in_handler;
static volatile int usr2_inside_usr1;

static void info_handler(int sig, siginfo_t *si, void *uc)
{
    hits++;
    last_signo = si->si_signo;
    last_code = si->si_code;
    last_pid = si->si_pid;
    last_uid = (int)si->si_uid;
    sigprocmask(SIG_BLOCK, NULL, (sigset_t *)&mask_in_handler);
}

static void plain_handler(int sig)
{
    hits++;
}

static volatile int raised_again;

static void nested_usr1(int sig)
{
    depth++;
    if (depth > max_depth)
        max_depth = depth;
    if (!raised_again++)
        raise(SIGUSR1);         /* SA_NODEFER: runs at once, nested */
    depth--;
}

static void usr2_handler(int sig)
{
    usr2_inside_usr1 = depth;
}

static void usr1_raises_usr2(int sig)
{
    depth = 1;
    raise(SIGUSR2);             /* not blocked: a second frame on top */
    depth = 0;
}

static int install(int sig, void (*fn)(int), int flags, int masked)
{
    struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };
    sigemptyset(&sa.sa_mask);
    if (masked)
        sigaddset(&sa.sa_mask, masked);
    return sigaction(sig, &sa, NULL);
}

static void siginfo_of_kill_and_raise(void)
{
    struct sigaction sa = { .sa_sigaction = info_handler, .sa_flags = SA_SIGINFO };
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    EXPECT_EQ("sigaction_installs_handler", 0, sigaction(SIGUSR1, &sa, NULL));

    hits = 0;
    EXPECT_EQ("kill_self_returns_0", 0, kill(getpid(), SIGUSR1));
    EXPECT_EQ("kill_handler_ran_once", 1, hits);
    EXPECT_EQ("kill_si_signo", SIGUSR1, last_signo);
    EXPECT_EQ("kill_si_code_is_SI_USER", SI_USER, last_code);
    EXPECT_EQ("kill_si_pid_is_sender", getpid(), last_pid);
    EXPECT_EQ("kill_si_uid_is_sender", getuid(), last_uid);
    EXPECT_EQ("mask_in_handler_has_signal", 1, sigismember((sigset_t *)&mask_in_handler, SIGUSR1));
    EXPECT_EQ("mask_in_handler_has_sa_mask", 1, sigismember((sigset_t *)&mask_in_handler, SIGUSR2));
    EXPECT_EQ("mask_in_handler_not_others", 0, sigismember((sigset_t *)&mask_in_handler, SIGTERM));

    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    EXPECT_EQ("mask_restored_after_handler", 0, sigismember(&now, SIGUSR1));
    EXPECT_EQ("sa_mask_gone_after_handler", 0, sigismember(&now, SIGUSR2));

    hits = 0;
    EXPECT_EQ("raise_returns_0", 0, raise(SIGUSR1));
    EXPECT_EQ("raise_handler_ran", 1, hits);
    EXPECT_EQ("raise_si_code_is_SI_TKILL", SI_TKILL, last_code);
    EXPECT_EQ("raise_si_pid_is_self", getpid(), last_pid);

    hits = 0;
    EXPECT_EQ("tgkill_returns_0", 0, (int)syscall(SYS_tgkill, getpid(), getpid(), SIGUSR1));
    EXPECT_EQ("tgkill_si_code_is_SI_TKILL", SI_TKILL, last_code);
}

static void blocked_signal_waits_for_unblock(void)
{
    sigset_t set;
    install(SIGUSR2, plain_handler, 0, 0);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    hits = 0;
    raise(SIGUSR2);
    raise(SIGUSR2);             /* a standard signal is pending once */
    EXPECT_EQ("blocked_signal_not_delivered", 0, hits);
    sigpending(&set);
    EXPECT_EQ("blocked_signal_is_pending", 1, sigismember(&set, SIGUSR2));
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    EXPECT_EQ("unblock_delivers_once", 1, hits);
}

static void resethand_and_nodefer(void)
{
    struct sigaction old;

    install(SIGUSR1, plain_handler, SA_RESETHAND, 0);
    hits = 0;
    raise(SIGUSR1);
    EXPECT_EQ("resethand_handler_ran", 1, hits);
    sigaction(SIGUSR1, NULL, &old);
    EXPECT_TRUE("resethand_action_back_to_default", old.sa_handler == SIG_DFL);
    EXPECT_SIGNAL("resethand_second_signal_kills", SIGUSR1, raise(SIGUSR1));

    install(SIGUSR1, nested_usr1, SA_NODEFER, 0);
    depth = max_depth = raised_again = 0;
    raise(SIGUSR1);
    EXPECT_EQ("nodefer_handler_nests", 2, max_depth);

    install(SIGUSR1, usr1_raises_usr2, 0, 0);
    install(SIGUSR2, usr2_handler, 0, 0);
    usr2_inside_usr1 = -1;
    raise(SIGUSR1);
    EXPECT_EQ("nested_signal_runs_inside_handler", 1, usr2_inside_usr1);

    install(SIGUSR1, nested_usr1, 0, 0);
    depth = max_depth = raised_again = 0;
    raise(SIGUSR1);
    EXPECT_EQ("without_nodefer_signal_deferred", 1, max_depth);
    EXPECT_EQ("deferred_signal_ran_after_return", 2, raised_again);
}

static void ignore_and_errors(void)
{
    struct sigaction sa = { .sa_handler = SIG_IGN }, old;

    EXPECT_EQ("sig_ign_installs", 0, sigaction(SIGUSR1, &sa, NULL));
    EXPECT_EQ("ignored_raise_returns_0", 0, raise(SIGUSR1));
    EXPECT_TRUE("signal_returns_old_handler", signal(SIGUSR1, plain_handler) == SIG_IGN);
    sigaction(SIGUSR1, NULL, &old);
    EXPECT_TRUE("oldact_reads_handler", old.sa_handler == plain_handler);
    EXPECT_ERRNO("sigaction_sigkill_einval", sigaction(SIGKILL, &sa, NULL), EINVAL);
    EXPECT_ERRNO("sigaction_sigstop_einval", sigaction(SIGSTOP, &sa, NULL), EINVAL);
    EXPECT_EQ("sigaction_sigkill_read_ok", 0, sigaction(SIGKILL, NULL, &old));
    EXPECT_ERRNO("rt_sigaction_sig0_einval",
                 syscall(SYS_rt_sigaction, 0, NULL, &old, 8), EINVAL);
    EXPECT_ERRNO("rt_sigaction_sig65_einval",
                 syscall(SYS_rt_sigaction, 65, NULL, &old, 8), EINVAL);
    EXPECT_ERRNO("rt_sigaction_setsize_einval",
                 syscall(SYS_rt_sigaction, SIGUSR1, NULL, &old, 16), EINVAL);
    EXPECT_ERRNO("rt_sigaction_bad_act_efault",
                 syscall(SYS_rt_sigaction, SIGUSR1, (void *)8, NULL, 8), EFAULT);
    EXPECT_ERRNO("rt_sigaction_bad_oact_efault",
                 syscall(SYS_rt_sigaction, SIGUSR1, NULL, (void *)8, 8), EFAULT);

    /* a pending signal set to SIG_IGN is discarded */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    signal(SIGUSR1, SIG_IGN);
    sigpending(&set);
    EXPECT_EQ("sig_ign_discards_pending", 0, sigismember(&set, SIGUSR1));
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    signal(SIGUSR1, SIG_DFL);
}

/* no_restorer: a handler installed without SA_RESTORER (raw syscall):
 * x86-64 has no default return path, so delivery is SIGSEGV, as Linux. */
static void no_restorer(void)
{
    struct { void (*h)(int); unsigned long flags; void *restorer; unsigned long mask; } ka =
        { plain_handler, 0, NULL, 0 };
    syscall(SYS_rt_sigaction, SIGUSR1, &ka, NULL, 8);
    raise(SIGUSR1);
    _exit(3);
}

static void fork_keeps_handlers(void)
{
    install(SIGUSR1, plain_handler, 0, 0);
    EXPECT_EXIT("fork_child_keeps_handler", 7, {
        hits = 0;
        raise(SIGUSR1);
        _exit(hits == 1 ? 7 : 1);
    });
    signal(SIGUSR1, SIG_DFL);
}

int main(void)
{
    siginfo_of_kill_and_raise();
    blocked_signal_waits_for_unblock();
    resethand_and_nodefer();
    ignore_and_errors();
    fork_keeps_handlers();
    EXPECT_SIGNAL("handler_without_sa_restorer_sigsegv", SIGSEGV, no_restorer());
    return utest_finish();
}
