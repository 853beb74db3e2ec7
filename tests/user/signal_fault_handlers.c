// phases: 2 3
// lab: 6
/*
 * signal_fault_handlers: a SIGSEGV (and SIGILL, SIGFPE, SIGTRAP) handler
 * learns what Linux tells it (FPE_INTDIV, FPE_FLTDIV for an unmasked x87
 * division by zero): si_code SEGV_MAPERR for an address with no
 * mapping, SEGV_ACCERR for one the mapping forbids, si_addr the faulting
 * address (the instruction's for SIGILL/SIGFPE), and in the ucontext
 * REG_ERR, REG_TRAPNO and REG_CR2.  A handler that mprotects the page and
 * returns makes the faulting store run again and succeed; one that moves
 * REG_RIP resumes elsewhere; siglongjmp leaves a handler with the mask
 * restored.  A fault while its signal is blocked or ignored kills.
 * Built with musl-gcc -static it gives the same lines on Linux.
 */
#include "utest.h"
#include <setjmp.h>
#include <ucontext.h>

static volatile int hits, got_code, got_signo;
static volatile void *got_addr;
static volatile long got_err, got_trapno, got_cr2;
static volatile char *page;
static volatile char *volatile unmapped = (char *)0x10, *volatile unmapped2 = (char *)0x20;
static sigjmp_buf jump;

static void record(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    hits++;
    got_signo = si->si_signo;
    got_code = si->si_code;
    got_addr = si->si_addr;
    got_err = uc->uc_mcontext.gregs[REG_ERR];
    got_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
    got_cr2 = uc->uc_mcontext.gregs[REG_CR2];
}

/* fix_by_mprotect: make the page writable; the store runs again. */
static void fix_by_mprotect(int sig, siginfo_t *si, void *uc)
{
    record(sig, si, uc);
    mprotect((void *)page, 4096, PROT_READ | PROT_WRITE);
}

/* skip_instruction: resume after the faulting instruction, whose length
 * the test put in r12. */
static void skip_instruction(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    record(sig, si, ucv);
    uc->uc_mcontext.gregs[REG_RIP] += uc->uc_mcontext.gregs[REG_R12];
}

static void jump_out(int sig, siginfo_t *si, void *uc)
{
    record(sig, si, uc);
    siglongjmp(jump, 1);
}

static void on(int sig, void (*fn)(int, siginfo_t *, void *))
{
    struct sigaction sa = { .sa_sigaction = fn, .sa_flags = SA_SIGINFO };
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void segv_codes(void)
{
    on(SIGSEGV, jump_out);
    hits = 0;
    if (!sigsetjmp(jump, 1))
        *unmapped = 1;
    EXPECT_EQ("maperr_handler_ran", 1, hits);
    EXPECT_EQ("maperr_si_signo", SIGSEGV, got_signo);
    EXPECT_EQ("maperr_si_code", SEGV_MAPERR, got_code);
    EXPECT_TRUE("maperr_si_addr_is_fault_address", got_addr == (void *)0x10);
    EXPECT_EQ("maperr_reg_trapno_is_pf", 14, got_trapno);
    EXPECT_EQ("maperr_reg_err_user_write_notpresent", 6, got_err);
    EXPECT_EQ("maperr_reg_cr2_is_address", 0x10, got_cr2);

    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    EXPECT_EQ("siglongjmp_restores_mask", 0, sigismember(&now, SIGSEGV));

    page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    hits = 0;
    EXPECT_EQ("read_only_page_reads_zero", 0, page[100]);   /* now present */
    if (!sigsetjmp(jump, 1))
        page[100] = 1;
    EXPECT_EQ("accerr_si_code", SEGV_ACCERR, got_code);
    EXPECT_TRUE("accerr_si_addr_is_fault_address", got_addr == page + 100);
    EXPECT_EQ("accerr_reg_err_user_write_present", 7, got_err);

    on(SIGSEGV, fix_by_mprotect);
    hits = 0;
    page[200] = 42;             /* faults, the handler fixes, runs again */
    EXPECT_EQ("mprotect_fix_handler_ran_once", 1, hits);
    EXPECT_EQ("mprotect_fix_store_happened", 42, page[200]);
    munmap((void *)page, 4096);
}

static void rip_edit_resumes_elsewhere(void)
{
    long after = 0;

    on(SIGSEGV, skip_instruction);
    hits = 0;
    /* movb $1, 0x10 (absolute address, 8 bytes: c6 04 25 10 00 00 00 01) */
    __asm__ volatile("mov $8, %%r12\n\t"
                     "movb $1, 0x10\n\t"
                     "mov $77, %0" : "=r"(after) : : "r12", "memory");
    EXPECT_EQ("rip_edit_handler_ran", 1, hits);
    EXPECT_EQ("rip_edit_resumed_after_insn", 77, after);
}

static void other_faults(void)
{
    void *ud2_at, *div_at;

    on(SIGILL, jump_out);
    if (!sigsetjmp(jump, 1))
        __asm__ volatile("lea 0f(%%rip), %0\n\t"
                         "mov %0, %1\n"
                         "0: ud2" : "=r"(ud2_at), "=m"(ud2_at));
    EXPECT_EQ("sigill_si_code_ILL_ILLOPN", ILL_ILLOPN, got_code);
    EXPECT_TRUE("sigill_si_addr_is_instruction", got_addr == ud2_at);
    EXPECT_EQ("sigill_reg_trapno_is_ud", 6, got_trapno);

    on(SIGFPE, jump_out);
    if (!sigsetjmp(jump, 1)) {
        volatile int zero = 0;
        int q;
        __asm__ volatile("lea 0f(%%rip), %%rcx\n\t"
                         "mov %%rcx, %1\n\t"
                         "xor %%edx, %%edx\n\t"
                         "mov $1, %%eax\n"
                         "0: idivl %2" : "=a"(q), "=m"(div_at) : "m"(zero) : "rcx", "rdx");
    }
    EXPECT_EQ("sigfpe_si_code_FPE_INTDIV", FPE_INTDIV, got_code);
    EXPECT_TRUE("sigfpe_si_addr_is_instruction", got_addr == div_at);

    /* an x87 division by zero with the exception unmasked: #MF at the
     * next waiting instruction, which is what si_addr names */
    void *fwait_at;
    if (!sigsetjmp(jump, 1)) {
        uint16_t cw = 0x037f & ~0x4;            /* unmask zero-divide */
        __asm__ volatile("fninit\n\t"
                         "fldcw %1\n\t"
                         "fld1\n\t"
                         "fldz\n\t"
                         "fdivrp %%st, %%st(1)\n\t"
                         "lea 0f(%%rip), %%rax\n\t"
                         "mov %%rax, %0\n"
                         "0: fwait"
                         : "=m"(fwait_at) : "m"(cw) : "rax", "st", "st(1)");
    }
    __asm__ volatile("fninit");
    EXPECT_EQ("sigfpe_x87_si_code_FPE_FLTDIV", FPE_FLTDIV, got_code);
    EXPECT_TRUE("sigfpe_x87_si_addr_is_waiting_instruction", got_addr == fwait_at);
    EXPECT_EQ("sigfpe_x87_reg_trapno_is_mf", 16, got_trapno);

    on(SIGTRAP, record);
    hits = 0;
    __asm__ volatile("int3");
    EXPECT_EQ("sigtrap_int3_handler_returns", 1, hits);
    EXPECT_EQ("sigtrap_si_code_SI_KERNEL", SI_KERNEL, got_code);

    on(SIGSEGV, jump_out);
    if (!sigsetjmp(jump, 1))
        __asm__ volatile("hlt");            /* privileged: #GP */
    EXPECT_EQ("gp_sigsegv_si_code_SI_KERNEL", SI_KERNEL, got_code);
    EXPECT_TRUE("gp_sigsegv_si_addr_0", got_addr == NULL);
    EXPECT_EQ("gp_reg_trapno_is_gp", 13, got_trapno);
}

static void segv_blocked(void)
{
    sigset_t set;
    on(SIGSEGV, record);
    sigemptyset(&set);
    sigaddset(&set, SIGSEGV);
    sigprocmask(SIG_BLOCK, &set, NULL);
    *unmapped = 1;
    _exit(3);
}

static void segv_ignored(void)
{
    signal(SIGSEGV, SIG_IGN);
    *unmapped = 1;
    _exit(3);
}

static void ud2_while_blocked(void)
{
    sigset_t set;
    on(SIGILL, record);
    sigemptyset(&set);
    sigaddset(&set, SIGILL);
    sigprocmask(SIG_BLOCK, &set, NULL);
    __asm__ volatile("ud2");
    _exit(3);
}

static void int3_while_ignored(void)
{
    signal(SIGTRAP, SIG_IGN);
    __asm__ volatile("int3");
    _exit(3);
}

static void segv_in_segv_handler(int sig)
{
    *unmapped2 = 1;     /* SIGSEGV is blocked in its own handler */
}

static void fault_in_handler(void)
{
    signal(SIGSEGV, segv_in_segv_handler);
    *unmapped = 1;
    _exit(3);
}

int main(void)
{
    segv_codes();
    rip_edit_resumes_elsewhere();
    other_faults();
    EXPECT_SIGNAL("segv_while_blocked_kills", SIGSEGV, segv_blocked());
    EXPECT_SIGNAL("segv_while_ignored_kills", SIGSEGV, segv_ignored());
    EXPECT_SIGNAL("segv_inside_segv_handler_kills", SIGSEGV, fault_in_handler());
    EXPECT_SIGNAL("sigill_while_blocked_kills", SIGILL, ud2_while_blocked());
    EXPECT_SIGNAL("sigtrap_while_ignored_kills", SIGTRAP, int3_while_ignored());
    return utest_finish();
}
