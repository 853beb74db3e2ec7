/*
 * phase2-mapping/signal/sigreturn.c - rt_sigreturn: the handler returned
 * (through sa_restorer) and the interrupted state comes back from the
 * frame.  The frame is in user memory, so anything in it may be forged:
 * restore_sigcontext (lab 6) takes only what ring 3 may own, and phase 1's
 * trap_exit_to_user() forces the selectors and RFLAGS once more on the way
 * out.  A frame that cannot be read or checked is SIGSEGV, as on Linux.
 */
#include <arch/context.h>
#include <arch/printk.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <signal/sigstate.h>
#include <uapi/errno.h>

/* read_frame: the ucontext at user `uc_addr` and the FPU area it points at
 * (*have_fpu false when fpstate is 0).  0 or -EFAULT. */
static int read_frame(uint64_t uc_addr, struct ucontext *uc, struct fpu_state *fpu,
                      bool *have_fpu)
{
    if (copy_from_user(uc, (const void *)uc_addr, sizeof(*uc)))
        return -EFAULT;
    *have_fpu = uc->uc_mcontext.fpstate != 0;
    if (!*have_fpu)
        return 0;
    if (copy_from_user(fpu->fxsave, (const void *)uc->uc_mcontext.fpstate, FP_STATE_SIZE))
        return -EFAULT;
    memcpy(&fpu->pkru, fpu->fxsave + FP_PKRU_OFFSET, sizeof(fpu->pkru));
    return 0;
}

/* sys_rt_sigreturn: the handler's `ret` popped sa_restorer, so rsp points
 * at the ucontext.  Returns the restored rax (the dispatcher stores the
 * return value in rax). */
int64_t sys_rt_sigreturn(void)
{
    struct task *t = current;
    struct trap_frame regs = *t->tf;
    struct ucontext uc;
    struct fpu_state fpu;
    bool have_fpu;

    if (read_frame(t->tf->rsp, &uc, &fpu, &have_fpu) ||
        restore_sigcontext(&regs, &uc.uc_mcontext, have_fpu ? &fpu : NULL)) {
        printk("%s[%d]: rt_sigreturn with a bad frame at sp %#lx: SIGSEGV\n", t->name,
               t->pid, t->tf->rsp);
        force_sig_info(&(struct ksiginfo){ .signo = SIGSEGV, .code = SI_KERNEL, .pkey = -1 });
        return (int64_t)t->tf->rax;
    }
    *t->tf = regs;
    if (!have_fpu) {                    /* no FPU area: a clean FPU, as Linux */
        fpu_init_state(&fpu);
        memcpy(&fpu.pkru, &(uint32_t){ PKRU_DEFAULT }, sizeof(fpu.pkru));
    }
    fpu_restore(&fpu);                  /* MXCSR checked: fxrstor cannot fault */
    t->blocked_signals = uc.uc_sigmask & ~SIGNALS_UNBLOCKABLE;
    /* the alt stack as it was; refused (EPERM) while still on it, as Linux */
    do_sigaltstack(t, &uc.uc_stack, NULL, regs.rsp);
    t->syscall_nr = -1;                 /* not a call to restart */
    return (int64_t)regs.rax;
}
