/*
 * phase1-vma/proc/fork.c - fork(): a new process that is a copy of the
 * caller.  The child gets a copy of the address space (mm_fork), shares
 * the open files, and starts life returning 0 from the same system call.
 * (Phase 1's vfork is this same copy; phase 2's shares the address space
 * through copy_process(true) and mm_release.)
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

static void (*mm_release_hook)(struct task *t);

void mm_release_set_hook(void (*fn)(struct task *t))
{
    mm_release_hook = fn;
}

void mm_release(struct task *t)
{
    if (mm_release_hook)
        mm_release_hook(t);
}

int do_fork(void)
{
    struct task *child = copy_process(false);
    return child ? child->pid : -ENOMEM;
}

struct task *copy_process(bool share_vm)
{
    struct task *child = task_alloc(current->name);

    if (!child)
        return NULL;
    if (share_vm) {
        child->mm = current->mm;
        mmget(child->mm);
    } else {
        child->mm = mm_fork(current->mm);
    }
    if (!child->mm) {
        task_free(child);
        return NULL;
    }
    if (task_hooks_fork(child, current)) {   /* a higher phase's per-task state */
        mmput(child->mm);                   /* shared by vfork: only a reference */
        child->mm = NULL;
        task_free(child);
        return NULL;
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
    return child;
}

/* task_start_user: make `t` (with its mm and trap frame set) runnable so
 * that it enters user mode at t->tf. */
void task_start_user(struct task *t)
{
    t->saved_rsp = arch_context_init((uint64_t)t->tf, child_start);
    sched_make_runnable(t);
}
