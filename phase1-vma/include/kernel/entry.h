/*
 * kernel/entry.h - the last steps before every return to user mode
 * (kernel/entry.c): switch task when the time slice is over, deliver
 * pending signals, and run the work a higher phase registered.
 */
#ifndef KERNEL_ENTRY_H
#define KERNEL_ENTRY_H

/* The user-return work hook: called on every return to user mode, first,
 * in the returning task's context (it may sleep: nothing is held), with
 * interrupts enabled.  It must be cheap when it has nothing to do (phase
 * 2's periodic writeback looks at the tick count and returns). */
typedef void (*user_work_fn)(void);
void entry_set_user_work(user_work_fn fn);

/* entry_init: install the trap hooks (boot). */
void entry_init(void);

#endif
