/*
 * proc/sched.h - the scheduler: round robin over runnable tasks, driven
 * by the timer.
 *
 * The kernel is not preemptible: a task switches only when it sleeps,
 * exits or yields, or on its way back to ring 3 after the timer said its
 * time slice is over.  With one CPU that makes kernel code free of races
 * except against interrupt handlers, which touch only the tick count, the
 * console input buffer and the run queue (wake-ups).
 */
#ifndef PROC_SCHED_H
#define PROC_SCHED_H

#include <proc/task.h>

#define TIMER_HZ       100   /* ticks per second */
#define TIME_SLICE     2     /* ticks a task runs before it is preempted */

extern volatile uint64_t ticks;

/* sched_make_runnable: put `t` on the run queue. */
void sched_make_runnable(struct task *t);

/* schedule: switch to the next runnable task (or idle).  Returns when the
 * current task is chosen again.  `current` must already be on the run
 * queue, asleep on a wait queue, or a zombie. */
void schedule(void);

/* sched_yield_current: give up the rest of the time slice. */
void sched_yield_current(void);

/* sched_need_resched: the time slice is over (checked on return to user). */
bool sched_need_resched(void);

/* wait_queue_init / sleep_on / wake_up: current sleeps on `wq` until a
 * wake_up(wq).  Callers loop: while (!condition) sleep_on(wq);  with
 * interrupts disabled between checking the condition and sleeping. */
void wait_queue_init(struct wait_queue *wq);
void sleep_on(struct wait_queue *wq);
void wake_up(struct wait_queue *wq);

/* clock_init: read the time of day from the RTC (boot; proc/sys_proc.c
 * keeps the clocks). */
void clock_init(void);

/* clock_realtime_seconds: the time of day, seconds since 1970 (UTC). */
uint64_t clock_realtime_seconds(void);

/* The tick hook: called by the timer interrupt right after `ticks` grew
 * (interrupts off; keep it short).  Phase 2's vDSO keeps its [vvar] clock
 * current with it. */
typedef void (*tick_hook_fn)(uint64_t now);
void sched_set_tick_hook(tick_hook_fn fn);

/* sleep_ticks: sleep for at least `n` timer ticks, or until a signal is
 * pending (SLEEP_FOREVER: only a signal ends it). */
void sleep_ticks(uint64_t n);
#define SLEEP_FOREVER UINT64_MAX

/* sched_start: become the idle task and run the others; never returns. */
__attribute__((noreturn)) void sched_start(void);

/* sched_init: the idle task and the timer. */
void sched_init(void);

#endif
