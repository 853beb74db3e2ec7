/*
 * proc/fork.h - creating processes.
 */
#ifndef PROC_FORK_H
#define PROC_FORK_H

struct task;

/* do_fork: copy current; returns the child's pid (the child sees 0), or
 * -ENOMEM. */
int do_fork(void);

/* task_start_user: make a task whose mm and trap frame are ready runnable;
 * it will enter user mode at t->tf. */
void task_start_user(struct task *t);

#endif
