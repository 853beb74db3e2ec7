/*
 * phase2-mapping/proc/clone_spawn.c - clone() as far as spawning a program
 * needs it: musl's posix_spawn (and so system() and popen()) calls
 * clone(CLONE_VM | CLONE_VFORK | SIGCHLD, child_stack) and has the child
 * execve at once, telling an exec failure through a pipe.  Here the child
 * is a fork (its own copy of the memory, COW where phase 2 has it) that
 * starts on child_stack: the same outcome for that pattern, since the
 * child only execs or exits.  Other clones (threads: CLONE_THREAD ...)
 * are not done: -ENOSYS, as before (phase 3 has threads).
 */
#include <fs/syscalls.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <proc/fork.h>
#include <proc/task.h>
#include <uapi/errno.h>

#define SYS_clone     56
#define CLONE_VM      0x00000100
#define CLONE_VFORK   0x00004000
#define CSIGNAL       0x000000ff
#define SIGCHLD_NR    17

static int64_t sys_clone(uint64_t flags, uint64_t stack, uint64_t ptid, uint64_t ctid,
                         uint64_t tls)
{
    struct task *child;
    int pid;

    if ((flags & CSIGNAL) != SIGCHLD_NR || (flags & ~(uint64_t)(CSIGNAL | CLONE_VM | CLONE_VFORK)))
        return -ENOSYS;
    if ((flags & CLONE_VM) && !stack)
        return -EINVAL;
    if (stack && !user_range_ok(stack - 8, 8))
        return -EFAULT;
    pid = do_fork();
    if (pid < 0)
        return pid;
    child = task_find(pid);
    if (child && stack)
        child->tf->rsp = stack;         /* the child has not run yet */
    return pid;
}

void clone_spawn_init(void)
{
    syscall_register(SYS_clone, "clone", SYSCALL_HANDLER(sys_clone));
}
