/*
 * <signal.h> - signals: numbers (Linux's, <uapi/signal.h>), kill/raise,
 * and sigaction with the Linux x86-64 kernel's own layout for
 * rt_sigaction, so the library hands the structure over unchanged.
 *
 * A handler returns into __restore_rt (user/lib/sigreturn.asm), which
 * calls rt_sigreturn: sigaction() always sets SA_RESTORER to it, as glibc
 * does, so the kernel never has to put code on the user stack.
 *
 *   SIGSEGV handler with the faulting address:
 *     void on_segv(int sig, siginfo_t *info, void *ctx) { ... info->si_addr ... }
 *     struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
 *     sigaction(SIGSEGV, &sa, NULL);
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>
#include <uapi/signal.h>

typedef int sig_atomic_t;
typedef unsigned long sigset_t;     /* one bit per signal, bit (sig - 1) */
typedef void (*sighandler_t)(int);

#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)

#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO   0x00000004
#define SA_RESTORER  0x04000000
#define SA_ONSTACK   0x08000000
#define SA_RESTART   0x10000000
#define SA_NODEFER   0x40000000
#define SA_RESETHAND 0x80000000
#define SA_NOMASK    SA_NODEFER
#define SA_ONESHOT   SA_RESETHAND

#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* si_code values (more in uapi/signal.h) */
#define SEGV_BNDERR 3
#define BUS_ADRALN 1
#define BUS_OBJERR 3
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3

union sigval {
    int sival_int;
    void *sival_ptr;
};

/* 128 bytes; the per-signal fields start at offset 16, as on Linux */
typedef struct {
    int si_signo;
    int si_errno;
    int si_code;
    int __si_pad0;
    union {
        struct {                    /* kill(), SIGCHLD */
            pid_t si_pid;
            uid_t si_uid;
            int si_status;
        };
        struct {                    /* SIGSEGV, SIGBUS, SIGILL, SIGFPE */
            void *si_addr;          /* the faulting address */
            short si_addr_lsb;
            short __si_pad1;
            int __si_pad2;
            unsigned int si_pkey;   /* SEGV_PKUERR: the key that refused */
        };
        int __si_fields[28];
    };
} siginfo_t;

/* the kernel's struct for rt_sigaction on x86-64 */
struct sigaction {
    union {
        void (*sa_handler)(int);
        void (*sa_sigaction)(int, siginfo_t *, void *);
    };
    unsigned long sa_flags;
    void (*sa_restorer)(void);
    sigset_t sa_mask;
};

int sigaction(int sig, const struct sigaction *act, struct sigaction *old);
sighandler_t signal(int sig, sighandler_t handler);
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
int kill(pid_t pid, int sig);
int raise(int sig);

int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

/* psignal: "s: Segmentation fault" on stderr */
void psignal(int sig, const char *s);

#endif
