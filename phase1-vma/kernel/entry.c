/*
 * phase1-vma/kernel/entry.c - what the kernel does around traps: turn user
 * exceptions into signals, and the last steps before every return to user
 * mode (a higher phase's work, switch task when the time slice is over,
 * act on pending signals, and in debug mode check the address space's
 * invariants).
 */
#include <arch/printk.h>
#include <arch/trap.h>
#include <arch/cpu.h>
#include <kernel/boot.h>
#include <kernel/entry.h>
#include <kernel/sysctl.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <proc/sched.h>
#include <proc/signal.h>

int64_t sysctl_check_mm;
static user_work_fn user_work;

void entry_set_user_work(user_work_fn fn)
{
    user_work = fn;
}

static void exit_to_user(struct trap_frame *tf)
{
    if (user_work) {
        irq_enable();       /* called with interrupts off: the work may sleep */
        user_work();
        irq_disable();
    }
    for (;;) {
        if (sched_need_resched())
            sched_yield_current();
        if (!signal_pending(current))
            break;
        signal_deliver(tf);
    }
    if (sysctl_check_mm >= 2 && current->mm && check_mm(current->mm) != 0)
        panic("check_mm failed for %s[%d] before returning to user mode", current->name,
              current->pid);
}

void entry_init(void)
{
    const char *level = cmdline_get(&kernel_cmdline, "check_mm");
    if (level)
        sysctl_check_mm = level[0] ? level[0] - '0' : 2;
    trap_set_user_fault_hook(user_exception);
    trap_set_exit_to_user_hook(exit_to_user);
}
