/*
 * phase2-mapping/fs/fs_struct.c - each process's file-system state: its
 * working directory, umask and user and group ids (struct fs_struct in
 * task->phase_data[TASK_DATA_FS]).  A child gets a copy at fork, the state
 * is dropped when the task is reaped (task_add_hooks, proc/task.h: fork and
 * release; execve keeps it); a process that has none yet (init) gets the
 * defaults on first use: "/", umask 022, root.
 */
#include <fs/vfs.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <proc/task.h>
#include <uapi/errno.h>

struct fs_struct *task_fs(struct task *t)
{
    struct fs_struct *fs = t->phase_data[TASK_DATA_FS];

    if (fs || !vfs_root())
        return fs;
    fs = kzalloc(sizeof(*fs));
    if (!fs)
        return NULL;
    fs->cwd = vfs_root();
    iget(fs->cwd);
    fs->umask = 022;
    t->phase_data[TASK_DATA_FS] = fs;
    return fs;
}

static int fs_fork(struct task *child, struct task *parent)
{
    struct fs_struct *pfs = task_fs(parent);
    struct fs_struct *fs;

    if (!pfs)
        return vfs_root() ? -ENOMEM : 0;
    fs = kmalloc(sizeof(*fs));
    if (!fs)
        return -ENOMEM;
    *fs = *pfs;
    iget(fs->cwd);
    child->phase_data[TASK_DATA_FS] = fs;
    return 0;
}

static void fs_release(struct task *t)
{
    struct fs_struct *fs = t->phase_data[TASK_DATA_FS];

    if (!fs)
        return;
    t->phase_data[TASK_DATA_FS] = NULL;
    iput(fs->cwd);
    kfree(fs);
}

static const struct task_hooks fs_hooks = { .fork = fs_fork, .release = fs_release };

void fs_struct_init(void)
{
    task_add_hooks(&fs_hooks);
}
