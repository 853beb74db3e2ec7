// phases: 2 3
// lab: 6
/*
 * signal_fpu_state: the FPU/SSE state is saved in the signal frame and
 * restored by sigreturn, as on Linux: a handler that clobbers every xmm
 * register, MXCSR and the x87 control word changes nothing the
 * interrupted code sees; the handler itself starts with a clean FPU
 * (MXCSR 0x1f80, xmm0 zero).  With protection keys (OSPKE), the handler
 * runs under Linux's default PKRU (0x55555554) and the interrupted PKRU
 * comes back.  Same lines on Linux (musl-gcc -static).
 */
#include "utest.h"
#include <cpuid.h>
#include <stdint.h>
#include <sys/syscall.h>

static volatile uint32_t handler_mxcsr, handler_pkru;
static volatile uint64_t handler_xmm0[2];
static volatile int hits;

static void clobber(int sig)
{
    uint32_t mx = 0x7f80 ^ 0x6000;      /* another rounding mode */
    uint16_t cw = 0x0f7f;
    hits++;
    __asm__ volatile("stmxcsr %0" : "=m"(handler_mxcsr));
    __asm__ volatile("movdqu %%xmm0, %0" : "=m"(handler_xmm0));
    __asm__ volatile("ldmxcsr %0\n\tfldcw %1\n\t"
                     "pcmpeqd %%xmm0, %%xmm0\n\tpcmpeqd %%xmm1, %%xmm1\n\t"
                     "pcmpeqd %%xmm2, %%xmm2\n\tpcmpeqd %%xmm3, %%xmm3\n\t"
                     "pcmpeqd %%xmm4, %%xmm4\n\tpcmpeqd %%xmm5, %%xmm5\n\t"
                     "pcmpeqd %%xmm6, %%xmm6\n\tpcmpeqd %%xmm7, %%xmm7\n\t"
                     "pcmpeqd %%xmm8, %%xmm8\n\tpcmpeqd %%xmm9, %%xmm9\n\t"
                     "pcmpeqd %%xmm10, %%xmm10\n\tpcmpeqd %%xmm11, %%xmm11\n\t"
                     "pcmpeqd %%xmm12, %%xmm12\n\tpcmpeqd %%xmm13, %%xmm13\n\t"
                     "pcmpeqd %%xmm14, %%xmm14\n\tpcmpeqd %%xmm15, %%xmm15"
                     : : "m"(mx), "m"(cw)
                     : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8",
                       "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
}

static int have_ospke(void)
{
    unsigned a, b, c, d;
    return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (c & (1u << 4));
}

static uint32_t rdpkru(void)
{
    uint32_t eax, edx;
    __asm__ volatile(".byte 0x0f, 0x01, 0xee" : "=a"(eax), "=d"(edx) : "c"(0));
    return eax;
}

static void wrpkru(uint32_t v)
{
    __asm__ volatile(".byte 0x0f, 0x01, 0xef" : : "a"(v), "c"(0), "d"(0));
}

static void pkru_handler(int sig)
{
    handler_pkru = rdpkru();
    wrpkru(0xc);                        /* the handler's own change stays its own */
}

int main(void)
{
    uint64_t before[32], after[32];
    uint32_t mx_in = 0x1f80 | 0x6000, mx_out = 0;
    uint16_t cw_in = 0x037f & ~0x0c00, cw_out = 0;
    long pid = getpid();

    for (int i = 0; i < 32; i++)
        before[i] = 0x0101010101010101ull * (uint64_t)(i + 1);
    signal(SIGUSR1, clobber);
    /* load the registers, tkill(self, SIGUSR1) -- the handler runs on the
     * way back from the call -- then read them back */
    __asm__ volatile(
        "ldmxcsr %[mxi]\n\tfldcw %[cwi]\n\t"
        "movdqu 0(%[b]), %%xmm0\n\tmovdqu 16(%[b]), %%xmm1\n\t"
        "movdqu 32(%[b]), %%xmm2\n\tmovdqu 48(%[b]), %%xmm3\n\t"
        "movdqu 64(%[b]), %%xmm4\n\tmovdqu 80(%[b]), %%xmm5\n\t"
        "movdqu 96(%[b]), %%xmm6\n\tmovdqu 112(%[b]), %%xmm7\n\t"
        "movdqu 128(%[b]), %%xmm8\n\tmovdqu 144(%[b]), %%xmm9\n\t"
        "movdqu 160(%[b]), %%xmm10\n\tmovdqu 176(%[b]), %%xmm11\n\t"
        "movdqu 192(%[b]), %%xmm12\n\tmovdqu 208(%[b]), %%xmm13\n\t"
        "movdqu 224(%[b]), %%xmm14\n\tmovdqu 240(%[b]), %%xmm15\n\t"
        "mov $200, %%eax\n\tmov %[pid], %%rdi\n\tmov $10, %%esi\n\tsyscall\n\t"
        "movdqu %%xmm0, 0(%[a])\n\tmovdqu %%xmm1, 16(%[a])\n\t"
        "movdqu %%xmm2, 32(%[a])\n\tmovdqu %%xmm3, 48(%[a])\n\t"
        "movdqu %%xmm4, 64(%[a])\n\tmovdqu %%xmm5, 80(%[a])\n\t"
        "movdqu %%xmm6, 96(%[a])\n\tmovdqu %%xmm7, 112(%[a])\n\t"
        "movdqu %%xmm8, 128(%[a])\n\tmovdqu %%xmm9, 144(%[a])\n\t"
        "movdqu %%xmm10, 160(%[a])\n\tmovdqu %%xmm11, 176(%[a])\n\t"
        "movdqu %%xmm12, 192(%[a])\n\tmovdqu %%xmm13, 208(%[a])\n\t"
        "movdqu %%xmm14, 224(%[a])\n\tmovdqu %%xmm15, 240(%[a])\n\t"
        "stmxcsr %[mxo]\n\tfnstcw %[cwo]"
        : [mxo] "=m"(mx_out), [cwo] "=m"(cw_out)
        : [mxi] "m"(mx_in), [cwi] "m"(cw_in), [b] "r"(before), [a] "r"(after), [pid] "r"(pid)
        : "rax", "rdi", "rsi", "rcx", "r11", "memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4",
          "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14",
          "xmm15");
    EXPECT_EQ("handler_ran", 1, hits);
    EXPECT_EQ("xmm0_to_15_preserved", 0, memcmp(before, after, sizeof(before)));
    EXPECT_EQ("mxcsr_preserved", mx_in, mx_out);
    EXPECT_EQ("x87_control_word_preserved", cw_in, cw_out);
    EXPECT_EQ("handler_starts_with_default_mxcsr", 0x1f80, handler_mxcsr);
    EXPECT_TRUE("handler_starts_with_xmm0_zero", handler_xmm0[0] == 0 && handler_xmm0[1] == 0);

    if (have_ospke()) {
        signal(SIGUSR2, pkru_handler);
        wrpkru(0);                      /* every key allowed */
        raise(SIGUSR2);
        EXPECT_EQ("handler_runs_with_default_pkru", 0x55555554, handler_pkru);
        EXPECT_EQ("pkru_restored_after_handler", 0, rdpkru());
        wrpkru(0x55555554);
    } else {
        printf("signal_fpu_state: no OSPKE on this CPU: PKRU checks not run\n");
    }
    return utest_finish();
}
