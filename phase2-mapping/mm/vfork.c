/*
 * phase2-mapping/mm/vfork.c - vfork() as Linux does it (hooks:
 * syscall_register for SYS_vfork, mm_release_set_hook).
 *
 * Phase 1's vfork is a fork.  Here the child really runs in the parent's
 * address space -- no copy, no copy-on-write: its writes are the parent's
 * -- and the parent sleeps until the child lets go of it, by execve or
 * _exit (mm_release).  musl's vfork and posix_spawn rely on exactly that.
 *
 *   parent: vfork() ----sleeps------------------------------+-> returns pid
 *   child:          runs in the parent's mm ... execve/_exit |
 *                                         mm_release: wake --+
 *
 * A parent waits on a record on its own kernel stack, linked in a short
 * list (one entry per vfork in progress) that mm_release searches.
 */
#include <kernel/syscall.h>
#include <mm/cow.h>
#include <mm/mm.h>
#include <proc/fork.h>
#include <proc/sched.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <uapi/syscall_numbers.h>

struct vfork_done {
    struct task *child;
    bool done;
    struct wait_queue wq;
    struct vfork_done *next;
};

static struct vfork_done *waiting;      /* vforks whose child still holds the mm */

/* vfork_release: the mm_release hook: if `t` is a vfork child, wake its
 * parent (once). */
static void vfork_release(struct task *t)
{
    for (struct vfork_done **pp = &waiting; *pp; pp = &(*pp)->next) {
        struct vfork_done *v = *pp;
        if (v->child == t) {
            *pp = v->next;
            v->done = true;
            wake_up(&v->wq);
            return;
        }
    }
}

/* sys_vfork: a child sharing the caller's address space; the caller sleeps
 * until the child has called execve or exited.  Returns the child's pid,
 * or -ENOMEM. */
static int64_t sys_vfork(void)
{
    struct vfork_done v = { 0 };
    int pid;

    wait_queue_init(&v.wq);
    v.child = copy_process(true);
    if (!v.child)
        return -ENOMEM;
    pid = v.child->pid;
    v.next = waiting;
    waiting = &v;
    /* no other task runs before we sleep: the kernel is not preemptible */
    while (!v.done)
        sleep_on(&v.wq);
    return pid;
}

void vfork_init(void)
{
    mm_release_set_hook(vfork_release);
    syscall_register(SYS_vfork, "vfork", SYSCALL_HANDLER(sys_vfork));
}
