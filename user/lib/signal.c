/*
 * user/lib/signal.c - signal handlers, masks, kill/raise, siglongjmp.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "syscall.h"

void __restore_rt(void);        /* sigreturn.asm */

/* sigaction: rt_sigaction with our restorer, so that the handler returns
 * through rt_sigreturn (see <signal.h>).  The kernel copies the struct. */
int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
    struct sigaction with_restorer;

    if (act != NULL) {
        with_restorer = *act;
        with_restorer.sa_flags |= SA_RESTORER;
        with_restorer.sa_restorer = __restore_rt;
        act = &with_restorer;
    }
    return (int)syscall_return(syscall4(SYS_rt_sigaction, sig, (long)act, (long)old,
                                        sizeof(sigset_t)));
}

/* signal: the BSD (and glibc) meaning: the handler stays installed and
 * interrupted system calls restart */
sighandler_t signal(int sig, sighandler_t handler)
{
    struct sigaction act = { .sa_handler = handler, .sa_flags = SA_RESTART };
    struct sigaction old;

    if (sigaction(sig, &act, &old) < 0)
        return SIG_ERR;
    return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
    return (int)syscall_return(syscall4(SYS_rt_sigprocmask, how, (long)set, (long)old,
                                        sizeof(sigset_t)));
}

int kill(pid_t pid, int sig)
{
    return (int)syscall_return(syscall2(SYS_kill, pid, sig));
}

int raise(int sig)
{
    return kill(getpid(), sig);
}

/* sigset_t has bit (sig - 1) for each signal 1..64 */
static int valid_signal(int sig)
{
    if (sig < 1 || sig >= NSIG) {
        errno = EINVAL;
        return 0;
    }
    return 1;
}

int sigemptyset(sigset_t *set)
{
    *set = 0;
    return 0;
}

int sigfillset(sigset_t *set)
{
    *set = ~0UL;
    return 0;
}

int sigaddset(sigset_t *set, int sig)
{
    if (!valid_signal(sig))
        return -1;
    *set |= 1UL << (sig - 1);
    return 0;
}

int sigdelset(sigset_t *set, int sig)
{
    if (!valid_signal(sig))
        return -1;
    *set &= ~(1UL << (sig - 1));
    return 0;
}

int sigismember(const sigset_t *set, int sig)
{
    if (!valid_signal(sig))
        return -1;
    return (*set >> (sig - 1)) & 1;
}

void psignal(int sig, const char *s)
{
    if (s != NULL && *s != '\0')
        fprintf(stderr, "%s: %s\n", s, strsignal(sig));
    else
        fprintf(stderr, "%s\n", strsignal(sig));
}

/* __libc_save_sigmask: the second half of sigsetjmp(env, 1), reached by a
 * tail jump from setjmp.asm: store the current mask in env, return 0. */
int __libc_save_sigmask(sigjmp_buf env)
{
    sigprocmask(SIG_BLOCK, NULL, &env->mask);
    return 0;
}

/* siglongjmp: restore the mask sigsetjmp saved, if it did, then jump.
 * A handler that leaves this way unblocks its own signal again. */
void siglongjmp(sigjmp_buf env, int value)
{
    if (env->mask_saved)
        sigprocmask(SIG_SETMASK, &env->mask, NULL);
    longjmp(env, value);
}
