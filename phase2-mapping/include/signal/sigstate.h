/*
 * signal/sigstate.h - phase 2's per-task signal state: the action of each
 * signal (rt_sigaction), the alternate stack (sigaltstack), the info of
 * each pending signal (for siginfo_t), and the mask sigsuspend saved.
 *
 * It hangs off task->phase_data[TASK_DATA_SIGNAL], made on first need
 * (sigaction, sigaltstack, a signal sent by a process): a program that
 * never handles a signal costs nothing.  No state means every action is
 * SIG_DFL and there is no alternate stack.  It follows the task through
 * phase 1's task hooks: fork copies it, exec resets the handlers to SIG_DFL
 * (ignored signals stay ignored) and drops the alternate stack, release
 * frees it.
 */
#ifndef SIGNAL_SIGSTATE_H
#define SIGNAL_SIGSTATE_H

#include <arch/trap.h>
#include <proc/signal.h>
#include <proc/task.h>
#include <stdbool.h>
#include <uapi/sigcontext.h>

#define NSIG_WORDS 64               /* signals 1..64 */

struct sigstate {
    struct k_sigaction action[NSIG_WORDS];  /* index sig - 1 */
    struct ksiginfo info[NSIG_WORDS];       /* of each pending signal */
    uint64_t info_valid;                    /* bit sig - 1: info[] was recorded */
    struct user_stack altstack;             /* ss_size 0: none */
    uint64_t saved_mask;                    /* sigsuspend's mask to restore */
    uint64_t waiting;                       /* sigtimedwait's set: never ignored */
    bool saved_mask_valid;
};

#define sigbit(sig) (1ull << ((sig) - 1))

/* sigstate: t's signal state, or NULL if it has none. */
static inline struct sigstate *sigstate(struct task *t)
{
    return t->phase_data[TASK_DATA_SIGNAL];
}

/* sigstate_get: t's signal state, made (all SIG_DFL) if it has none; NULL
 * when out of memory. */
struct sigstate *sigstate_get(struct task *t);

/* sig_action: the action for `sig` of `t` (a SIG_DFL one if no state). */
const struct k_sigaction *sig_action(struct task *t, int sig);

/* sig_default_ignored: is the default action of `sig` to ignore it? */
bool sig_default_ignored(int sig);

/* sig_take_info: the info recorded when `sig` was sent to `t` (then
 * forgotten), or a SI_KERNEL one. */
struct ksiginfo sig_take_info(struct task *t, int sig);

/* sig_flush_pending: drop `sig` if pending (its action became ignore). */
void sig_flush_pending(struct task *t, int sig);

/* on_sig_stack: is user address `sp` on t's alternate stack? */
bool on_sig_stack(struct task *t, uint64_t sp);

/* sas_ss_flags: what sigaltstack reports for t at user `sp`: SS_DISABLE,
 * SS_ONSTACK or 0 (with SS_AUTODISARM if it was set). */
int sas_ss_flags(struct task *t, uint64_t sp);

/* do_sigaltstack: sigaltstack's work, `ss` (NULL: only read) replaces the
 * alt stack, the old one goes to *oss (NULL: not wanted); `sp` is the
 * user's stack pointer.  0, -EPERM (on it), -EINVAL, -ENOMEM (too small). */
int do_sigaltstack(struct task *t, const struct user_stack *ss, struct user_stack *oss,
                   uint64_t sp);

/* Delivery (sigframe.c): the handler hook. */
bool handle_signal(struct task *t, int sig, struct trap_frame *tf);

/* setup_rt_frame: write the frame for `sig` (action `ka`, info `info`,
 * mask to restore `oldmask`) on t's user stack and point `tf` at the
 * handler.  0, or -EFAULT when the frame cannot be written (the caller
 * then kills with SIGSEGV). */
int setup_rt_frame(struct task *t, int sig, const struct k_sigaction *ka,
                   const struct ksiginfo *info, uint64_t oldmask, struct trap_frame *tf);

/* restore_sigcontext (lab 6, solutions/lab6_restore_sigcontext.c): put
 * the registers of `sc` (a kernel copy of what the user handed to
 * rt_sigreturn) into `tf`, and check `fpu` (the kernel copy of the FPU area
 * sc->fpstate points at; NULL when that is 0).  0, or -EFAULT/-EINVAL when
 * the state may not be loaded (the caller kills with SIGSEGV). */
int restore_sigcontext(struct trap_frame *tf, const struct sigcontext *sc,
                       const struct fpu_state *fpu);

/* siginfo_fill: the siginfo_t user space sees for `info`. */
void siginfo_fill(struct siginfo *si, const struct ksiginfo *info);

/* force_sigsegv: the frame for `sig` could not be written: kill with
 * SIGSEGV (SIG_DFL first when `sig` was SIGSEGV), as Linux. */
void force_sigsegv(struct task *t, int sig);

/* The system calls. */
int64_t sys_rt_sigaction(uint64_t sig, uint64_t act, uint64_t oact, uint64_t size);
int64_t sys_sigaltstack(uint64_t ss, uint64_t oss);
int64_t sys_rt_sigpending(uint64_t set, uint64_t size);
int64_t sys_rt_sigreturn(void);
int64_t sys_rt_sigsuspend(uint64_t mask, uint64_t size);
int64_t sys_rt_sigtimedwait(uint64_t set, uint64_t info, uint64_t ts, uint64_t size);

/* sigstate_init: the task and signal hooks of this file. */
void sigstate_init(void);

/* signal_init: the hooks and calls (phase2.c). */
void signal_init(void);

#endif
