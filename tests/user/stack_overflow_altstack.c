// phases: 2 3
/*
 * stack_overflow_altstack: a program that installed a SIGSEGV handler on
 * an alternate stack catches its own stack overflow (the fault below the
 * stack past RLIMIT_STACK, si_code SEGV_MAPERR, si_addr just below the
 * stack), leaves the handler with siglongjmp and goes on; without the
 * alternate stack the kernel cannot write the signal frame and the
 * process dies with SIGSEGV, as on Linux.  Same results on this host's
 * Linux (musl-gcc -static).
 */
#include "utest.h"
#include <setjmp.h>
#include <sys/resource.h>

static sigjmp_buf back;
static volatile uintptr_t fault_addr;
static volatile int fault_code, caught;
static volatile int forever = 1;

static int recurse(int depth)
{
    volatile char frame[1024];
    frame[0] = (char)depth;
    return forever ? recurse(depth + 1) + frame[0] : 0;
}

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    caught++;
    fault_addr = (uintptr_t)si->si_addr;
    fault_code = si->si_code;
    siglongjmp(back, 1);
}

static void install(int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | flags;
    sigaction(SIGSEGV, &sa, NULL);
}

int main(void)
{
    static char altstack[64 * 1024];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack), .ss_flags = 0 };
    struct rlimit lim = { 1 << 20, RLIM_INFINITY };
    uintptr_t here = (uintptr_t)&lim;

    setrlimit(RLIMIT_STACK, &lim);
    EXPECT_EQ("sigaltstack_succeeds", 0, sigaltstack(&ss, NULL));
    install(SA_ONSTACK);
    if (sigsetjmp(back, 1) == 0)
        recurse(0);
    EXPECT_EQ("stack_overflow_caught_once", 1, caught);
    EXPECT_EQ("overflow_si_code_is_segv_maperr", SEGV_MAPERR, fault_code);
    EXPECT_TRUE("overflow_address_is_about_1MiB_below",
                fault_addr < here && here - fault_addr > (1 << 20) - (64 << 10) &&
                here - fault_addr < (1 << 20) + (64 << 10));
    forever = 0;
    EXPECT_EQ("program_goes_on_after_the_overflow", 0, recurse(0));
    forever = 1;
    EXPECT_SIGNAL("without_altstack_overflow_kills", SIGSEGV, {
        install(0);
        recurse(0);
    });
    return utest_finish();
}
