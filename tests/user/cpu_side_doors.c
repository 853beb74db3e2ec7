// phases: 1 3
// expect-log: ^trap: iretq to ring 3 took #GP \(error 0x30\): rip 0x[0-9a-f]+ cs 0x33 
// expect-log: ^pf: cpu_side_doors\[\d+\] addr 0x[0-9a-f]+ ip 0x[0-9a-f]+ error 0x1: fault loop: the same fault again after 1 fixes by a TLB flush
// expect-log: ^cpu_side_doors\[\d+\]: segfault at [0-9a-f]+ ip [0-9a-f]+ sp [0-9a-f]+ error 27$
/*
 * cpu_side_doors: the ways a ring-3 program can reach ring 0, or wedge the
 * kernel, by changing the state of the CPU itself rather than through a
 * system call's arguments -- each one a regression test of a hole found
 * by attacking the kernel from user space (docs/security.md):
 *   - compatibility mode: a far jump to a 32-bit code segment, then
 *     `syscall` (which entered ring 0 at address 0); `sysenter`; `int N`;
 *   - PKRU, which any program may write: denying itself key 0 must cost it
 *     its own memory only (EFAULT from the kernel, SIGSEGV in user mode),
 *     never hang the kernel or leak into another process;
 *   - a far return in ring 3, which QEMU's emulation makes fault on a
 *     page the entry allows: retried once, never for ever;
 *   - an iretq back to ring 3 that faults in ring 0 (forced with the
 *     debug.inject_bad_iret sysctl): the program gets SIGSEGV.
 */
#include "utest.h"
#include <usmm.h>

#define PKRU_DEFAULT 0x55555554u
#define PKEY0_DENY_ACCESS 0x55555555u
#define PKEY0_DENY_WRITE 0x55555556u

static char page[4096] __attribute__((aligned(4096)));

static void cpuid(unsigned leaf, unsigned sub, unsigned r[4])
{
    __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
                     : "a"(leaf), "c"(sub));
}

static int cpu_is_intel(void)
{
    unsigned r[4];
    cpuid(0, 0, r);
    return r[1] == 0x756e6547;          /* "Genu" */
}

static int cpu_has_ospke(void)
{
    unsigned r[4];
    cpuid(7, 0, r);
    return (r[2] >> 4) & 1;             /* OSPKE: the kernel turned PKU on */
}

static unsigned rdpkru(void)
{
    unsigned eax, edx;
    __asm__ volatile("rdpkru" : "=a"(eax), "=d"(edx) : "c"(0));
    return eax;
}

static void wrpkru(unsigned v)
{
    __asm__ volatile("wrpkru" : : "a"(v), "c"(0), "d"(0) : "memory");
}

/* ---- compatibility mode and the legacy entries ---------------------------- */

/* A far jump to selector `sel`, landing on 32-bit code that does `syscall`
 * and then spins (it never gets there: no 32-bit code segment exists). */
static __attribute__((noinline, noclone)) void far_jump_to_32bit_syscall(unsigned sel)
{
    struct { unsigned offset; unsigned short sel; } __attribute__((packed)) target;
    extern char compat_code[];
    target.offset = (unsigned)(unsigned long)compat_code;
    target.sel = (unsigned short)sel;
    __asm__ volatile("ljmpl *%0\n\t"
                     ".code32\n"
                     "compat_code:\n\t"
                     "movl $20, %%eax\n\t"   /* getpid in the i386 table */
                     "syscall\n\t"
                     "1: jmp 1b\n\t"
                     ".code64"
                     : : "m"(target) : "memory");
}

static void sysenter_from_64bit(void)
{
    __asm__ volatile("mov $39, %%eax\n\tsysenter" : : : "rax", "rcx", "r11", "memory");
}

static int vector;
static void int_n(void)
{
    /* `int imm8` built at run time: the page is made executable below */
    unsigned char *code = (unsigned char *)page;
    code[0] = 0xcd;
    code[1] = (unsigned char)vector;
    code[2] = 0xc3;                     /* ret (never reached) */
    mprotect(page, sizeof(page), PROT_READ | PROT_EXEC);
    ((void (*)(void))code)();
}

/* ---- PKRU ------------------------------------------------------------------ */

/* write(1, buf, 5) with key 0 denied to everyone, the kernel included: the
 * copy from user memory faults on a protection key.  Registers only in
 * between (the stack is key 0 too).  Exits with -result. */
static void write_with_key0_denied(void)
{
    static const char msg[] = "oops\n";
    long result;
    __asm__ volatile("mov %[deny], %%eax\n\t"
                     "xor %%ecx, %%ecx\n\t"
                     "xor %%edx, %%edx\n\t"
                     "wrpkru\n\t"
                     "mov $1, %%eax\n\t"
                     "mov $1, %%edi\n\t"
                     "mov %[msg], %%rsi\n\t"
                     "mov $5, %%edx\n\t"
                     "syscall\n\t"
                     "mov %%rax, %%r12\n\t"
                     "mov %[dflt], %%eax\n\t"
                     "xor %%ecx, %%ecx\n\t"
                     "xor %%edx, %%edx\n\t"
                     "wrpkru\n\t"
                     "mov %%r12, %[result]"
                     : [result] "=r"(result)
                     : [deny] "i"(PKEY0_DENY_ACCESS), [dflt] "i"(PKRU_DEFAULT), [msg] "r"(msg)
                     : "rax", "rcx", "rdx", "rsi", "rdi", "r11", "r12", "memory");
    _exit((int)-result);
}

/* read(fd of nothing...) is not needed: a store with writes denied faults
 * in user mode (error 0x25: present, user, protection key... plus W). */
static void store_with_key0_write_denied(void)
{
    volatile char *p = page;
    p[0] = 1;                           /* resident, writable */
    __asm__ volatile("wrpkru\n\t"
                     "movb $2, (%%rbx)"
                     : : "a"(PKEY0_DENY_WRITE), "c"(0), "d"(0), "b"(p + 8) : "memory");
    _exit(0);                           /* never: the store is SIGSEGV */
}

static void load_with_key0_write_denied(void)
{
    volatile char *p = page;
    char v;
    p[0] = 7;
    wrpkru(PKEY0_DENY_WRITE);
    v = p[0];                           /* reading is still allowed */
    wrpkru(PKRU_DEFAULT);
    _exit(v);
}

/* PKRU is per task: a child's value survives its own task switches, and
 * never leaks into its parent. */
static void pkru_survives_task_switches(void)
{
    wrpkru(0x5555555cu);                /* key 1: write-disable only */
    for (int i = 0; i < 20; i++)
        sched_yield();
    _exit(rdpkru() == 0x5555555cu ? 0 : 1);
}

/* ---- far returns and iretq ---------------------------------------------------- */

static void far_return_in_ring3(void)
{
    __asm__ volatile("lea 1f(%%rip), %%rax\n\t"
                     "pushq $0x2b\n\t"
                     "pushq %%rax\n\t"
                     "lretq\n"
                     "1:"
                     : : : "rax", "memory");
    _exit(0);
}

static void bad_iret_on_the_way_back(void)
{
    int64_t one = 1;
    usmm_sysctl("debug.inject_bad_iret", NULL, &one);
    _exit(0);                           /* never: the return faults first */
}

int main(void)
{
    int status, bad_vectors = 0;
    pid_t pid;

    EXPECT_SIGNAL("far_jump_to_32bit_code_segment_is_sigsegv", SIGSEGV,
                  far_jump_to_32bit_syscall(0x1b));
    EXPECT_SIGNAL("far_jump_to_32bit_selector_with_rpl0_is_sigsegv", SIGSEGV,
                  far_jump_to_32bit_syscall(0x18));
    EXPECT_SIGNAL("far_jump_to_kernel_code_is_sigsegv", SIGSEGV, far_jump_to_32bit_syscall(0x08));
    EXPECT_SIGNAL("far_jump_to_tss_is_sigsegv", SIGSEGV, far_jump_to_32bit_syscall(0x33));
    /* AMD CPUs (and QEMU's -cpu max) refuse sysenter in 64-bit mode (#UD);
     * Intel's take #GP from SYSENTER_CS = 0 */
    EXPECT_SIGNAL("sysenter_is_refused", cpu_is_intel() ? SIGSEGV : SIGILL,
                  sysenter_from_64bit());
    for (vector = 0; vector < 256; vector++) {
        UTEST_CHILD_STATUS(status, int_n());
        if (!WIFSIGNALED(status) || WTERMSIG(status) != (vector == 3 ? SIGTRAP : SIGSEGV)) {
            printf("int $%d: wait status %#x\n", vector, status);
            bad_vectors++;
        }
    }
    EXPECT_EQ("int_n_is_sigsegv_for_all_but_int3", 0, bad_vectors);

    EXPECT_TRUE("cpu_has_protection_keys", cpu_has_ospke());
    EXPECT_EQ("new_program_has_default_pkru", PKRU_DEFAULT, rdpkru());
    EXPECT_EXIT("write_with_key0_denied_is_efault", EFAULT, write_with_key0_denied());
    EXPECT_SIGNAL("store_with_key0_write_denied_is_sigsegv", SIGSEGV,
                  store_with_key0_write_denied());
    EXPECT_EXIT("load_with_key0_write_denied_works", 7, load_with_key0_write_denied());
    EXPECT_EXIT("pkru_survives_task_switches", 0, pkru_survives_task_switches());
    EXPECT_EQ("child_pkru_does_not_leak_into_parent", PKRU_DEFAULT, rdpkru());
    wrpkru(0x55555550u);
    EXPECT_EXIT("fork_inherits_pkru", 0x50, _exit(rdpkru() & 0xff));
    wrpkru(PKRU_DEFAULT);
    page[100] = 3;
    EXPECT_EQ("parent_memory_still_writable", 3, page[100]);

    /* real CPUs complete the far return; under QEMU it faults (SMAP) on an
     * entry that allows it: either way the child must end */
    UTEST_CHILD_STATUS(status, far_return_in_ring3());
    EXPECT_TRUE("far_return_in_ring3_ends",
                (WIFEXITED(status) && WEXITSTATUS(status) == 0) ||
                    (WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV));
    EXPECT_SIGNAL("faulting_iretq_to_user_is_sigsegv", SIGSEGV, bad_iret_on_the_way_back());

    pid = fork();
    if (pid == 0)
        _exit(getpid() > 1 ? 9 : 8);
    EXPECT_TRUE("fork_and_wait_still_work", waitpid(pid, &status, 0) == pid &&
                                                WIFEXITED(status) && WEXITSTATUS(status) == 9);
    EXPECT_EQ("check_mm_after_the_attacks", 0, usmm_check_mm(0));
    return utest_finish();
}
