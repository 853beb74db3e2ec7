/*
 * phase1-vma/proc/fork.c - fork(): a new process that is a copy of the
 * caller.  The child gets a copy of the address space (mm_fork), shares
 * the open files, and starts life returning 0 from the same system call.
 */
#include <arch/context.h>
#include <kernel/file.h>
#include <lib/string.h>
#include <mm/mmap.h>
#include <proc/fork.h>
#include <proc/sched.h>
#include <uapi/errno.h>

/* child_start: the first thing a forked child runs: back to user mode
 * with the copied trap frame. */
static void child_start(void)
{
    trap_return(current->tf);
}

int do_fork(void)
{
    struct task *child = task_alloc(current->name);

    if (!child)
        return -ENOMEM;
    child->mm = mm_fork(current->mm);
    if (!child->mm) {
        task_free(child);
        return -ENOMEM;
    }
    if (task_hooks_fork(child, current)) {   /* a higher phase's per-task state */
        mm_destroy(child->mm);
        child->mm = NULL;
        task_free(child);
        return -ENOMEM;
    }
    files_copy(child, current);
    *child->tf = *current->tf;
    child->tf->rax = 0;                 /* fork() returns 0 in the child */
    fpu_save(&child->fpu);              /* the caller's live FPU registers */
    arch_save_user_bases(&child->bases);
    child->parent = current;
    child->pgid = current->pgid;
    child->blocked_signals = current->blocked_signals;
    memcpy(child->rlimits, current->rlimits, sizeof(child->rlimits));
    list_add_tail(&child->sibling, &current->children);
    child->saved_rsp = arch_context_init((uint64_t)child->tf, child_start);
    sched_make_runnable(child);
    return child->pid;
}

/* task_start_user: make `t` (with its mm and trap frame set) runnable so
 * that it enters user mode at t->tf. */
void task_start_user(struct task *t)
{
    t->saved_rsp = arch_context_init((uint64_t)t->tf, child_start);
    sched_make_runnable(t);
}
