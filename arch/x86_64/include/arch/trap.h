/*
 * arch/trap.h - interrupts, exceptions and system calls all arrive as a
 * struct trap_frame on the kernel stack.
 *
 *        higher addresses
 *   +------------------+
 *   | ss               |  \
 *   | rsp              |   |
 *   | rflags           |   |  pushed by the CPU (or built by the
 *   | cs               |   |  syscall entry to look the same)
 *   | rip              |  /
 *   | error            |  the CPU's error code, or 0
 *   | vector           |  0..255, or TRAP_SYSCALL
 *   | rax ... r15      |  pushed by trap_entry.asm / syscall_entry.asm
 *   +------------------+ <- struct trap_frame *
 */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#include <stdbool.h>
#include <stdint.h>

struct trap_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector;
    uint64_t error;
    uint64_t rip, cs, rflags, rsp, ss;
};

/* Exception vectors. */
enum {
    TRAP_DE = 0,   /* divide error */
    TRAP_DB = 1,   /* debug */
    TRAP_NMI = 2,
    TRAP_BP = 3,   /* breakpoint (int3) */
    TRAP_OF = 4,
    TRAP_BR = 5,
    TRAP_UD = 6,   /* invalid opcode */
    TRAP_NM = 7,   /* device not available */
    TRAP_DF = 8,   /* double fault */
    TRAP_TS = 10,
    TRAP_NP = 11,
    TRAP_SS = 12,
    TRAP_GP = 13,  /* general protection */
    TRAP_PF = 14,  /* page fault */
    TRAP_MF = 16,
    TRAP_AC = 17,
    TRAP_MC = 18,
    TRAP_XM = 19,  /* SIMD floating point */
    TRAP_VE = 20,
    TRAP_CP = 21,
    IRQ_BASE = 32, /* the PIC's 16 lines arrive at 32..47 */
    TRAP_SYSCALL = 0x100, /* not a vector: marks a frame built by `syscall` */
};

/* Page-fault error code bits (SDM vol. 3, 4.7). */
#define PF_PRESENT  (1u << 0)  /* 0: page not present; 1: protection violation */
#define PF_WRITE    (1u << 1)  /* the access was a write */
#define PF_USER     (1u << 2)  /* the access came from ring 3 */
#define PF_RESERVED (1u << 3)  /* a reserved bit was set in a paging entry */
#define PF_INSTR    (1u << 4)  /* instruction fetch */
#define PF_PKEY     (1u << 5)  /* protection-key violation */
#define PF_SHADOW   (1u << 6)  /* shadow-stack access */

static inline bool trap_from_user(const struct trap_frame *tf)
{
    return (tf->cs & 3) == 3;
}

typedef void (*trap_handler_fn)(struct trap_frame *tf);

/* idt_init: install the 256 entry stubs; the PIC is remapped to IRQ_BASE. */
void idt_init(void);

/* trap_register: call `fn` for exception `vector` (instead of the default:
 * a report and a panic for the kernel, the user-fault hook for ring 3). */
void trap_register(int vector, trap_handler_fn fn);

/* irq_register: call `fn` when PIC line `irq` (0..15) fires, and unmask it. */
void irq_register(int irq, trap_handler_fn fn);

/* trap_set_user_fault_hook: who handles an exception raised in ring 3 that
 * has no handler of its own (the kernel turns it into a signal). */
void trap_set_user_fault_hook(trap_handler_fn fn);

/* trap_set_exit_to_user_hook: called with interrupts disabled just before
 * every return to ring 3, from a trap or a system call (rescheduling, signal
 * delivery, debug checks). */
void trap_set_exit_to_user_hook(trap_handler_fn fn);

/* Called by the entry code: the C side of every trap and interrupt. */
void trap_dispatch(struct trap_frame *tf);

/* trap_exit_to_user: the last step before ring 3, run by trap_dispatch
 * and by the syscall path: the exit-to-user hook, then the frame is made
 * safe to return through (user CS and SS, RFLAGS without IOPL/NT/VM and
 * with IF), whatever the kernel wrote into it. */
void trap_exit_to_user(struct trap_frame *tf);

/* trap_inject_bad_iret: when set, the next return to ring 3 goes through
 * an iretq with a selector that faults, to test the kernel's recovery
 * (sysctl debug.inject_bad_iret; cleared when used). */
extern int64_t trap_inject_bad_iret;

/* trap_return: restore `tf` and return to it (used to start a new process).
 * Never returns. */
__attribute__((noreturn)) void trap_return(struct trap_frame *tf);

/* trap_name: "page fault", "general protection", ... */
const char *trap_name(uint64_t vector);
/* trap_mnemonic: "#PF", "#GP", ... */
const char *trap_mnemonic(uint64_t vector);

/* page_fault_decode: "not-present write user" for error code `err`. */
void page_fault_decode(uint64_t err, char *buf, unsigned size);

/* trap_report: the full register dump and backtrace a student reads. */
void trap_report(const struct trap_frame *tf, uint64_t cr2);

/* trap_kernel_fault: report an exception the kernel cannot handle, and panic. */
__attribute__((noreturn)) void trap_kernel_fault(const struct trap_frame *tf, uint64_t cr2);

/* Fault fixups (uaccess): when an instruction listed in .ex_table faults,
 * execution continues at its fixup address instead.  Returns true when
 * `tf` was redirected. */
bool trap_fixup(struct trap_frame *tf);

/* trap_in_uaccess: `rip` is one of the instructions that access user
 * memory on the kernel's behalf (it has a fixup). */
bool trap_in_uaccess(uint64_t rip);

#endif
