// phases: 2 3
/*
 * signal_wait_calls: waiting for signals as on Linux: sigsuspend runs the
 * handler under its temporary mask and returns EINTR with the old mask
 * back; sigtimedwait takes a blocked pending signal with its siginfo
 * (SI_TKILL from raise, SI_USER and the sender's pid from kill), times
 * out with EAGAIN and refuses a bad timespec; SIGCHLD says which child
 * ended and how (CLD_EXITED/CLD_KILLED, si_pid, si_status); pause returns EINTR after a
 * handler; SA_RESTART restarts an interrupted wait4, without it wait4 says
 * EINTR, and nanosleep says EINTR either way.  Same lines on Linux.
 */
#include "utest.h"
#include <time.h>

#define MS(n) (&(struct timespec){ 0, (n) * 1000000L })

static volatile int hits;
static volatile sigset_t mask_in_handler;

static void handler(int sig)
{
    hits++;
    sigprocmask(SIG_BLOCK, NULL, (sigset_t *)&mask_in_handler);
}

static void on(int sig, int flags)
{
    struct sigaction sa = { .sa_handler = handler, .sa_flags = flags };
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

/* signal_me_later: a child that sends `sig` to us after `ms`, then exits
 * with `code` after `ms` more.  Returns its pid. */
static pid_t signal_me_later(int sig, int ms, int code)
{
    pid_t parent = getpid(), pid = fork();
    if (pid == 0) {
        nanosleep(MS(ms), NULL);
        kill(parent, sig);
        nanosleep(MS(ms), NULL);
        _exit(code);
    }
    return pid;
}

static void block(int sig, int how)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(how, &set, NULL);
}

static void sigsuspend_works(void)
{
    sigset_t wait_mask, now;
    pid_t pid;
    int r;

    on(SIGUSR1, 0);
    block(SIGUSR1, SIG_BLOCK);
    pid = signal_me_later(SIGUSR1, 20, 0);
    sigemptyset(&wait_mask);
    sigaddset(&wait_mask, SIGTERM);
    hits = 0;
    errno = 0;
    r = sigsuspend(&wait_mask);
    EXPECT_EQ("sigsuspend_returns_minus_1", -1, r);
    EXPECT_EQ("sigsuspend_errno_eintr", EINTR, errno);
    EXPECT_EQ("sigsuspend_handler_ran", 1, hits);
    EXPECT_EQ("sigsuspend_handler_mask_has_temp_mask", 1,
              sigismember((sigset_t *)&mask_in_handler, SIGTERM));
    sigprocmask(SIG_BLOCK, NULL, &now);
    EXPECT_EQ("sigsuspend_old_mask_back", 1, sigismember(&now, SIGUSR1));
    EXPECT_EQ("sigsuspend_temp_mask_gone", 0, sigismember(&now, SIGTERM));
    waitpid(pid, NULL, 0);
    block(SIGUSR1, SIG_UNBLOCK);
}

static void sigtimedwait_works(void)
{
    sigset_t set;
    siginfo_t si;
    pid_t pid;

    block(SIGUSR2, SIG_BLOCK);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    raise(SIGUSR2);
    sigpending(&set);
    EXPECT_EQ("sigpending_shows_blocked_signal", 1, sigismember(&set, SIGUSR2));
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    memset(&si, 0, sizeof(si));
    EXPECT_EQ("sigtimedwait_takes_pending", SIGUSR2, sigtimedwait(&set, &si, MS(0)));
    EXPECT_EQ("sigtimedwait_si_signo", SIGUSR2, si.si_signo);
    EXPECT_EQ("sigtimedwait_si_code_SI_TKILL", SI_TKILL, si.si_code);
    EXPECT_EQ("sigtimedwait_si_pid_self", getpid(), si.si_pid);
    sigpending(&set);
    EXPECT_EQ("sigtimedwait_clears_pending", 0, sigismember(&set, SIGUSR2));

    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    EXPECT_ERRNO("sigtimedwait_times_out_eagain", sigtimedwait(&set, &si, MS(10)), EAGAIN);
    EXPECT_ERRNO("sigtimedwait_zero_timeout_eagain", sigtimedwait(&set, &si, MS(0)), EAGAIN);
    EXPECT_ERRNO("sigtimedwait_bad_nsec_einval",
                 sigtimedwait(&set, &si, &(struct timespec){ 0, 1000000000L }), EINVAL);

    pid = signal_me_later(SIGUSR2, 10, 0);
    memset(&si, 0, sizeof(si));
    EXPECT_EQ("sigwaitinfo_waits_for_kill", SIGUSR2, sigwaitinfo(&set, &si));
    EXPECT_EQ("sigwaitinfo_si_code_SI_USER", SI_USER, si.si_code);
    EXPECT_EQ("sigwaitinfo_si_pid_sender", pid, si.si_pid);
    waitpid(pid, NULL, 0);
    block(SIGUSR2, SIG_UNBLOCK);
}

static void pause_and_restart(void)
{
    pid_t pid;
    int status = 0, r;

    on(SIGUSR1, 0);
    pid = signal_me_later(SIGUSR1, 20, 0);
    hits = 0;
    errno = 0;
    r = pause();
    EXPECT_TRUE("pause_eintr_after_handler", r == -1 && errno == EINTR && hits == 1);
    waitpid(pid, NULL, 0);

    on(SIGUSR1, SA_RESTART);
    pid = signal_me_later(SIGUSR1, 20, 9);
    hits = 0;
    r = waitpid(pid, &status, 0);
    EXPECT_EQ("sa_restart_wait4_restarted", pid, r);
    EXPECT_EQ("sa_restart_wait4_status", 9, WEXITSTATUS(status));
    EXPECT_EQ("sa_restart_handler_ran", 1, hits);

    on(SIGUSR1, 0);
    pid = signal_me_later(SIGUSR1, 20, 9);
    EXPECT_ERRNO("no_sa_restart_wait4_eintr", waitpid(pid, &status, 0), EINTR);
    waitpid(pid, NULL, 0);

    on(SIGUSR1, SA_RESTART);
    pid = signal_me_later(SIGUSR1, 20, 0);
    EXPECT_ERRNO("sa_restart_nanosleep_still_eintr", nanosleep(MS(200), NULL), EINTR);
    waitpid(pid, NULL, 0);
    signal(SIGUSR1, SIG_DFL);
}

static void sigchld_siginfo(void)
{
    sigset_t set;
    siginfo_t si;
    pid_t pid;

    block(SIGCHLD, SIG_BLOCK);
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    pid = fork();
    if (pid == 0)
        _exit(7);
    memset(&si, 0, sizeof(si));
    EXPECT_EQ("sigchld_waited_for", SIGCHLD, sigwaitinfo(&set, &si));
    EXPECT_EQ("sigchld_si_code_CLD_EXITED", CLD_EXITED, si.si_code);
    EXPECT_EQ("sigchld_si_pid_is_child", pid, si.si_pid);
    EXPECT_EQ("sigchld_si_status_is_exit_code", 7, si.si_status);
    waitpid(pid, NULL, 0);
    pid = fork();
    if (pid == 0) {
        raise(SIGTERM);
        _exit(1);
    }
    memset(&si, 0, sizeof(si));
    sigwaitinfo(&set, &si);
    EXPECT_EQ("sigchld_si_code_CLD_KILLED", CLD_KILLED, si.si_code);
    EXPECT_EQ("sigchld_si_status_is_signal", SIGTERM, si.si_status);
    waitpid(pid, NULL, 0);
    block(SIGCHLD, SIG_UNBLOCK);
}

int main(void)
{
    sigchld_siginfo();
    sigsuspend_works();
    sigtimedwait_works();
    pause_and_restart();
    return utest_finish();
}
