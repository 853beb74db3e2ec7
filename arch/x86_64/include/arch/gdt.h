/*
 * arch/gdt.h - segments and the task-state segment.
 *
 * In long mode segments only select the privilege level; the order of the
 * descriptors is fixed by syscall/sysret, which derive the user selectors
 * from STAR[63:48] = 0x18:  SS = 0x18 + 8, CS = 0x18 + 16.
 *
 *   0x00 null
 *   0x08 kernel code (64-bit)       KERNEL_CS
 *   0x10 kernel data                KERNEL_DS
 *   0x18 null: the base for sysret only (see below)
 *   0x20 user data   -> 0x23        USER_DS
 *   0x28 user code (64-bit) -> 0x2b USER_CS
 *   0x30 TSS (two slots)
 *
 * There is no 32-bit user code segment: usmm runs 64-bit programs only, so
 * ring 3 can never enter compatibility mode (a far jump or return to
 * 0x18..0x1b is #GP, SIGSEGV).  `sysret` to 32-bit code would load CS =
 * 0x1b without reading the GDT; the kernel never uses it.
 */
#ifndef ARCH_GDT_H
#define ARCH_GDT_H

#include <stdint.h>

#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define USER_CS32 0x18
#define USER_DS   0x23
#define USER_CS   0x2b
#define TSS_SEL   0x30

/* Interrupt stack table slots (separate known-good stacks). */
#define IST_DOUBLE_FAULT 1
#define IST_NMI          2

void gdt_init(void);

/* tss_set_kernel_stack: the stack the CPU switches to on a trap from ring 3. */
void tss_set_kernel_stack(uint64_t rsp0);

#endif
