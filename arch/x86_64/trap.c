/*
 * arch/x86_64/trap.c - where every trap goes after trap_entry.asm.
 *
 * trap_dispatch() sorts a trap into one of three kinds:
 *   - a hardware interrupt (IRQ_BASE..IRQ_BASE+15): run its handler, EOI;
 *   - an exception with a registered handler (the kernel registers the page
 *     fault handler, vector 14): run it;
 *   - any other exception: from ring 3, the user-fault hook (a signal);
 *     from the kernel, a report and a panic.
 * Before going back to ring 3 it runs the exit-to-user hook, and then makes
 * sure that the frame it returns through can only ever reach ring 3: user
 * selectors, no IOPL, no nested-task bit, interrupts on.
 */
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <arch/pic.h>
#include <arch/printk.h>
#include <arch/trap.h>

struct ex_entry {
    uint64_t insn;   /* address of an instruction allowed to fault */
    uint64_t fixup;  /* where to continue when it does */
};

extern const struct ex_entry __ex_table_start[], __ex_table_end[];
extern const char trap_iret[];      /* the iretq in trap_entry.asm */

static trap_handler_fn exception_handlers[IRQ_BASE];
static trap_handler_fn irq_handlers[16];
static trap_handler_fn user_fault_hook;
static trap_handler_fn exit_to_user_hook;
int64_t trap_inject_bad_iret;

void trap_register(int vector, trap_handler_fn fn)
{
    exception_handlers[vector] = fn;
}

void irq_register(int irq, trap_handler_fn fn)
{
    irq_handlers[irq] = fn;
    pic_unmask(irq);
}

void trap_set_user_fault_hook(trap_handler_fn fn)
{
    user_fault_hook = fn;
}

void trap_set_exit_to_user_hook(trap_handler_fn fn)
{
    exit_to_user_hook = fn;
}

/* The RFLAGS bits a user program may own: the arithmetic flags, TF, DF,
 * RF, AC and ID (Linux's sigreturn mask, plus ID).  Never IOPL (port
 * access), NT (iretq would #GP), VM, VIF, VIP. */
#define RFLAGS_USER_MASK 0x250dd5ull

void trap_exit_to_user(struct trap_frame *tf)
{
    if (exit_to_user_hook)
        exit_to_user_hook(tf);
    /* whatever the kernel (exec, a signal frame, sigreturn) put into the
     * frame, only a ring-3 state leaves through it */
    tf->cs = USER_CS;
    tf->ss = USER_DS;
    tf->rflags = (tf->rflags & RFLAGS_USER_MASK) | RFLAGS_IF | 0x2;
    if (trap_inject_bad_iret) {     /* a test of bad_iret (sysctl) */
        trap_inject_bad_iret = 0;
        tf->cs = TSS_SEL | 3;       /* a system descriptor: iretq takes #GP */
    }
}

static const struct ex_entry *find_fixup(uint64_t rip)
{
    for (const struct ex_entry *e = __ex_table_start; e < __ex_table_end; e++)
        if (e->insn == rip)
            return e;
    return NULL;
}

bool trap_in_uaccess(uint64_t rip)
{
    return find_fixup(rip) != NULL;
}

bool trap_fixup(struct trap_frame *tf)
{
    const struct ex_entry *e = find_fixup(tf->rip);
    if (!e)
        return false;
    tf->rip = e->fixup;
    return true;
}

static void handle_irq(struct trap_frame *tf)
{
    int irq = (int)(tf->vector - IRQ_BASE);
    if (pic_spurious(irq))
        return;
    if (irq_handlers[irq])
        irq_handlers[irq](tf);
    pic_send_eoi(irq);
}

/* bad_iret: the iretq back to ring 3 faulted in ring 0.  On Intel CPUs
 * that is what a non-canonical RIP does (AMD, and QEMU, fault in ring 3
 * instead); a bad selector would too.  The user's registers are all there:
 * the general ones in `tf` (popped just before the iretq, pushed again by
 * this trap), RIP..SS in the frame the iretq was reading, at tf->rsp.
 * Rebuild the user's frame where it belongs, at the top of the kernel
 * stack, as if the fault had happened in ring 3, let the user-fault hook
 * turn it into a signal, and leave from there.  Like Linux's fixup of
 * native_irq_return_iret. */
static __attribute__((noreturn)) void bad_iret(struct trap_frame *tf)
{
    const uint64_t *iret = (const uint64_t *)tf->rsp;   /* rip cs rflags rsp ss */
    struct trap_frame *top = (struct trap_frame *)(tf->rsp + 5 * 8) - 1;
    struct trap_frame user = *tf;

    printk("trap: iretq to ring 3 took %s (error %#lx): rip %#lx cs %#lx rflags %#lx "
           "rsp %#lx ss %#lx\n", trap_mnemonic(tf->vector), tf->error, iret[0], iret[1],
           iret[2], iret[3], iret[4]);
    user.rip = iret[0];
    user.rflags = iret[2];
    user.rsp = iret[3];
    user.cs = USER_CS;
    user.ss = USER_DS;
    *top = user;            /* overwrites the frame `tf` points into */
    if (user_fault_hook)
        user_fault_hook(top);
    trap_exit_to_user(top);
    trap_return(top);
}

/* is_bad_iret: the trap is the kernel's iretq failing on its way back to
 * ring 3 (the frame it was reading says CS with RPL 3).  An iretq back to
 * the kernel cannot fault: if it does, it is a kernel bug, reported. */
static bool is_bad_iret(const struct trap_frame *tf)
{
    return !trap_from_user(tf) && tf->rip == (uint64_t)trap_iret &&
           (tf->vector == TRAP_GP || tf->vector == TRAP_NP || tf->vector == TRAP_SS) &&
           (((const uint64_t *)tf->rsp)[1] & 3) == 3;
}

static void handle_exception(struct trap_frame *tf)
{
    if (is_bad_iret(tf))
        bad_iret(tf);
    if (exception_handlers[tf->vector]) {
        exception_handlers[tf->vector](tf);
        return;
    }
    if (trap_from_user(tf) && user_fault_hook) {
        user_fault_hook(tf);
        return;
    }
    if (!trap_from_user(tf) && trap_fixup(tf))
        return;
    /* nothing ran since the trap that could have changed CR2 */
    trap_kernel_fault(tf, tf->vector == TRAP_PF ? read_cr2() : 0);
}

void trap_dispatch(struct trap_frame *tf)
{
    if (tf->vector >= IRQ_BASE && tf->vector < IRQ_BASE + 16)
        handle_irq(tf);
    else if (tf->vector < IRQ_BASE)
        handle_exception(tf);
    else
        printk("trap: unexpected vector %lu ignored\n", tf->vector);

    if (trap_from_user(tf))
        trap_exit_to_user(tf);
}
