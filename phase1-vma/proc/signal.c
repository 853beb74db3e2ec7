/*
 * phase1-vma/proc/signal.c - pending signals and their default actions.
 */
#include <arch/context.h>
#include <arch/cpu.h>
#include <arch/printk.h>
#include <lib/string.h>
#include <proc/exit.h>
#include <proc/sched.h>
#include <proc/signal.h>
#include <uapi/errno.h>

static signal_handler_hook_fn handler_hook;
static signal_ignored_fn ignored_hook;
static signal_queue_fn queue_hook;
static signal_force_fn force_hook;
static signal_handled_fn handled_hook;

static const char *const names[32] = {
    "0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
    "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM",
    "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN",
    "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",
    "SIGIO", "SIGPWR", "SIGSYS",
};

const char *signal_name(int sig)
{
    if (sig > 0 && sig < 32)
        return names[sig];
    return "SIGRT";
}

void signal_set_handler_hook(signal_handler_hook_fn hook)
{
    handler_hook = hook;
}

void signal_set_ignored_hook(signal_ignored_fn hook)
{
    ignored_hook = hook;
}

void signal_set_queue_hook(signal_queue_fn hook)
{
    queue_hook = hook;
}

void signal_set_force_hook(signal_force_fn hook)
{
    force_hook = hook;
}

void signal_set_handled_hook(signal_handled_fn hook)
{
    handled_hook = hook;
}

bool signal_unhandled(struct task *t, int sig)
{
    uint64_t bit = 1ull << (sig - 1);
    return !handled_hook || !handled_hook(t, sig) || (t->blocked_signals & bit);
}

static bool ignored_by_default(int sig)
{
    switch (sig) {
    case SIGCHLD: case SIGURG: case SIGWINCH: case SIGCONT:
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
        return true;
    default:
        return false;
    }
}

/* signal_ignored: would delivering `sig` to `t` do nothing at all?  Then,
 * as on Linux, it is dropped when sent and wakes no one. */
static bool signal_ignored(struct task *t, int sig)
{
    if (sig == SIGKILL)
        return false;
    return ignored_hook ? ignored_hook(t, sig) : ignored_by_default(sig);
}

void send_signal_info(struct task *t, const struct ksiginfo *info)
{
    int sig = info->signo;
    uint64_t flags, bit = 1ull << (sig - 1);

    if (signal_ignored(t, sig) && !(t->blocked_signals & bit))
        return;                     /* a blocked one stays pending, as on Linux */
    flags = irq_save();
    if (!(t->pending_signals & bit) && queue_hook)
        queue_hook(t, info);
    t->pending_signals |= bit;
    if (t->state == TASK_SLEEPING && !(t->blocked_signals & bit))
        sched_make_runnable(t);     /* sleepers re-check and return -EINTR */
    irq_restore(flags);
}

void send_signal(struct task *t, int sig)
{
    struct ksiginfo info = { .signo = sig, .code = SI_KERNEL, .pkey = -1 };
    send_signal_info(t, &info);
}

void force_sig_info(const struct ksiginfo *info)
{
    uint64_t bit = 1ull << (info->signo - 1);

    if ((current->blocked_signals & bit) || signal_ignored(current, info->signo)) {
        if (force_hook)
            force_hook(current, info->signo);
        current->blocked_signals &= ~bit;
    }
    send_signal_info(current, info);
}

int do_sigprocmask(int how, const uint64_t *set, uint64_t *old)
{
    uint64_t mask = current->blocked_signals;

    if (old)
        *old = mask;
    if (!set)
        return how >= 0 && how <= 2 ? 0 : -EINVAL;
    switch (how) {
    case 0: mask |= *set; break;        /* SIG_BLOCK */
    case 1: mask &= ~*set; break;       /* SIG_UNBLOCK */
    case 2: mask = *set; break;         /* SIG_SETMASK */
    default: return -EINVAL;
    }
    current->blocked_signals = mask & ~SIGNALS_UNBLOCKABLE;
    return 0;
}

struct kill_all {
    struct ksiginfo info;
    int sent;
};

static int kill_one_of_all(struct task *t, void *ctx)
{
    struct kill_all *k = ctx;
    if (t->pid > 1 && t != current && t->state != TASK_ZOMBIE) {
        if (k->info.signo)
            send_signal_info(t, &k->info);
        k->sent++;
    }
    return 0;
}

struct kill_group {
    int pgid, sent;
    struct ksiginfo info;
};

static int kill_one_of_group(struct task *t, void *ctx)
{
    struct kill_group *k = ctx;
    if (t->pgid == k->pgid && t->state != TASK_ZOMBIE) {
        if (k->info.signo && t != init_task)
            send_signal_info(t, &k->info);
        k->sent++;
    }
    return 0;
}

/* kill_pgrp_info: kill_pgrp with the sender's info. */
static int kill_pgrp_info(int pgid, const struct ksiginfo *info)
{
    struct kill_group k = { .pgid = pgid, .info = *info };
    task_for_each(kill_one_of_group, &k);
    return k.sent ? 0 : -ESRCH;
}

int kill_pgrp(int pgid, int sig)
{
    struct ksiginfo info = { .signo = sig, .code = SI_KERNEL, .pkey = -1 };
    return kill_pgrp_info(pgid, &info);
}

int do_kill_info(int pid, int sig, int code)
{
    struct ksiginfo info = { .signo = sig, .code = code, .pid = current->pid, .pkey = -1 };
    struct task *t;

    if (sig < 0 || sig >= NSIG)
        return -EINVAL;
    if (pid == -1) {            /* everyone but init and the caller */
        struct kill_all k = { .info = info };
        task_for_each(kill_one_of_all, &k);
        return k.sent ? 0 : -ESRCH;
    }
    if (pid == INT32_MIN)       /* -pid would overflow: as Linux */
        return -ESRCH;
    if (pid <= 0)               /* 0: the caller's group; -g: group g */
        return kill_pgrp_info(pid ? -pid : current->pgid, &info);
    t = task_find(pid);
    if (!t || t->state == TASK_ZOMBIE)
        return -ESRCH;
    /* as on Linux, init only gets the signals it has handlers for: with
     * default actions only, none (so a stray kill cannot stop the system) */
    if (sig && t != init_task)
        send_signal_info(t, &info);
    return 0;
}

int do_kill(int pid, int sig)
{
    return do_kill_info(pid, sig, SI_USER);
}

/* next_signal: the lowest pending signal, SIGKILL before all others. */
static int next_signal(uint64_t pending)
{
    if (pending & (1ull << (SIGKILL - 1)))
        return SIGKILL;
    return __builtin_ctzll(pending) + 1;
}

void signal_deliver(struct trap_frame *tf)
{
    while (signal_pending(current)) {
        int sig = next_signal(current->pending_signals & ~current->blocked_signals);
        current->pending_signals &= ~(1ull << (sig - 1));
        if (sig != SIGKILL && handler_hook && handler_hook(current, sig, tf))
            return;
        if (!signal_ignored(current, sig))
            do_exit(WAIT_STATUS_SIGNALED(sig));
    }
}

/* fpe_code: si_code of a floating-point exception, from the unmasked
 * exception flags (MXCSR for SSE, the x87 status and control words) in
 * Linux's order of precedence (fpu__exception_code). */
static int fpe_code(uint64_t vector)
{
    struct fpu_state fpu;
    uint32_t mxcsr, flags;
    uint16_t fcw, fsw;

    fpu_save(&fpu);
    memcpy(&fcw, fpu.fxsave + 0, sizeof(fcw));
    memcpy(&fsw, fpu.fxsave + 2, sizeof(fsw));
    memcpy(&mxcsr, fpu.fxsave + 24, sizeof(mxcsr));
    flags = vector == TRAP_XM ? (mxcsr & ~(mxcsr >> 7)) & 0x3f : (fsw & ~fcw) & 0x3f;
    if (flags & 0x01)
        return FPE_FLTINV;
    if (flags & 0x04)
        return FPE_FLTDIV;
    if (flags & 0x08)
        return FPE_FLTOVF;
    if (flags & 0x12)
        return FPE_FLTUND;
    if (flags & 0x20)
        return FPE_FLTRES;
    return SI_KERNEL;
}

/* exception_signal: the signal, si_code and si_addr Linux gives an
 * exception from ring 3 (arch/x86/kernel/traps.c): the faulting RIP for
 * SIGILL and SIGFPE, no address for #GP and the segment faults. */
static struct ksiginfo exception_signal(const struct trap_frame *tf)
{
    struct ksiginfo i = { .code = SI_KERNEL, .pkey = -1 };

    switch (tf->vector) {
    case TRAP_DE: i.signo = SIGFPE; i.code = FPE_INTDIV; i.addr = tf->rip; break;
    case TRAP_MF: case TRAP_XM:
        i.signo = SIGFPE; i.code = fpe_code(tf->vector); i.addr = tf->rip; break;
    case TRAP_UD: i.signo = SIGILL; i.code = ILL_ILLOPN; i.addr = tf->rip; break;
    case TRAP_DB: case TRAP_BP: i.signo = SIGTRAP; break;
    case TRAP_AC: i.signo = SIGBUS; i.code = BUS_ADRALN; break;
    case TRAP_NP: case TRAP_SS: i.signo = SIGBUS; break;
    default: i.signo = SIGSEGV; break;
    }
    return i;
}

void user_exception(struct trap_frame *tf)
{
    struct ksiginfo info = exception_signal(tf);

    if (signal_unhandled(current, info.signo))
        printk("%s[%d]: %s (%s) ip %016lx sp %016lx error %lx\n", current->name,
               current->pid, trap_name(tf->vector), trap_mnemonic(tf->vector), tf->rip,
               tf->rsp, tf->error);
    current->fault_error = tf->error;
    current->fault_trapno = (int)tf->vector;
    force_sig_info(&info);
}
