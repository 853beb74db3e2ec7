/*
 * arch/x86_64/syscall.c - set up `syscall`/`sysret` and run the kernel's
 * handler for each call (the entry code is syscall_entry.asm).
 *
 * The ways from ring 3 into ring 0, and where each leads:
 *   syscall in 64-bit mode     MSR_LSTAR: syscall_entry, the system calls
 *   syscall in 32-bit mode     MSR_CSTAR: syscall_compat_entry, -ENOSYS at
 *                              once (unreachable: no 32-bit code segment)
 *   sysenter                   SYSENTER_CS = 0: #GP in ring 3 (#UD on AMD),
 *                              SIGSEGV/SIGILL, as on Linux without ia32
 *   int N, N != 3              DPL-0 gates: #GP in ring 3, SIGSEGV
 *   int3                       the one DPL-3 gate: SIGTRAP
 *   exceptions, interrupts     trap_entry.asm
 * A CPU left with MSR_CSTAR at 0 would enter ring 0 at address 0 on the
 * user's stack, so every MSR here is written, even for the paths that are
 * not meant to be used.
 */
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <arch/syscall.h>

extern void syscall_entry(void);
extern void syscall_compat_entry(void);

static trap_handler_fn syscall_handler;

void arch_syscall_init(trap_handler_fn handler)
{
    syscall_handler = handler;
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
    wrmsr(MSR_STAR, ((uint64_t)USER_CS32 << 48) | ((uint64_t)KERNEL_CS << 32));
    wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
    wrmsr(MSR_CSTAR, (uint64_t)syscall_compat_entry);
    wrmsr(MSR_SYSENTER_CS, 0);
    wrmsr(MSR_SYSENTER_ESP, 0);
    wrmsr(MSR_SYSENTER_EIP, 0);
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
