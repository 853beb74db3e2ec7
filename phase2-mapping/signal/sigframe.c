/*
 * phase2-mapping/signal/sigframe.c - running a user's signal handler: the
 * handler hook phase 1 calls on the way back to ring 3
 * (signal_set_handler_hook), which decides on restarting an interrupted
 * system call, writes the rt signal frame (uapi/sigcontext.h has its
 * picture) and points the registers at the handler.
 */
#include <arch/context.h>
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <arch/printk.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <signal/sigstate.h>
#include <stddef.h>
#include <uapi/errno.h>
#include <uapi/syscall_numbers.h>

/* The layouts musl (and glibc) compiled against. */
_Static_assert(sizeof(struct sigcontext) == 256, "sigcontext is 256 bytes");
_Static_assert(sizeof(struct ucontext) == 304, "ucontext is 304 bytes");
_Static_assert(offsetof(struct ucontext, uc_mcontext) == 40, "uc_mcontext at 40");
_Static_assert(sizeof(struct siginfo) == 128, "siginfo is 128 bytes");
_Static_assert(offsetof(struct siginfo, fault.pkey) == 32, "si_pkey at 32");
_Static_assert(offsetof(struct siginfo, chld.status) == 24, "si_status at 24");
_Static_assert(offsetof(struct rt_sigframe, info) == 312, "siginfo at 312");
_Static_assert(sizeof(struct k_sigaction) == 32, "struct sigaction is 32 bytes");
_Static_assert(sizeof(struct user_stack) == 24, "stack_t is 24 bytes");

#define RED_ZONE 128
#define RFLAGS_TF (1ull << 8)
#define RFLAGS_RF (1ull << 16)

/* restartable: the calls SA_RESTART restarts after a handler (they sleep
 * and return -EINTR when a signal wakes them).  As on Linux, nanosleep,
 * pause, sigsuspend and sigtimedwait return EINTR even with SA_RESTART. */
static bool restartable(int64_t nr)
{
    switch (nr) {
    case SYS_read: case SYS_readv: case SYS_wait4:
        return true;
    default:
        return false;
    }
}

/* syscall_restart: the handler interrupts a system call that returned
 * -EINTR: with SA_RESTART and a restartable call, make the handler's
 * return run it again (rax = its number, rip back over `syscall`). */
static void syscall_restart(struct task *t, const struct k_sigaction *ka,
                            struct trap_frame *tf)
{
    if (tf->vector != TRAP_SYSCALL || t->syscall_nr < 0)
        return;
    if ((int64_t)tf->rax == -EINTR && (ka->flags & SA_RESTART) && restartable(t->syscall_nr)) {
        tf->rax = (uint64_t)t->syscall_nr;
        tf->rip -= 2;               /* `syscall` is 0f 05 */
    }
    t->syscall_nr = -1;             /* considered once, like Linux's orig_ax */
}

void siginfo_fill(struct siginfo *si, const struct ksiginfo *info)
{
    memset(si, 0, sizeof(*si));
    si->si_signo = info->signo;
    si->si_code = info->code;
    if (info->code == SI_USER || info->code == SI_TKILL) {
        si->kill.pid = info->pid;
        si->kill.uid = info->uid;
    } else if (info->signo == SIGCHLD && (info->code == CLD_EXITED || info->code == CLD_KILLED)) {
        si->chld.pid = info->pid;
        si->chld.uid = info->uid;
        si->chld.status = info->status;
    } else if (info->signo == SIGSEGV || info->signo == SIGBUS || info->signo == SIGILL ||
               info->signo == SIGFPE || info->signo == SIGTRAP) {
        si->fault.addr = info->addr;
        if (info->code == SEGV_PKUERR && info->signo == SIGSEGV)
            si->fault.pkey = (uint32_t)info->pkey;
    }
}

/* sigcontext_from: the registers of `tf` as a sigcontext. */
static void sigcontext_from(struct sigcontext *sc, const struct trap_frame *tf,
                            struct task *t, uint64_t oldmask, uint64_t fpstate)
{
    *sc = (struct sigcontext){
        .r8 = tf->r8, .r9 = tf->r9, .r10 = tf->r10, .r11 = tf->r11,
        .r12 = tf->r12, .r13 = tf->r13, .r14 = tf->r14, .r15 = tf->r15,
        .rdi = tf->rdi, .rsi = tf->rsi, .rbp = tf->rbp, .rbx = tf->rbx,
        .rdx = tf->rdx, .rax = tf->rax, .rcx = tf->rcx, .rsp = tf->rsp,
        .rip = tf->rip, .eflags = tf->rflags,
        .cs = (uint16_t)tf->cs, .ss = (uint16_t)tf->ss,
        .err = t->fault_error, .trapno = (uint64_t)t->fault_trapno,
        .oldmask = oldmask, .cr2 = t->fault_addr, .fpstate = fpstate,
    };
}

/* within_altstack: is `sp` inside t's alternate stack, armed or not? */
static bool within_altstack(const struct sigstate *s, uint64_t sp)
{
    return s && s->altstack.ss_size && sp > s->altstack.ss_sp &&
           sp - s->altstack.ss_sp <= s->altstack.ss_size;
}

/* get_sigframe: where the frame goes: below the red zone of the
 * interrupted stack, or at the top of the alternate stack (SA_ONSTACK,
 * when one is set and we are not on it already).  The FPU area first,
 * 64-byte aligned, then the frame so that rsp + 8 is 16-byte aligned at
 * the handler's entry, as after a `call`.  0 when it does not fit: below
 * address 0, or off the alternate stack it started on (an overflow). */
static uint64_t get_sigframe(struct task *t, const struct k_sigaction *ka,
                             const struct trap_frame *tf, uint64_t *fpstate)
{
    struct sigstate *s = sigstate(t);
    bool nested = on_sig_stack(t, tf->rsp), entering = false;
    uint64_t sp = tf->rsp - RED_ZONE;

    if ((ka->flags & SA_ONSTACK) && (sas_ss_flags(t, tf->rsp) & ~(int)SS_AUTODISARM) == 0) {
        sp = s->altstack.ss_sp + s->altstack.ss_size;
        entering = true;
    } else if (tf->rsp < RED_ZONE) {
        return 0;
    }
    if (sp < FP_STATE_SIZE + sizeof(struct rt_sigframe) + 128)
        return 0;
    sp = (sp - FP_STATE_SIZE) & ~63ull;
    *fpstate = sp;
    sp = ((sp - sizeof(struct rt_sigframe)) & ~15ull) - 8;
    if ((nested || entering) && !within_altstack(s, sp))
        return 0;
    return sp;
}

int setup_rt_frame(struct task *t, int sig, const struct k_sigaction *ka,
                   const struct ksiginfo *info, uint64_t oldmask, struct trap_frame *tf)
{
    struct sigstate *s = sigstate(t);
    struct rt_sigframe frame;
    struct fpu_state fpu, clean;
    uint64_t fpstate, sp;

    if (!(ka->flags & SA_RESTORER))     /* x86-64 needs the libc's restorer */
        return -EFAULT;
    sp = get_sigframe(t, ka, tf, &fpstate);
    if (!sp)
        return -EFAULT;
    memset(&frame, 0, sizeof(frame));
    frame.pretcode = ka->restorer;
    frame.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
    /* the alt stack as it is now (sigreturn puts it back), as Linux */
    if (s && s->altstack.ss_size)
        frame.uc.uc_stack = s->altstack;
    else
        frame.uc.uc_stack.ss_flags = SS_DISABLE;
    sigcontext_from(&frame.uc.uc_mcontext, tf, t, oldmask, fpstate);
    frame.uc.uc_sigmask = oldmask;
    siginfo_fill(&frame.info, info);
    fpu_save(&fpu);                     /* the live registers are the user's */
    memset(fpu.fxsave + 464, 0, FP_STATE_SIZE - 464);
    memcpy(fpu.fxsave + FP_PKRU_OFFSET, &fpu.pkru, sizeof(fpu.pkru));
    if (copy_to_user((void *)fpstate, fpu.fxsave, FP_STATE_SIZE) ||
        copy_to_user((void *)sp, &frame, sizeof(frame)))
        return -EFAULT;
    if (s && (s->altstack.ss_flags & SS_AUTODISARM))
        s->altstack = (struct user_stack){ 0 };     /* saved in the frame, disarmed */
    /* the handler starts with a clean FPU and Linux's default PKRU */
    fpu_init_state(&clean);
    clean.pkru = PKRU_DEFAULT;
    fpu_restore(&clean);
    tf->rdi = (uint64_t)sig;
    tf->rsi = sp + offsetof(struct rt_sigframe, info);
    tf->rdx = sp + offsetof(struct rt_sigframe, uc);
    tf->rax = 0;
    tf->rip = ka->handler;
    tf->rsp = sp;
    tf->cs = USER_CS;
    tf->ss = USER_DS;
    tf->rflags &= ~(RFLAGS_DF | RFLAGS_TF | RFLAGS_RF);
    return 0;
}

void force_sigsegv(struct task *t, int sig)
{
    struct sigstate *s = sigstate(t);

    if (sig == SIGSEGV && s)
        s->action[SIGSEGV - 1] = (struct k_sigaction){ 0 };
    force_sig_info(&(struct ksiginfo){ .signo = SIGSEGV, .code = SI_KERNEL, .pkey = -1 });
}

/* take_saved_mask: the mask to restore after the handler: the one
 * sigsuspend replaced (its wait is over), or the current one. */
static uint64_t take_saved_mask(struct task *t)
{
    struct sigstate *s = sigstate(t);

    if (s && s->saved_mask_valid) {
        s->saved_mask_valid = false;
        return s->saved_mask;
    }
    return t->blocked_signals;
}

bool handle_signal(struct task *t, int sig, struct trap_frame *tf)
{
    struct sigstate *s = sigstate(t);
    struct k_sigaction ka = *sig_action(t, sig);
    struct ksiginfo info = sig_take_info(t, sig);
    uint64_t oldmask;

    if (ka.handler == SIG_DFL_HANDLER || ka.handler == SIG_IGN_HANDLER) {
        /* the default action: the task dies, or goes on with its own mask */
        t->blocked_signals = take_saved_mask(t) & ~SIGNALS_UNBLOCKABLE;
        return false;
    }
    syscall_restart(t, &ka, tf);
    oldmask = take_saved_mask(t);
    if (setup_rt_frame(t, sig, &ka, &info, oldmask, tf)) {
        printk("%s[%d]: cannot write the frame for %s at sp %#lx%s: SIGSEGV\n", t->name,
               t->pid, signal_name(sig), tf->rsp,
               (ka.flags & SA_ONSTACK) && s && s->altstack.ss_size ? " (alt stack)" : "");
        t->blocked_signals = oldmask & ~SIGNALS_UNBLOCKABLE;
        force_sigsegv(t, sig);
        return true;
    }
    /* the mask now (sigsuspend's, if it is waiting), plus sa_mask and the
     * signal; the frame keeps the one to restore */
    t->blocked_signals = (t->blocked_signals | ka.mask |
                          ((ka.flags & SA_NODEFER) ? 0 : sigbit(sig))) & ~SIGNALS_UNBLOCKABLE;
    if ((ka.flags & SA_RESETHAND) && s)
        s->action[sig - 1] = (struct k_sigaction){ 0 };
    return true;
}
