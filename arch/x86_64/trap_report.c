/*
 * arch/x86_64/trap_report.c - explain an exception the way a student needs
 * it: which exception, its error code decoded bit by bit, the faulting
 * address, every register, and the backtrace with function names.
 *
 *   ================ KERNEL EXCEPTION ================
 *   #PF page fault (vector 14) in kernel mode
 *   error 0x0000000000000002: not-present write kernel
 *   cr2  0x00000000dead0000  (the address that faulted)
 *   rip  0xffffffff80104a2b  ktest_page_fault_report+0x1b
 *   ...
 */
#include <arch/backtrace.h>
#include <arch/cpu.h>
#include <arch/poweroff.h>
#include <arch/printk.h>
#include <arch/trap.h>
#include <lib/string.h>

static const char *const names[32] = {
    "divide error", "debug", "non-maskable interrupt", "breakpoint",
    "overflow", "bound range exceeded", "invalid opcode", "device not available",
    "double fault", "coprocessor segment overrun", "invalid TSS",
    "segment not present", "stack-segment fault", "general protection",
    "page fault", "reserved", "x87 floating-point error", "alignment check",
    "machine check", "SIMD floating-point error", "virtualization exception",
    "control protection", "reserved", "reserved", "reserved", "reserved",
    "reserved", "reserved", "hypervisor injection", "VMM communication",
    "security exception", "reserved",
};

static const char *const mnemonics[32] = {
    "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "#MF?",
    "#TS", "#NP", "#SS", "#GP", "#PF", "#15", "#MF", "#AC", "#MC", "#XM",
    "#VE", "#CP", "#22", "#23", "#24", "#25", "#26", "#27", "#HV", "#VC",
    "#SX", "#31",
};

const char *trap_name(uint64_t vector)
{
    if (vector < 32)
        return names[vector];
    if (vector == TRAP_SYSCALL)
        return "system call";
    return "interrupt";
}

const char *trap_mnemonic(uint64_t vector)
{
    return vector < 32 ? mnemonics[vector] : "IRQ";
}

static void append(char *buf, unsigned size, const char *word)
{
    size_t len = strlen(buf);
    snprintf(buf + len, size - len, "%s%s", len ? " " : "", word);
}

void page_fault_decode(uint64_t err, char *buf, unsigned size)
{
    buf[0] = '\0';
    append(buf, size, err & PF_PRESENT ? "protection" : "not-present");
    append(buf, size, err & PF_INSTR ? "instruction-fetch"
                      : err & PF_WRITE ? "write" : "read");
    append(buf, size, err & PF_USER ? "user" : "kernel");
    if (err & PF_RESERVED)
        append(buf, size, "reserved-bit");
    if (err & PF_PKEY)
        append(buf, size, "protection-key");
    if (err & PF_SHADOW)
        append(buf, size, "shadow-stack");
}

/* has_error_code: the vectors for which the error code means something. */
static bool has_error_code(uint64_t v)
{
    return v == TRAP_DF || (v >= TRAP_TS && v <= TRAP_PF) || v == TRAP_AC ||
           v == TRAP_CP;
}

static void print_rip(const char *label, uint64_t rip)
{
    uint64_t off;
    const char *name = ksym_lookup(rip, &off);
    if (name)
        printk("%s 0x%016lx  %s+0x%lx\n", label, rip, name, off);
    else
        printk("%s 0x%016lx\n", label, rip);
}

void trap_report(const struct trap_frame *tf, uint64_t cr2)
{
    char decoded[96];

    printk("================ %s EXCEPTION ================\n",
           trap_from_user(tf) ? "USER" : "KERNEL");
    printk("%s %s (vector %lu) in %s mode\n", trap_mnemonic(tf->vector),
           trap_name(tf->vector), tf->vector, trap_from_user(tf) ? "user" : "kernel");
    if (tf->vector == TRAP_PF) {
        page_fault_decode(tf->error, decoded, sizeof(decoded));
        printk("error 0x%lx: %s\n", tf->error, decoded);
        printk("      [P=%lu W=%lu U=%lu RSVD=%lu I=%lu PK=%lu]\n",
               tf->error & 1, (tf->error >> 1) & 1, (tf->error >> 2) & 1,
               (tf->error >> 3) & 1, (tf->error >> 4) & 1, (tf->error >> 5) & 1);
        printk("cr2  0x%016lx  (the address that faulted)\n", cr2);
    } else if (has_error_code(tf->vector)) {
        printk("error 0x%lx%s\n", tf->error,
               tf->error ? " (a segment selector index)" : "");
    }
    print_rip("rip ", tf->rip);
    printk("rax  0x%016lx  rbx 0x%016lx  rcx 0x%016lx\n", tf->rax, tf->rbx, tf->rcx);
    printk("rdx  0x%016lx  rsi 0x%016lx  rdi 0x%016lx\n", tf->rdx, tf->rsi, tf->rdi);
    printk("rbp  0x%016lx  rsp 0x%016lx  r8  0x%016lx\n", tf->rbp, tf->rsp, tf->r8);
    printk("r9   0x%016lx  r10 0x%016lx  r11 0x%016lx\n", tf->r9, tf->r10, tf->r11);
    printk("r12  0x%016lx  r13 0x%016lx  r14 0x%016lx\n", tf->r12, tf->r13, tf->r14);
    printk("r15  0x%016lx  rflags 0x%lx  cs 0x%lx  ss 0x%lx\n", tf->r15, tf->rflags,
           tf->cs, tf->ss);
    printk("cr0  0x%lx  cr3 0x%lx  cr4 0x%lx\n", read_cr0(), read_cr3(), read_cr4());
    if (!trap_from_user(tf))
        backtrace_print_from(tf->rip, tf->rbp);
}

void trap_kernel_fault(const struct trap_frame *tf, uint64_t cr2)
{
    irq_disable();
    trap_report(tf, cr2);
    /* not panic(): the backtrace that matters was printed from the trap */
    printk("KERNEL PANIC: unhandled %s in kernel mode\n", trap_name(tf->vector));
    arch_poweroff(POWEROFF_PANIC);
}
