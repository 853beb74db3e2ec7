/*
 * proc/fork.h - creating processes.
 */
#ifndef PROC_FORK_H
#define PROC_FORK_H

#include <stdbool.h>

struct task;

/* do_fork: copy current; returns the child's pid (the child sees 0), or
 * -ENOMEM. */
int do_fork(void);

/* copy_process: a runnable child of current, returning 0 from the same
 * system call: with `share_vm` it runs in current's own address space
 * (mmget: what a higher phase's vfork uses), else in a copy (mm_fork).
 * NULL when out of memory. */
struct task *copy_process(bool share_vm);

/* mm_release: `t` lets go of its address space (exit, or exec replacing
 * it): the hook a higher phase set is told (phase 2 wakes a vfork parent),
 * before the mm itself is put. */
void mm_release(struct task *t);
void mm_release_set_hook(void (*fn)(struct task *t));

/* task_start_user: make a task whose mm and trap frame are ready runnable;
 * it will enter user mode at t->tf. */
void task_start_user(struct task *t);

#endif
