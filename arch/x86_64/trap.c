/*
 * arch/x86_64/trap.c - where every trap goes after trap_entry.asm.
 *
 * trap_dispatch() sorts a trap into one of three kinds:
 *   - a hardware interrupt (IRQ_BASE..IRQ_BASE+15): run its handler, EOI;
 *   - an exception with a registered handler (the kernel registers the page
 *     fault handler, vector 14): run it;
 *   - any other exception: from ring 3, the user-fault hook (a signal);
 *     from the kernel, a report and a panic.
 * Before going back to ring 3 it runs the exit-to-user hook.
 */
#include <arch/cpu.h>
#include <arch/pic.h>
#include <arch/printk.h>
#include <arch/trap.h>

struct ex_entry {
    uint64_t insn;   /* address of an instruction allowed to fault */
    uint64_t fixup;  /* where to continue when it does */
};

extern const struct ex_entry __ex_table_start[], __ex_table_end[];

static trap_handler_fn exception_handlers[IRQ_BASE];
static trap_handler_fn irq_handlers[16];
static trap_handler_fn user_fault_hook;
static trap_handler_fn exit_to_user_hook;

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

void trap_exit_to_user(struct trap_frame *tf)
{
    if (exit_to_user_hook)
        exit_to_user_hook(tf);
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

static void handle_exception(struct trap_frame *tf)
{
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
