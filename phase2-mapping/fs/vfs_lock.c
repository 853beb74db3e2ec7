/*
 * phase2-mapping/fs/vfs_lock.c - the file system lock: one sleeping lock,
 * recursive for its owner, held around every file system operation (the
 * disk driver sleeps in the middle of them, and another process must not
 * see half a change).  Releasing it writes the blocks the operation
 * changed (buffer_flush), so the disk is consistent between operations.
 */
#include <arch/cpu.h>
#include <fs/buffer.h>
#include <fs/vfs.h>
#include <proc/sched.h>

static struct task *owner;
static unsigned depth;
static struct wait_queue waiters = { .sleepers = { &waiters.sleepers, &waiters.sleepers } };

void vfs_lock(void)
{
    uint64_t flags = irq_save();
    while (owner && owner != current)
        sleep_on(&waiters);
    owner = current;
    depth++;
    irq_restore(flags);
}

void vfs_unlock(void)
{
    uint64_t flags;

    if (depth == 1)
        buffer_flush();                 /* still ours while it sleeps on the disk */
    flags = irq_save();
    if (--depth == 0) {
        owner = NULL;
        wake_up(&waiters);
    }
    irq_restore(flags);
}
