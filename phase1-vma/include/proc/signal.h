/*
 * proc/signal.h - signals, phase 1: pending bits, kill(), and the default
 * actions (terminate, or ignore for SIGCHLD, SIGURG, SIGWINCH, SIGCONT;
 * stop signals are ignored: there is no job control, only the process
 * groups that Ctrl-C and kill(-pgid) reach).  A higher phase adds
 * user handlers (sigaction) through signal_set_handler_hook().
 */
#ifndef PROC_SIGNAL_H
#define PROC_SIGNAL_H

#include <arch/trap.h>
#include <proc/task.h>
#include <stdbool.h>
#include <uapi/signal.h>

/* signal_pending: a signal is pending that the task does not block */
static inline bool signal_pending(const struct task *t)
{
    return (t->pending_signals & ~t->blocked_signals) != 0;
}

/* The signals no mask can block. */
#define SIGNALS_UNBLOCKABLE ((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)))

/* do_sigprocmask: rt_sigprocmask's work: SIG_BLOCK (0), SIG_UNBLOCK (1)
 * or SIG_SETMASK (2) with `set` (NULL: only read); the old mask goes to
 * *old when old is not NULL.  0 or -EINVAL. */
int do_sigprocmask(int how, const uint64_t *set, uint64_t *old);

/* What the kernel knows about why a signal was sent: the fields of the
 * siginfo_t a handler gets (phase 2 fills one from this). */
struct ksiginfo {
    int signo;
    int code;           /* SI_USER, SI_TKILL, SI_KERNEL, SEGV_MAPERR, ... */
    int pid, uid;       /* SI_USER, SI_TKILL: the sender */
    uint64_t addr;      /* faults: the address (si_addr) */
    int pkey;           /* SEGV_PKUERR: the protection key (si_pkey) */
    int status;         /* SIGCHLD: exit code or signal (si_status) */
};

/* send_signal_info: make info->signo pending for `t` and wake it if it
 * sleeps, so that it notices on its way back to user mode -- unless `t`
 * ignores it (see signal_set_ignored_hook): then it is dropped and wakes
 * no one.  A signal already pending is not queued twice (standard signals,
 * as Linux): the first one's info stays. */
void send_signal_info(struct task *t, const struct ksiginfo *info);

/* send_signal: send_signal_info with si_code SI_KERNEL. */
void send_signal(struct task *t, int sig);

/* force_sig_info: a synchronous fault of current (SIGSEGV, SIGBUS, SIGILL,
 * SIGFPE, SIGTRAP) that the program cannot refuse, as Linux's
 * force_sig_info: when the signal is blocked or ignored, its action goes
 * back to the default (signal_set_force_hook) and it is unblocked, so the
 * program dies instead of running the faulting instruction for ever. */
void force_sig_info(const struct ksiginfo *info);

/* The hook a higher phase installs to see every signal made pending (to
 * keep its info for the handler's siginfo_t). */
typedef void (*signal_queue_fn)(struct task *t, const struct ksiginfo *info);
void signal_set_queue_hook(signal_queue_fn hook);

/* The hook a higher phase installs to reset `sig`'s action of `t` to the
 * default (force_sig_info on a blocked or ignored signal). */
typedef void (*signal_force_fn)(struct task *t, int sig);
void signal_set_force_hook(signal_force_fn hook);

/* do_kill: kill(2).  sig 0 only checks that the process exists. */
int do_kill(int pid, int sig);

/* do_kill_info: do_kill with the si_code the receiver sees (SI_USER for
 * kill, SI_TKILL for tkill/tgkill); the sender is current. */
int do_kill_info(int pid, int sig, int code);

/* kill_pgrp: send `sig` to every process of group `pgid` (init excepted,
 * as in do_kill); -ESRCH when the group is empty. */
int kill_pgrp(int pgid, int sig);

/* signal_deliver: act on the pending signals of current (called on the
 * way back to ring 3, interrupts off).  May not return (the task exits). */
void signal_deliver(struct trap_frame *tf);

/* The hook a higher phase installs to run user handlers: return true when
 * it arranged for `tf` to enter the handler for `sig` (the signal is then
 * consumed), false to fall back to the default action. */
typedef bool (*signal_handler_hook_fn)(struct task *t, int sig, struct trap_frame *tf);
void signal_set_handler_hook(signal_handler_hook_fn hook);

/* The hook a higher phase installs to say whether `t` ignores `sig` (its
 * disposition and mask); without one, the defaults: SIGCHLD, SIGURG,
 * SIGWINCH, SIGCONT and the stop signals are ignored.  Never asked for
 * SIGKILL. */
typedef bool (*signal_ignored_fn)(struct task *t, int sig);
void signal_set_ignored_hook(signal_ignored_fn hook);

/* The hook a higher phase installs to say whether `t` has a handler of
 * its own for `sig` (not SIG_DFL or SIG_IGN). */
typedef bool (*signal_handled_fn)(struct task *t, int sig);
void signal_set_handled_hook(signal_handled_fn hook);

/* signal_unhandled: no handler of t's own will see `sig`: then, as Linux
 * (show_unhandled_signals), the kernel logs the fault that sends it. */
bool signal_unhandled(struct task *t, int sig);

/* signal_name: "SIGSEGV", ... */
const char *signal_name(int sig);

/* user_exception: turn an exception from ring 3 (other than a page fault
 * the mm resolved) into a signal, with one log line like Linux's. */
void user_exception(struct trap_frame *tf);

#endif
