/*
 * arch/x86_64/syscall.c - set up `syscall`/`sysret` and run the kernel's
 * handler for each call (the entry code is syscall_entry.asm).
 */
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <arch/syscall.h>

extern void syscall_entry(void);

static trap_handler_fn syscall_handler;

void arch_syscall_init(trap_handler_fn handler)
{
    syscall_handler = handler;
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
    wrmsr(MSR_STAR, ((uint64_t)USER_CS32 << 48) | ((uint64_t)KERNEL_CS << 32));
    wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
    /* on entry: interrupts off, direction up, no alignment-check/SMAP
     * override, no single-stepping, IOPL 0, no nested task */
    wrmsr(MSR_FMASK, RFLAGS_IF | RFLAGS_DF | RFLAGS_AC | (1u << 8) | (3u << 12) |
                         (1u << 14));
}

/* syscall_trap: called by syscall_entry.asm with the frame it built.
 * Returns with interrupts disabled, ready for sysret. */
void syscall_trap(struct trap_frame *tf)
{
    irq_enable();
    syscall_handler(tf);
    irq_disable();
    trap_exit_to_user(tf);
}
