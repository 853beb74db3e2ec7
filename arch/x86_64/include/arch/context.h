/*
 * arch/context.h - what the scheduler needs from the CPU: switching kernel
 * stacks, preparing a new task's stack, the stack the CPU enters the kernel
 * on, and the user-visible FPU/SSE state.
 */
#ifndef ARCH_CONTEXT_H
#define ARCH_CONTEXT_H

#include <stdint.h>

/* arch_switch_stack: save this task's callee-saved registers and RFLAGS,
 * store its stack pointer in *save_rsp and resume the task whose saved
 * stack pointer is next_rsp (switch.asm). */
void arch_switch_stack(uint64_t *save_rsp, uint64_t next_rsp);

/* arch_context_init: prepare a fresh kernel stack (top at `stack_top`) so
 * that switching to the returned stack pointer calls entry() with
 * interrupts disabled.  entry must never return. */
uint64_t arch_context_init(uint64_t stack_top, void (*entry)(void));

/* arch_set_kernel_stack: the stack traps and system calls from ring 3 use
 * while the task with this kernel stack runs. */
void arch_set_kernel_stack(uint64_t stack_top);

/* The extended user state of a task, saved and restored with it: the
 * FPU/SSE registers (fxsave's 512 bytes) and the protection-key rights
 * register PKRU.  Any user program can rewrite PKRU (`wrpkru`), so it must
 * be per task, like Linux, which keeps it in the XSAVE area too: a program
 * that locks itself out of key 0 locks out no one else. */
struct fpu_state {
    uint8_t fxsave[512];
    uint32_t pkru;
} __attribute__((aligned(16)));

/* What a new program starts with, as on Linux: key 0 (every page's key
 * unless pkey_mprotect says otherwise) allows all, keys 1..15 deny access. */
#define PKRU_DEFAULT 0x55555554u

/* The user's FS and GS base addresses (thread-local storage: arch_prctl),
 * per task like the registers.  A program that loads FS or GS with a
 * selector changes them too, so they are read back when a task leaves the
 * CPU, as on Linux. */
struct user_bases {
    uint64_t fs, gs;
};

void arch_save_user_bases(struct user_bases *b);        /* the live ones -> b */
void arch_load_user_bases(const struct user_bases *b);  /* b -> the CPU */

/* fpu_mxcsr_mask: the MXCSR bits this CPU implements (fxsave's
 * MXCSR_MASK, 0xffbf when it reports 0).  fxrstor of an MXCSR with any
 * other bit set takes #GP: state that came from user memory (sigreturn)
 * must be checked against this first. */
extern uint32_t fpu_mxcsr_mask;

void fpu_init(void);                          /* CR0/CR4 bits, reset state */
void fpu_save(struct fpu_state *s);           /* the live registers -> s */
void fpu_restore(const struct fpu_state *s);  /* s -> the live registers */
void fpu_init_state(struct fpu_state *s);     /* the state a new program gets */

#endif
