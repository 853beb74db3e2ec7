/*
 * phase2-mapping/fs/sys_cwd.c - the working directory and the umask:
 * chdir, fchdir, getcwd, umask.  getcwd finds the path as the classic
 * Unix pwd did: from the directory up, ".." by "..", looking in each
 * parent for the name that leads back (so a renamed directory shows its
 * new name).
 */
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <uapi/syscall_numbers.h>
#include <uapi/syscall_numbers_fs.h>

static int set_cwd(struct inode *dir)
{
    struct fs_struct *fs = task_fs(current);
    int err;

    if (!S_ISDIR(dir->i_mode))
        return -ENOTDIR;
    err = inode_permission(dir, MAY_EXEC);
    if (err)
        return err;
    iget(dir);
    iput(fs->cwd);
    fs->cwd = dir;
    return 0;
}

static int64_t sys_chdir(uint64_t user_path)
{
    struct inode *dir;
    char *path;
    int err = getname((const char *)user_path, &path);

    if (err)
        return err;
    vfs_lock();
    err = path_lookup(AT_FDCWD, path, LOOKUP_FOLLOW, &dir);
    if (!err) {
        err = set_cwd(dir);
        iput(dir);
    }
    vfs_unlock();
    kfree(path);
    return err;
}

static int64_t sys_fchdir(uint64_t fd)
{
    struct file *f = fd_file((int)fd);
    int err;

    if (!f)
        return -EBADF;
    if (!f->f_inode)
        return -ENOTDIR;
    vfs_lock();
    err = set_cwd(f->f_inode);
    vfs_unlock();
    return err;
}

struct name_search {
    uint64_t ino;
    char *name;
    unsigned len;
    bool found;
};

static int match_ino(void *p, const char *name, unsigned len, uint64_t ino, unsigned dtype,
                     uint64_t next)
{
    struct name_search *s = p;
    if (ino != s->ino || (len == 1 && name[0] == '.') ||
        (len == 2 && name[0] == '.' && name[1] == '.'))
        return 0;
    memcpy(s->name, name, len);
    s->len = len;
    s->found = true;
    return 1;
}

/* prepend_name: put "/name-of-d-in-parent" before buf[*at..]. */
static int prepend_name(struct inode *parent, struct inode *d, char *buf, unsigned *at)
{
    char name[NAME_MAX + 1];
    struct name_search s = { d->i_ino, name, 0, false };
    uint64_t pos = 0;
    int err = parent->i_op->readdir(parent, &pos, match_ino, &s);

    if (err)
        return err;
    if (!s.found)
        return -ENOENT;
    if (*at < s.len + 1)
        return -ENAMETOOLONG;
    *at -= s.len;
    memcpy(buf + *at, name, s.len);
    buf[--*at] = '/';
    return 0;
}

/* cwd_path: the path of dir into the end of buf[0..size); *at: its start. */
static int cwd_path(struct inode *dir, char *buf, unsigned size, unsigned *at)
{
    struct inode *d = dir, *up;
    int err = 0;

    if (dir->i_nlink == 0)
        return -ENOENT;                 /* removed */
    *at = size - 1;
    buf[*at] = '\0';
    iget(d);
    while (!err && d != vfs_root()) {
        struct inode *here = d;
        while (here == here->i_sb->s_root && mount_point_of(here->i_sb))
            here = mount_point_of(here->i_sb);
        err = here->i_op->lookup(here, "..", 2, &up);
        if (!err) {
            err = prepend_name(up, here, buf, at);
            iput(d);
            d = up;
        }
    }
    iput(d);
    if (!err && *at == size - 1)
        buf[--*at] = '/';
    return err;
}

static int64_t sys_getcwd(uint64_t buf, uint64_t size)
{
    struct fs_struct *fs = task_fs(current);
    char *path = kmalloc(PATH_MAX);
    unsigned at, len;
    int err;

    if (!path)
        return -ENOMEM;
    vfs_lock();
    err = cwd_path(fs->cwd, path, PATH_MAX, &at);
    vfs_unlock();
    len = PATH_MAX - at;                /* with the NUL */
    if (!err && len > size)
        err = -ERANGE;
    if (!err && copy_to_user((void *)buf, path + at, len))
        err = -EFAULT;
    kfree(path);
    return err ? err : (int64_t)len;
}

static int64_t sys_umask(uint64_t mask)
{
    struct fs_struct *fs = task_fs(current);
    uint32_t old = fs->umask;
    fs->umask = (uint32_t)mask & 0777;
    return old;
}

void sys_cwd_init(void)
{
    syscall_register(SYS_chdir, "chdir", SYSCALL_HANDLER(sys_chdir));
    syscall_register(SYS_fchdir, "fchdir", SYSCALL_HANDLER(sys_fchdir));
    syscall_register(SYS_getcwd, "getcwd", SYSCALL_HANDLER(sys_getcwd));
    syscall_register(SYS_umask, "umask", SYSCALL_HANDLER(sys_umask));
}
