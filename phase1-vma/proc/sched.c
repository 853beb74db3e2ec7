/*
 * phase1-vma/proc/sched.c - round-robin scheduling, sleeping and waking,
 * and the timer tick (see proc/sched.h).
 *
 * Invariant: the running task is never on the run queue; a runnable task
 * that is not running is on it exactly once; a sleeping task is on exactly
 * one wait queue.  All three lists reuse task.run_link.
 */
#include <arch/context.h>
#include <arch/kernel_entry.h>
#include <arch/cpu.h>
#include <arch/pic.h>
#include <arch/printk.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <proc/sched.h>
#include <proc/signal.h>

volatile uint64_t ticks;

static LIST_HEAD_DEFINE(run_queue);
static struct wait_queue timed_sleepers;
static struct task idle_task;
static uint64_t slice_start;
static bool need_resched;

void wait_queue_init(struct wait_queue *wq)
{
    list_init(&wq->sleepers);
}

void sched_make_runnable(struct task *t)
{
    uint64_t flags = irq_save();
    t->state = TASK_RUNNABLE;
    list_del(&t->run_link);     /* off any wait queue it may be on */
    list_add_tail(&t->run_link, &run_queue);
    irq_restore(flags);
}

/* switch_to: hand the CPU from `prev` to `next`: user FPU registers,
 * PKRU and FS/GS bases, address space, the stack traps enter on, then the
 * kernel stack. */
static void switch_to(struct task *prev, struct task *next)
{
    if (prev->mm) {
        fpu_save(&prev->fpu);
        arch_save_user_bases(&prev->bases);
    }
    if (next->mm) {
        fpu_restore(&next->fpu);
        arch_load_user_bases(&next->bases);
        mm_activate(next->mm);
    }
    arch_set_kernel_stack(next->kstack_top);
    current = next;
    arch_switch_stack(&prev->saved_rsp, next->saved_rsp);
}

void schedule(void)
{
    uint64_t flags = irq_save();
    struct task *prev = current, *next = &idle_task;

    if (!list_empty(&run_queue)) {
        next = list_entry(run_queue.next, struct task, run_link);
        list_del(&next->run_link);
    }
    need_resched = false;
    slice_start = ticks;
    if (next != prev)
        switch_to(prev, next);
    irq_restore(flags);
}

void sched_yield_current(void)
{
    uint64_t flags = irq_save();
    if (current != &idle_task)
        list_add_tail(&current->run_link, &run_queue);
    schedule();
    irq_restore(flags);
}

bool sched_need_resched(void)
{
    return need_resched;
}

void sleep_on(struct wait_queue *wq)
{
    uint64_t flags = irq_save();
    current->state = TASK_SLEEPING;
    list_add_tail(&current->run_link, &wq->sleepers);
    schedule();
    irq_restore(flags);
}

void wake_up(struct wait_queue *wq)
{
    uint64_t flags = irq_save();
    while (!list_empty(&wq->sleepers))
        sched_make_runnable(list_entry(wq->sleepers.next, struct task, run_link));
    irq_restore(flags);
}

void sleep_ticks(uint64_t n)
{
    uint64_t flags = irq_save();
    current->wake_tick = n > UINT64_MAX - ticks ? UINT64_MAX : ticks + n;
    while (ticks < current->wake_tick && !signal_pending(current))
        sleep_on(&timed_sleepers);
    irq_restore(flags);
}

static void wake_timed_sleepers(void)
{
    struct list_head *pos, *tmp;
    list_for_each_safe(pos, tmp, &timed_sleepers.sleepers) {
        struct task *t = list_entry(pos, struct task, run_link);
        if (t->wake_tick <= ticks)
            sched_make_runnable(t);
    }
}

static tick_hook_fn tick_hook;

void sched_set_tick_hook(tick_hook_fn fn)
{
    tick_hook = fn;
}

static void timer_tick(struct trap_frame *tf)
{
    ticks++;
    if (tick_hook)
        tick_hook(ticks);
    wake_timed_sleepers();
    if (ticks - slice_start >= TIME_SLICE)
        need_resched = true;
}

void sched_init(void)
{
    idle_task.pid = 0;
    idle_task.state = TASK_RUNNABLE;
    strlcpy(idle_task.name, "idle", sizeof(idle_task.name));
    idle_task.kstack_top = (uint64_t)boot_stack_top;
    list_init(&idle_task.run_link);
    list_init(&idle_task.children);
    current = &idle_task;
    wait_queue_init(&timed_sleepers);
    pit_init(TIMER_HZ);
    irq_register(TIMER_IRQ, timer_tick);
}

void sched_start(void)
{
    for (;;) {
        irq_disable();
        if (list_empty(&run_queue))
            cpu_idle();             /* sti; hlt: wakes on the next interrupt */
        else
            schedule();
    }
}
