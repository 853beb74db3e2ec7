/*
 * proc/exit.h - the end of a process: exit, wait, and what happens to its
 * children (they go to init, pid 1).
 *
 *   exit:  close files, free the whole address space at once, hand the
 *          children to init, become a zombie, wake the parent
 *   wait:  find a zombie child, take its status, free its task and kernel
 *          stack (the only things a zombie still holds)
 */
#ifndef PROC_EXIT_H
#define PROC_EXIT_H

#include <stdint.h>

/* do_exit: end current with wait status `status`; never returns.  When init
 * exits, the machine powers off with init's exit code (128 + signal if a
 * signal killed it). */
__attribute__((noreturn)) void do_exit(int status);

/* do_wait4: wait(2) for a child (pid > 0: that child; -1 or <= 0: any).
 * Returns the reaped pid with *status set, 0 with WNOHANG when none has
 * exited, -ECHILD without children, -EINTR when a signal arrives. */
int do_wait4(int pid, int *status, int options);

/* init_task: pid 1, the adopter of orphans. */
extern struct task *init_task;

#endif
