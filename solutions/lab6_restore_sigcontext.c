/*
 * solutions/lab6_restore_sigcontext.c - Lab 6 reference: the checked
 * restore of a signal frame's registers (rt_sigreturn).
 */
#include <arch/context.h>
#include <arch/gdt.h>
#include <arch/trap.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/sigcontext.h>

/* The RFLAGS bits a signal frame may change (Linux's FIX_EFLAGS): the
 * arithmetic flags, TF, DF, RF and AC.  Never IF, IOPL, NT, VM, VIF, VIP. */
#define FIX_EFLAGS 0x50dd5ull

int restore_sigcontext(struct trap_frame *tf, const struct sigcontext *sc,
                       const struct fpu_state *fpu)
{
    uint32_t mxcsr;

    if (fpu) {
        if (sc->fpstate & 15)           /* fxrstor needs 16-byte alignment */
            return -EFAULT;
        memcpy(&mxcsr, fpu->fxsave + FP_MXCSR_OFFSET, sizeof(mxcsr));
        if (mxcsr & ~fpu_mxcsr_mask)    /* fxrstor would take #GP in ring 0 */
            return -EINVAL;
    }
    tf->r8 = sc->r8;   tf->r9 = sc->r9;   tf->r10 = sc->r10; tf->r11 = sc->r11;
    tf->r12 = sc->r12; tf->r13 = sc->r13; tf->r14 = sc->r14; tf->r15 = sc->r15;
    tf->rdi = sc->rdi; tf->rsi = sc->rsi; tf->rbp = sc->rbp; tf->rbx = sc->rbx;
    tf->rdx = sc->rdx; tf->rax = sc->rax; tf->rcx = sc->rcx; tf->rsp = sc->rsp;
    tf->rip = sc->rip;
    tf->rflags = (tf->rflags & ~FIX_EFLAGS) | (sc->eflags & FIX_EFLAGS);
    tf->cs = USER_CS;                   /* whatever the frame says */
    tf->ss = USER_DS;
    return 0;
}
