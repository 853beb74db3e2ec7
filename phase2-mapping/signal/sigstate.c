/*
 * phase2-mapping/signal/sigstate.c - each task's signal actions, the info
 * of its pending signals and its alternate stack (signal/sigstate.h), kept
 * in task->phase_data[TASK_DATA_SIGNAL] through phase 1's task hooks
 * (task_add_hooks) and signal hooks (signal_set_ignored_hook,
 * signal_set_queue_hook, signal_set_force_hook).
 */
#include <arch/cpu.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <signal/sigstate.h>
#include <uapi/errno.h>

static const struct k_sigaction default_action;     /* SIG_DFL, no flags */

struct sigstate *sigstate_get(struct task *t)
{
    struct sigstate *s = sigstate(t);
    if (!s) {
        s = kzalloc(sizeof(*s));
        t->phase_data[TASK_DATA_SIGNAL] = s;
    }
    return s;
}

const struct k_sigaction *sig_action(struct task *t, int sig)
{
    struct sigstate *s = sigstate(t);
    return s ? &s->action[sig - 1] : &default_action;
}

bool sig_default_ignored(int sig)
{
    switch (sig) {
    case SIGCHLD: case SIGURG: case SIGWINCH: case SIGCONT:
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:    /* no job control */
        return true;
    default:
        return false;
    }
}

/* sig_ignored: the ignored hook: would `sig` do nothing at all to `t`? */
static bool sig_ignored(struct task *t, int sig)
{
    uint64_t handler = sig_action(t, sig)->handler;

    if (sigstate(t) && (sigstate(t)->waiting & sigbit(sig)))
        return false;               /* sigtimedwait wants it */
    if (handler == SIG_IGN_HANDLER)
        return true;
    return handler == SIG_DFL_HANDLER && sig_default_ignored(sig);
}

/* sig_handled: the handled hook: has `t` a handler of its own for `sig`? */
static bool sig_handled(struct task *t, int sig)
{
    uint64_t handler = sig_action(t, sig)->handler;
    return handler != SIG_DFL_HANDLER && handler != SIG_IGN_HANDLER;
}

/* sig_queued: the queue hook: keep the info of a signal just made
 * pending.  A task without state gets one for a signal a process sent
 * (its info is what sigtimedwait reports); the kernel's own (SI_KERNEL,
 * possibly from an interrupt) needs none: it is the default. */
static void sig_queued(struct task *t, const struct ksiginfo *info)
{
    struct sigstate *s = sigstate(t);
    int sig = info->signo;

    if (!s && info->code != SI_KERNEL)
        s = sigstate_get(t);
    if (!s)
        return;
    s->info[sig - 1] = *info;
    s->info_valid |= sigbit(sig);
}

/* sig_force_default: the force hook: `sig` back to SIG_DFL. */
static void sig_force_default(struct task *t, int sig)
{
    struct sigstate *s = sigstate(t);
    if (s)
        s->action[sig - 1] = default_action;
}

struct ksiginfo sig_take_info(struct task *t, int sig)
{
    struct sigstate *s = sigstate(t);
    struct ksiginfo info = { .signo = sig, .code = SI_KERNEL, .pkey = -1 };

    if (s && (s->info_valid & sigbit(sig))) {
        info = s->info[sig - 1];
        s->info_valid &= ~sigbit(sig);
    }
    return info;
}

void sig_flush_pending(struct task *t, int sig)
{
    uint64_t flags = irq_save();
    t->pending_signals &= ~sigbit(sig);
    if (sigstate(t))
        sigstate(t)->info_valid &= ~sigbit(sig);
    irq_restore(flags);
}

/* sig_fork: the child gets a copy of the parent's actions, mask (phase 1
 * copies that) and alternate stack, none of its pending signals. */
static int sig_fork(struct task *child, struct task *parent)
{
    struct sigstate *p = sigstate(parent), *c;

    if (!p)
        return 0;
    c = kmalloc(sizeof(*c));
    if (!c)
        return -ENOMEM;
    memcpy(c, p, sizeof(*c));
    c->info_valid = 0;
    c->saved_mask_valid = false;
    c->waiting = 0;
    child->phase_data[TASK_DATA_SIGNAL] = c;
    return 0;
}

/* sig_exec: a new program: handlers back to SIG_DFL (it has not got them),
 * ignored signals stay ignored, no alternate stack; the mask and the
 * pending signals stay, as POSIX says. */
static void sig_exec(struct task *t)
{
    struct sigstate *s = sigstate(t);

    if (!s)
        return;
    for (int i = 0; i < NSIG_WORDS; i++) {
        bool ignored = s->action[i].handler == SIG_IGN_HANDLER;
        s->action[i] = default_action;
        if (ignored)
            s->action[i].handler = SIG_IGN_HANDLER;
    }
    s->altstack = (struct user_stack){ .ss_flags = SS_DISABLE };
    s->saved_mask_valid = false;
}

static void sig_release(struct task *t)
{
    kfree(sigstate(t));
    t->phase_data[TASK_DATA_SIGNAL] = NULL;
}

static const struct task_hooks sig_task_hooks = {
    .fork = sig_fork,
    .exec = sig_exec,
    .release = sig_release,
};

bool on_sig_stack(struct task *t, uint64_t sp)
{
    struct sigstate *s = sigstate(t);

    if (!s || !s->altstack.ss_size || (s->altstack.ss_flags & SS_AUTODISARM))
        return false;
    /* the stack grows down: its top (ss_sp + ss_size) is on it, its base not */
    return sp > s->altstack.ss_sp && sp - s->altstack.ss_sp <= s->altstack.ss_size;
}

int sas_ss_flags(struct task *t, uint64_t sp)
{
    struct sigstate *s = sigstate(t);

    if (!s || !s->altstack.ss_size)
        return SS_DISABLE;
    return on_sig_stack(t, sp) ? SS_ONSTACK : (int)(s->altstack.ss_flags & SS_AUTODISARM);
}

int do_sigaltstack(struct task *t, const struct user_stack *ss, struct user_stack *oss,
                   uint64_t sp)
{
    struct sigstate *s = sigstate(t);
    int mode;

    if (oss) {
        *oss = s ? s->altstack : (struct user_stack){ 0 };
        oss->ss_flags = sas_ss_flags(t, sp);
        oss->pad = 0;
    }
    if (!ss)
        return 0;
    if (on_sig_stack(t, sp))
        return -EPERM;
    mode = ss->ss_flags & ~(int)SS_AUTODISARM;
    if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
        return -EINVAL;
    if (mode != SS_DISABLE && ss->ss_size < MINSIGSTKSZ)
        return -ENOMEM;
    s = sigstate_get(t);
    if (!s)
        return -ENOMEM;
    if (mode == SS_DISABLE)
        s->altstack = (struct user_stack){ 0 };
    else
        s->altstack = (struct user_stack){ .ss_sp = ss->ss_sp, .ss_size = ss->ss_size,
                                           .ss_flags = ss->ss_flags & (int)SS_AUTODISARM };
    return 0;
}

void sigstate_init(void)
{
    task_add_hooks(&sig_task_hooks);
    signal_set_ignored_hook(sig_ignored);
    signal_set_queue_hook(sig_queued);
    signal_set_force_hook(sig_force_default);
    signal_set_handled_hook(sig_handled);
}
