/*
 * arch/x86_64/context.c - new kernel stacks, the kernel stack for traps,
 * and the user's FPU/SSE registers and PKRU.  The switch itself is in switch.asm.
 *
 * A new task's stack, as arch_switch_stack() will pop it:
 *
 *   stack_top -> +----------------+
 *                | 0              |  (keeps the entry's frame 16-aligned)
 *                | entry          |  <- `ret` goes here
 *                | rflags = 0x2   |  interrupts off
 *                | rbp = 0        |  backtraces stop here
 *                | rbx r12..r15=0 |
 *   returned  -> +----------------+
 */
#include <arch/context.h>
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <lib/string.h>

extern uint64_t syscall_kernel_rsp;

static struct fpu_state initial_fpu_state;
uint32_t fpu_mxcsr_mask;

uint64_t arch_context_init(uint64_t stack_top, void (*entry)(void))
{
    uint64_t *sp = (uint64_t *)(stack_top & ~0xfull);
    *--sp = 0;
    *--sp = (uint64_t)entry;
    *--sp = 0x2;            /* rflags: reserved bit 1 set, IF clear */
    for (int i = 0; i < 6; i++)
        *--sp = 0;          /* rbp rbx r12 r13 r14 r15 */
    return (uint64_t)sp;
}

void arch_set_kernel_stack(uint64_t stack_top)
{
    tss_set_kernel_stack(stack_top);
    syscall_kernel_rsp = stack_top;
}

void arch_save_user_bases(struct user_bases *b)
{
    b->fs = rdmsr(MSR_FS_BASE);
    b->gs = rdmsr(MSR_GS_BASE);     /* the kernel itself uses no GS */
}

void arch_load_user_bases(const struct user_bases *b)
{
    wrmsr(MSR_FS_BASE, b->fs);
    wrmsr(MSR_GS_BASE, b->gs);
}

void fpu_save(struct fpu_state *s)
{
    __asm__ volatile("fxsave64 %0" : "=m"(s->fxsave));
    s->pkru = cpu_features.ospke ? rdpkru() : 0;
}

void fpu_restore(const struct fpu_state *s)
{
    __asm__ volatile("fxrstor64 %0" : : "m"(s->fxsave));
    if (cpu_features.ospke)
        wrpkru(s->pkru);
}

void fpu_init(void)
{
    write_cr0((read_cr0() & ~CR0_EM) | CR0_MP | CR0_NE);
    write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
    __asm__ volatile("fninit");
    if (cpu_features.ospke)
        wrpkru(PKRU_DEFAULT);
    /* MXCSR defaults to 0x1f80 (all exceptions masked) after reset */
    fpu_save(&initial_fpu_state);
    initial_fpu_state.pkru = PKRU_DEFAULT;
    memcpy(&fpu_mxcsr_mask, initial_fpu_state.fxsave + 28, sizeof(fpu_mxcsr_mask));
    if (!fpu_mxcsr_mask)
        fpu_mxcsr_mask = 0xffbf;        /* SDM vol. 1, 11.6.6 */
}

void fpu_init_state(struct fpu_state *s)
{
    memcpy(s, &initial_fpu_state, sizeof(*s));
}
