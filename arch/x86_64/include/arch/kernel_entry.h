/*
 * arch/kernel_entry.h - the contract between the architecture code and the
 * kernel above it: arch_start() (start.c) brings the CPU up -- console, boot
 * information, CPU features, GDT/TSS, IDT -- and then calls kernel_main(),
 * which the kernel defines.  kernel_main never returns.
 */
#ifndef ARCH_KERNEL_ENTRY_H
#define ARCH_KERNEL_ENTRY_H

#include <arch/boot_info.h>

__attribute__((noreturn)) void kernel_main(struct boot_info *bi);

/* The boot stack (boot.asm): the first task runs on it. */
extern char boot_stack_bottom[], boot_stack_top[];

#endif
