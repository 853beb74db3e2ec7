// phases: 1 3
// expect-log: ^cpu_exceptions\[\d+\]: invalid opcode \(#UD\) ip [0-9a-f]{16} sp [0-9a-f]{16} error 0$
/*
 * cpu_exceptions: whatever a program makes the CPU do -- an invalid
 * instruction, a division by zero, a privileged instruction, a jump to a
 * non-canonical address, a stack pointer into the kernel -- it gets the
 * signal Linux would send, and the kernel and everyone else carry on.
 */
#include "utest.h"

static volatile int zero = 0, sink;

static void divide_by_zero(void)
{
    /* in assembly: GCC turns 1 / x into a comparison, without a division */
    __asm__ volatile("xor %%edx, %%edx\n\tmov $1, %%eax\n\tdivl %0" : : "r"(zero) : "rax", "rdx");
}
static void invalid_opcode(void) { __asm__ volatile("ud2"); }
static void breakpoint(void) { __asm__ volatile("int3"); }
static void legacy_syscall_gate(void) { __asm__ volatile("int $0x80"); }
static void privileged_hlt(void) { __asm__ volatile("hlt"); }
static void privileged_cli(void) { __asm__ volatile("cli"); }
static void port_io(void) { __asm__ volatile("outb %%al, $0x80" : : "a"(0)); }
static void write_cr3(void) { __asm__ volatile("mov %%rax, %%cr3" : : "a"(0ul)); }
static void read_msr(void) { __asm__ volatile("rdmsr" : : "c"(0xc0000080u) : "rax", "rdx"); }

static void jump_non_canonical(void)
{
    void (*f)(void) = (void (*)(void))0x0000900000000000ul;
    f();
}

static void stack_into_kernel(void)
{
    __asm__ volatile("mov $0xffffffff80200000, %%rsp\n\tpush %%rax" : : : "memory");
}

static void syscall_with_kernel_stack(void)
{
    /* the kernel must not trust RSP at `syscall`: getpid with a wild stack */
    __asm__ volatile("mov %%rsp, %%r12\n\t"
                     "mov $0xffffffff80200000, %%rsp\n\t"
                     "mov $39, %%eax\n\t"
                     "syscall\n\t"
                     "mov %%r12, %%rsp"
                     : : : "rax", "rcx", "r11", "r12", "memory");
    _exit(7);
}

static void return_to_non_canonical(void)
{
    /* a syscall whose return address is non-canonical: sysret must not be
     * used (that would fault in ring 0); the program gets SIGSEGV instead */
    __asm__ volatile("mov $39, %%eax\n\t"
                     "lea 1f(%%rip), %%rcx\n\t"
                     "syscall\n"
                     "1:\n\t"
                     "mov $0x0000800000000000, %%rax\n\t"
                     "jmp *%%rax"
                     : : : "rax", "rcx", "r11", "memory");
}

static void flags_left_dirty(void)
{
    /* direction flag set, alignment check set: the kernel clears both */
    __asm__ volatile("std\n\tpushfq\n\torq $0x40000, (%%rsp)\n\tpopfq" : : : "memory");
    sink = getpid();
    __asm__ volatile("cld\n\tpushfq\n\tandq $~0x40000, (%%rsp)\n\tpopfq" : : : "memory");
    _exit(sink > 0 ? 5 : 6);
}

int main(void)
{
    EXPECT_SIGNAL("divide_by_zero_is_sigfpe", SIGFPE, divide_by_zero());
    EXPECT_SIGNAL("ud2_is_sigill", SIGILL, invalid_opcode());
    EXPECT_SIGNAL("int3_is_sigtrap", SIGTRAP, breakpoint());
    EXPECT_SIGNAL("int_0x80_is_sigsegv", SIGSEGV, legacy_syscall_gate());
    EXPECT_SIGNAL("hlt_is_sigsegv", SIGSEGV, privileged_hlt());
    EXPECT_SIGNAL("cli_is_sigsegv", SIGSEGV, privileged_cli());
    EXPECT_SIGNAL("port_io_is_sigsegv", SIGSEGV, port_io());
    EXPECT_SIGNAL("mov_to_cr3_is_sigsegv", SIGSEGV, write_cr3());
    EXPECT_SIGNAL("rdmsr_is_sigsegv", SIGSEGV, read_msr());
    EXPECT_SIGNAL("jump_to_non_canonical_is_sigsegv", SIGSEGV, jump_non_canonical());
    EXPECT_SIGNAL("push_with_kernel_stack_is_sigsegv", SIGSEGV, stack_into_kernel());
    EXPECT_EXIT("syscall_with_kernel_stack_pointer_works", 7, syscall_with_kernel_stack());
    EXPECT_SIGNAL("jump_past_user_space_is_sigsegv", SIGSEGV, return_to_non_canonical());
    EXPECT_EXIT("dirty_flags_do_not_reach_the_kernel", 5, flags_left_dirty());
    EXPECT_TRUE("parent_carries_on", getpid() > 1);
    return utest_finish();
}
