/*
 * arch/syscall.h - the `syscall` instruction.
 *
 * User code puts the system call number in RAX and up to six arguments in
 * RDI, RSI, RDX, R10, R8, R9 (R10, not RCX: `syscall` overwrites RCX), and
 * gets the result back in RAX: a value, or -errno.  The numbers are Linux's
 * x86-64 numbers (see lib/include/uapi/syscall_numbers.h).
 */
#ifndef ARCH_SYSCALL_H
#define ARCH_SYSCALL_H

#include <arch/trap.h>

static inline uint64_t syscall_nr(const struct trap_frame *tf) { return tf->rax; }
static inline uint64_t syscall_arg0(const struct trap_frame *tf) { return tf->rdi; }
static inline uint64_t syscall_arg1(const struct trap_frame *tf) { return tf->rsi; }
static inline uint64_t syscall_arg2(const struct trap_frame *tf) { return tf->rdx; }
static inline uint64_t syscall_arg3(const struct trap_frame *tf) { return tf->r10; }
static inline uint64_t syscall_arg4(const struct trap_frame *tf) { return tf->r8; }
static inline uint64_t syscall_arg5(const struct trap_frame *tf) { return tf->r9; }
static inline void syscall_set_return(struct trap_frame *tf, uint64_t v) { tf->rax = v; }

/* arch_syscall_init: program the syscall MSRs.  `handler` runs for every system
 * call with interrupts enabled; the exit-to-user hook runs after it. */
void arch_syscall_init(trap_handler_fn handler);

#endif
