/*
 * labs/lab6_restore_sigcontext.c - Lab 6: the signal frame, on the way
 * back.  Read the hand-out in labs/README.md first.
 */
#include <arch/context.h>
#include <arch/gdt.h>
#include <arch/trap.h>
#include <kernel/lab.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/sigcontext.h>

/*
 * restore_sigcontext: rt_sigreturn's check-and-copy.  `sc` is a kernel
 * copy of the uc_mcontext the user handed back (uapi/sigcontext.h has the
 * frame's picture); `fpu` is a kernel copy of the 512-byte FPU area
 * sc->fpstate points at, or NULL when sc->fpstate is 0.  Put the general
 * registers, RIP and RSP of `sc` into `tf`, and the RFLAGS bits a program
 * may own; return 0.  Return -EFAULT or -EINVAL, changing nothing, when
 * the FPU state could not be loaded: then the caller kills the program
 * with SIGSEGV (as Linux does for a bad frame).
 *
 * Everything in `sc` and `fpu` came from user memory: a hostile program
 * writes whatever it likes there and calls rt_sigreturn.  After you
 * return 0, sys_rt_sigreturn loads the FPU area with fxrstor, in ring 0.
 *
 * Stuck?  labs/HINTS.md has a step-by-step recipe (try without it first).
 *
 * Invariants: only a ring-3 state may ever leave through `tf`: user code
 * and stack selectors, no IOPL, VM or NT bit, interrupts on.  An fxrstor
 * that faults in the kernel is a panic.
 * Common mistakes:
 *   - copying sc->eflags whole: IOPL 3 gives the program the I/O ports.
 *   - trusting sc->cs / sc->ss (a kernel selector returns to ring 0).
 *   - not checking MXCSR against fpu_mxcsr_mask (arch/context.h): a
 *     reserved bit set makes fxrstor fault in the kernel.
 *   - forgetting that fxrstor needs a 16-byte-aligned area.
 *
 * Test: make check (the lab6 tests), or boot the phase-2 kernel and run
 * `signal_fix_fault_and_return`.
 */
int restore_sigcontext(struct trap_frame *tf, const struct sigcontext *sc,
                       const struct fpu_state *fpu)
{
    LAB_NOT_DONE(6);   /* delete this line when you start */
    return -EFAULT; /* TODO: replace with your implementation */
}
