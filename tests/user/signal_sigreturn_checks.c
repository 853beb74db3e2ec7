// phases: 2 3
// lab: 6
/*
 * signal_sigreturn_checks: what rt_sigreturn takes from a frame a handler
 * edited, as on Linux: every register (RCX and R11 too, which sysret would
 * clobber), the arithmetic flags, the signal mask; never IOPL or a kernel
 * code selector (Linux: SIGSEGV at the iretq; here: the user CS).  A frame whose FPU area has a reserved MXCSR bit, is
 * misaligned or lies in the kernel kills with SIGSEGV (the kernel must not
 * load it); fpstate NULL gives a clean FPU.  A non-canonical or kernel RIP
 * ends in SIGSEGV, never in ring 0.  Same lines on Linux (musl-gcc -static).
 */
#include "utest.h"
#include <stdint.h>
#include <sys/syscall.h>
#include <ucontext.h>

enum edit { SET_RCX_R11, SET_CF, SET_IOPL, SET_KERNEL_CS, BAD_MXCSR, FP_MISALIGNED,
            FP_KERNEL, FP_NULL, RIP_NONCANONICAL, RIP_KERNEL, ADD_MASK };
static volatile enum edit edit;

static void editor(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    greg_t *g = uc->uc_mcontext.gregs;
    uint8_t *fp = (uint8_t *)uc->uc_mcontext.fpregs;

    switch (edit) {
    case SET_RCX_R11: g[REG_RCX] = 0x1111222233334444; g[REG_R11] = 0x5555666677778888; break;
    case SET_CF: g[REG_EFL] |= 1; break;
    case SET_IOPL: g[REG_EFL] |= 0x3000; break;
    case SET_KERNEL_CS: g[REG_CSGSFS] = (g[REG_CSGSFS] & ~0xffffll) | 0x08; break;
    case BAD_MXCSR: *(uint32_t *)(fp + 24) |= 0x80000000u; break;
    case FP_MISALIGNED: uc->uc_mcontext.fpregs = (void *)(fp + 8); break;
    case FP_KERNEL: uc->uc_mcontext.fpregs = (void *)0xffffffff80100000ull; break;
    case FP_NULL: uc->uc_mcontext.fpregs = NULL; break;
    case RIP_NONCANONICAL: g[REG_RIP] = 0x0000800000001000ll; break;
    case RIP_KERNEL: g[REG_RIP] = (greg_t)0xffffffff80100000ull; break;
    case ADD_MASK: sigaddset(&uc->uc_sigmask, SIGUSR2); break;
    }
}

/* signal_self: tkill(self, SIGUSR1) with the registers around the syscall
 * visible: returns RCX and R11 and CF as they are right after it. */
static void signal_self(uint64_t *rcx, uint64_t *r11, uint8_t *cf)
{
    long pid = getpid();
    __asm__ volatile("mov $200, %%eax\n\tmov %3, %%rdi\n\tmov $10, %%esi\n\t"
                     "clc\n\tsyscall\n\tsetc %2"
                     : "=c"(*rcx), "=r"(*r11), "=q"(*cf) : "r"(pid)
                     : "rax", "rdi", "rsi", "memory", "cc");
}

static void signal_self_r11(uint64_t *rcx, uint64_t *r11, uint8_t *cf)
{
    long pid = getpid();
    __asm__ volatile("mov $200, %%eax\n\tmov %3, %%rdi\n\tmov $10, %%esi\n\t"
                     "syscall\n\tmov %%r11, %1\n\tsetc %2"
                     : "=c"(*rcx), "=r"(*r11), "=q"(*cf) : "r"(pid)
                     : "rax", "rdi", "rsi", "r11", "memory", "cc");
}

static void edited_return(enum edit e)
{
    edit = e;
    raise(SIGUSR1);
    _exit(0);
}

int main(void)
{
    struct sigaction sa = { .sa_sigaction = editor, .sa_flags = SA_SIGINFO };
    uint64_t rcx, r11, flags;
    uint8_t cf;
    uint32_t mx = 0x7f80, mx_after = 0;
    sigset_t now;

    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);

    edit = SET_RCX_R11;
    signal_self_r11(&rcx, &r11, &cf);
    EXPECT_EQ("sigreturn_restores_rcx", 0x1111222233334444, rcx);
    EXPECT_EQ("sigreturn_restores_r11", 0x5555666677778888, r11);

    edit = SET_CF;
    signal_self(&rcx, &r11, &cf);
    EXPECT_EQ("sigreturn_restores_carry_flag", 1, cf);

    edit = SET_IOPL;
    raise(SIGUSR1);
    __asm__ volatile("pushf\n\tpop %0" : "=r"(flags));
    EXPECT_EQ("sigreturn_never_grants_iopl", 0, flags & 0x3000);

    /* Linux keeps the frame's CS with RPL 3 and the iretq then faults:
     * SIGSEGV; this kernel puts the user CS back: the program goes on in
     * ring 3.  Either way, never ring 0 (docs/linux-differences.md). */
    int st;
    UTEST_CHILD_STATUS(st, {
        uint16_t cs;
        edit = SET_KERNEL_CS;
        raise(SIGUSR1);
        __asm__ volatile("mov %%cs, %0" : "=r"(cs));
        _exit((cs & 3) == 3 ? 0 : 1);
    });
    EXPECT_TRUE("sigreturn_kernel_cs_never_ring0",
                (WIFEXITED(st) && WEXITSTATUS(st) == 0) ||
                (WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV));

    edit = ADD_MASK;
    raise(SIGUSR1);
    sigprocmask(SIG_BLOCK, NULL, &now);
    EXPECT_EQ("sigreturn_restores_edited_mask", 1, sigismember(&now, SIGUSR2));
    sigprocmask(SIG_UNBLOCK, &now, NULL);

    edit = FP_NULL;
    __asm__ volatile("ldmxcsr %0" : : "m"(mx));
    raise(SIGUSR1);
    __asm__ volatile("stmxcsr %0" : "=m"(mx_after));
    EXPECT_EQ("sigreturn_fpstate_null_clean_fpu", 0x1f80, mx_after);

    EXPECT_SIGNAL("sigreturn_reserved_mxcsr_bit_sigsegv", SIGSEGV, edited_return(BAD_MXCSR));
    EXPECT_SIGNAL("sigreturn_misaligned_fpstate_sigsegv", SIGSEGV, edited_return(FP_MISALIGNED));
    EXPECT_SIGNAL("sigreturn_kernel_fpstate_sigsegv", SIGSEGV, edited_return(FP_KERNEL));
    EXPECT_SIGNAL("sigreturn_noncanonical_rip_sigsegv", SIGSEGV,
                  edited_return(RIP_NONCANONICAL));
    EXPECT_SIGNAL("sigreturn_kernel_rip_sigsegv", SIGSEGV, edited_return(RIP_KERNEL));
    return utest_finish();
}
