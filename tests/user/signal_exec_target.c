// not-a-test: run by signal_abort_exec after execve, reports what it inherited
/*
 * signal_exec_target: exits with a bit mask of what is wrong with the
 * signal state it inherited through execve from signal_abort_exec:
 *   1  SIGUSR1 (had a handler) is not SIG_DFL
 *   2  SIGUSR2 (was SIG_IGN) is not SIG_IGN
 *   4  SIGTERM (was blocked) is not blocked
 *   8  an alternate stack is still set
 *  16  SIGUSR1 handler flags or mask survived
 */
#include <signal.h>
#include <stddef.h>

int main(void)
{
    struct sigaction a;
    sigset_t mask;
    stack_t ss;
    int bad = 0;

    sigaction(SIGUSR1, NULL, &a);
    if (a.sa_handler != SIG_DFL)
        bad |= 1;
    if (a.sa_flags & ~SA_RESTORER)
        bad |= 16;
    sigaction(SIGUSR2, NULL, &a);
    if (a.sa_handler != SIG_IGN)
        bad |= 2;
    sigprocmask(SIG_BLOCK, NULL, &mask);
    if (!sigismember(&mask, SIGTERM))
        bad |= 4;
    sigaltstack(NULL, &ss);
    if (!(ss.ss_flags & SS_DISABLE))
        bad |= 8;
    return bad;
}
