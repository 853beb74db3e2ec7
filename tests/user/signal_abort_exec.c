// phases: 2 3
/*
 * signal_abort_exec: abort() ends the program with SIGABRT even when a
 * SIGABRT handler returns or SIGABRT is ignored (musl's abort puts the
 * default back), and a handler may siglongjmp out of it; raise() of a
 * signal with the default action kills with it.  execve keeps the mask and
 * ignored signals, resets handled ones to SIG_DFL and drops the alternate
 * stack (signal_exec_target checks).  Same lines on Linux.
 */
#include "utest.h"
#include <setjmp.h>

static sigjmp_buf jump;
static volatile int hits;
static char alt[16384];

static void count(int sig)
{
    hits++;
}

static void leave(int sig)
{
    siglongjmp(jump, 1);
}

static void abort_with_returning_handler(void)
{
    signal(SIGABRT, count);
    abort();
}

static void abort_ignored(void)
{
    signal(SIGABRT, SIG_IGN);
    abort();
}

static void abort_left_by_longjmp(void)
{
    signal(SIGABRT, leave);
    if (!sigsetjmp(jump, 1))
        abort();
    _exit(4);
}

static void exec_with_state(void)
{
    struct sigaction sa = { .sa_handler = count, .sa_flags = SA_RESTART | SA_ONSTACK };
    stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt) };
    sigset_t set;
    char *argv[] = { "signal_exec_target", NULL };

    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGHUP);
    sigaction(SIGUSR1, &sa, NULL);
    signal(SIGUSR2, SIG_IGN);
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigprocmask(SIG_BLOCK, &set, NULL);
    sigaltstack(&ss, NULL);
    execve("signal_exec_target", argv, NULL);
    _exit(100);
}

int main(void)
{
    EXPECT_SIGNAL("abort_kills_with_sigabrt", SIGABRT, abort());
    EXPECT_SIGNAL("abort_after_returning_handler_sigabrt", SIGABRT,
                  abort_with_returning_handler());
    EXPECT_SIGNAL("abort_while_ignored_sigabrt", SIGABRT, abort_ignored());
    EXPECT_EXIT("abort_handler_may_siglongjmp_out", 4, abort_left_by_longjmp());
    EXPECT_SIGNAL("raise_default_action_kills", SIGTERM, raise(SIGTERM));
    EXPECT_SIGNAL("raise_sigusr1_default_kills", SIGUSR1, raise(SIGUSR1));
    EXPECT_EXIT("raise_sigchld_default_ignored", 0, raise(SIGCHLD));
    EXPECT_EXIT("exec_resets_handlers_keeps_ignored_and_mask", 0, exec_with_state());
    return utest_finish();
}
