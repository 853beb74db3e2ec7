// phases: 2 3
// lab: 6
/*
 * signal_altstack: sigaltstack and SA_ONSTACK as on Linux: the errors
 * (ENOMEM below MINSIGSTKSZ, EINVAL for bad flags, EPERM while on it), a
 * handler on the alternate stack sees SS_ONSTACK, a program catches its own
 * stack overflow there, and without one the overflow (no room for the
 * frame) kills with SIGSEGV.  The frame leaves the 128-byte red zone alone
 * and the handler starts with rsp + 8 16-byte aligned, as after a call.
 * fork keeps the alternate stack; SS_AUTODISARM disarms it while the
 * handler runs.  Same lines on Linux (musl-gcc -static).
 */
#include "utest.h"
#include <stdint.h>
#include <sys/syscall.h>
#include <ucontext.h>

#define ALT_SIZE 65536
static char alt[ALT_SIZE] __attribute__((aligned(16)));
static volatile int on_alt, flags_inside, eperm_inside, hits;
static volatile long red_zone_gap;
static volatile int try_set_inside = 1;
volatile uint64_t entry_rsp;

void align_probe(int sig);
__asm__(".text\n.globl align_probe\nalign_probe:\n\tmov %rsp, entry_rsp(%rip)\n\tret\n");

static void on_stack_handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    stack_t now, other = { .ss_sp = alt, .ss_size = ALT_SIZE };
    char local;
    hits++;
    on_alt = &local >= alt && &local < alt + ALT_SIZE;
    sigaltstack(NULL, &now);
    flags_inside = now.ss_flags;
    errno = 0;
    if (try_set_inside)
        eperm_inside = sigaltstack(&other, NULL) == -1 ? errno : 0;
    red_zone_gap = (long)(uc->uc_mcontext.gregs[REG_RSP] - (uintptr_t)uc);
}

static void handle(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa = { .sa_sigaction = fn, .sa_flags = SA_SIGINFO | flags };
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void overflow_caught(int sig)
{
    char local;
    _exit(&local >= alt && &local < alt + ALT_SIZE ? 42 : 1);
}

static volatile long depth_limit = 1L << 40;     /* never reached */

static int recurse(volatile char *p, long depth)
{
    volatile char buf[4096];
    buf[0] = *p;
    if (depth >= depth_limit)
        return 0;
    return recurse(buf, depth + 1) + buf[100];
}

static void overflow_with_alt_stack(void)
{
    stack_t ss = { .ss_sp = alt, .ss_size = ALT_SIZE };
    struct sigaction sa = { .sa_handler = overflow_caught, .sa_flags = SA_ONSTACK };
    sigaltstack(&ss, NULL);
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    recurse(alt, 0);
}

static void overflow_without_alt_stack(void)
{
    struct sigaction sa = { .sa_handler = overflow_caught };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    recurse(alt, 0);
}

int main(void)
{
    stack_t ss, old;

    EXPECT_EQ("no_alt_stack_at_start", 0, sigaltstack(NULL, &old));
    EXPECT_EQ("no_alt_stack_reports_ss_disable", SS_DISABLE, old.ss_flags);
    ss = (stack_t){ .ss_sp = alt, .ss_size = MINSIGSTKSZ - 1 };
    EXPECT_ERRNO("alt_stack_too_small_enomem", sigaltstack(&ss, NULL), ENOMEM);
    ss = (stack_t){ .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0x10 };
    EXPECT_ERRNO("alt_stack_bad_flags_einval", sigaltstack(&ss, NULL), EINVAL);
    EXPECT_ERRNO("sigaltstack_bad_pointer_efault",
                 syscall(SYS_sigaltstack, (void *)8, NULL), EFAULT);
    ss = (stack_t){ .ss_sp = alt, .ss_size = ALT_SIZE };
    EXPECT_EQ("alt_stack_set", 0, sigaltstack(&ss, NULL));
    sigaltstack(NULL, &old);
    EXPECT_TRUE("alt_stack_read_back", old.ss_sp == alt && old.ss_size == ALT_SIZE &&
                                       old.ss_flags == 0);

    handle(SIGUSR1, on_stack_handler, SA_ONSTACK);
    raise(SIGUSR1);
    EXPECT_EQ("onstack_handler_ran", 1, hits);
    EXPECT_EQ("onstack_handler_runs_on_alt_stack", 1, on_alt);
    EXPECT_EQ("onstack_handler_sees_ss_onstack", SS_ONSTACK, flags_inside);
    EXPECT_EQ("sigaltstack_while_on_it_eperm", EPERM, eperm_inside);

    handle(SIGUSR1, on_stack_handler, 0);
    raise(SIGUSR1);
    EXPECT_EQ("without_sa_onstack_normal_stack", 0, on_alt);
    EXPECT_EQ("without_sa_onstack_flags_0", 0, flags_inside);
    EXPECT_TRUE("frame_leaves_red_zone", red_zone_gap >= 128);

    struct sigaction sa = { .sa_handler = align_probe };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    EXPECT_EQ("handler_entry_rsp_plus_8_aligned", 0, (entry_rsp + 8) % 16);
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    EXPECT_EQ("alt_stack_entry_rsp_plus_8_aligned", 0, (entry_rsp + 8) % 16);

    EXPECT_EXIT("fork_keeps_alt_stack", 5, {
        stack_t c;
        sigaltstack(NULL, &c);
        _exit(c.ss_sp == alt && c.ss_size == ALT_SIZE ? 5 : 1);
    });

    /* SS_AUTODISARM: disarmed while the handler runs, back after it */
    ss = (stack_t){ .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = SS_AUTODISARM };
    EXPECT_EQ("alt_stack_autodisarm_set", 0, sigaltstack(&ss, NULL));
    handle(SIGUSR1, on_stack_handler, SA_ONSTACK);
    try_set_inside = 0;
    raise(SIGUSR1);
    EXPECT_EQ("autodisarm_handler_on_alt_stack", 1, on_alt);
    EXPECT_EQ("autodisarm_disarmed_inside_handler", SS_DISABLE, flags_inside);
    sigaltstack(NULL, &old);
    EXPECT_TRUE("autodisarm_rearmed_after_return", old.ss_sp == alt && old.ss_size == ALT_SIZE &&
                                                   old.ss_flags == (int)SS_AUTODISARM);

    ss = (stack_t){ .ss_flags = SS_DISABLE };
    EXPECT_EQ("alt_stack_disable", 0, sigaltstack(&ss, NULL));
    sigaltstack(NULL, &old);
    EXPECT_EQ("alt_stack_disabled_reports_ss_disable", SS_DISABLE, old.ss_flags);

    EXPECT_EXIT("stack_overflow_caught_on_alt_stack", 42, overflow_with_alt_stack());
    EXPECT_SIGNAL("stack_overflow_without_alt_stack_kills", SIGSEGV,
                  overflow_without_alt_stack());
    return utest_finish();
}
