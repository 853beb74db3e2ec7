/*
 * phase2-mapping/fs/sys_open.c - open, openat, creat: from a path to a
 * descriptor, with Linux's checks in Linux's order:
 *
 *   flags -> path copied in (EFAULT, ENAMETOOLONG) -> a free descriptor
 *   (EMFILE) -> the walk (ENOENT, ENOTDIR, EACCES, ELOOP) -> O_CREAT: make
 *   it (EEXIST with O_EXCL, EISDIR for "dir/", EACCES without write
 *   permission on the directory) -> may the file be opened so (EISDIR for
 *   writing a directory, ENOTDIR with O_DIRECTORY, EACCES) -> O_TRUNC.
 */
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <kernel/console.h>
#include <kernel/syscall.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <uapi/syscall_numbers.h>
#include <uapi/syscall_numbers_fs.h>

/* Flags a file keeps (F_GETFL shows them); the others act at open only. */
#define OPEN_KEPT (O_ACCMODE | O_APPEND | O_NONBLOCK | O_DSYNC | O_DIRECT | O_LARGEFILE | \
                   O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_SYNC | O_PATH)

static bool have_free_fd(void)
{
    for (int fd = 0; fd < TASK_MAX_FILES; fd++)
        if (!current->files[fd])
            return true;
    return false;
}

/* open_create: the O_CREAT walk: the existing file, or a new one. */
static int open_create(int dirfd, const char *path, int flags, uint32_t mode,
                       struct inode **out, bool *created)
{
    struct fs_struct *fs = task_fs(current);
    struct inode *dir, *inode;
    const char *last;
    unsigned len;
    bool slash;
    int err = path_parent(dirfd, path, &dir, &last, &len, &slash);

    if (err)
        return err;
    err = len == 0 || slash ? -EISDIR : dir_lookup(dir, last, len, &inode);
    if (!err && (flags & O_EXCL)) {
        iput(inode);
        err = -EEXIST;
    } else if (!err && S_ISLNK(inode->i_mode) && !(flags & O_NOFOLLOW)) {
        iput(inode);
        err = path_lookup(dirfd, path, LOOKUP_FOLLOW, &inode);
    } else if (err == -ENOENT) {
        err = dir->i_nlink == 0 ? -ENOENT : inode_permission(dir, MAY_WRITE | MAY_EXEC);
        if (!err)
            err = dir->i_op->create(dir, last, len, S_IFREG | (mode & 07777 & ~fs->umask),
                                    fs->euid, fs->egid, &inode);
        *created = !err;
    }
    iput(dir);
    if (!err)
        *out = inode;
    return err;
}

/* may_open: may inode be opened with flags? */
static int may_open(struct inode *inode, int flags, bool created)
{
    int acc = flags & O_ACCMODE, mask = 0;

    if (S_ISLNK(inode->i_mode))
        return -ELOOP;                  /* O_NOFOLLOW on a link */
    if (S_ISDIR(inode->i_mode) && (acc != O_RDONLY || (flags & (O_CREAT | O_TRUNC))))
        return -EISDIR;
    if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
        return -ENOTDIR;
    if (created)
        return 0;
    if (acc != O_WRONLY)
        mask |= MAY_READ;
    if (acc != O_RDONLY || (flags & O_TRUNC))
        mask |= MAY_WRITE;
    return inode_permission(inode, mask);
}

/* open_file: the struct file for an opened inode, named after the last
 * component of `path` (what pmap shows for a mapping of it). */
static int open_file(struct inode *inode, int flags, const char *path, struct file **out)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    int err;

    if (S_ISCHR(inode->i_mode) && (inode->i_rdev == DEV_CONSOLE || inode->i_rdev == DEV_TTY)) {
        *out = console_open();
        return 0;
    }
    err = vfs_open_inode(inode, (flags & OPEN_KEPT) | O_LARGEFILE, out);
    if (!err && *base)
        strlcpy((*out)->name, base, sizeof((*out)->name));
    return err;
}

static int64_t do_open(int dirfd, const char *user_path, int flags, uint32_t mode)
{
    struct inode *inode;
    struct file *f;
    bool created = false;
    char *path;
    int err = getname(user_path, &path);
    int fd;

    if (err)
        return err;
    if (!have_free_fd()) {
        kfree(path);
        return -EMFILE;
    }
    vfs_lock();
    if (flags & O_CREAT)
        err = open_create(dirfd, path, flags, mode, &inode, &created);
    else
        err = path_lookup(dirfd, path,
                          ((flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW) |
                              ((flags & O_DIRECTORY) ? LOOKUP_DIRECTORY : 0), &inode);
    if (!err) {
        err = may_open(inode, flags, created);
        if (!err && (flags & O_TRUNC) && S_ISREG(inode->i_mode) && !created &&
            inode->i_size)
            err = vfs_truncate(inode, 0);
        if (!err)
            err = open_file(inode, flags, path, &f);
        iput(inode);
    }
    kfree(path);
    vfs_unlock();
    if (err)
        return err;
    fd = fd_install(f);
    if (fd < 0) {
        file_put(f);
        return fd;
    }
    if (flags & O_CLOEXEC)
        current->fd_flags[fd] |= FD_CLOEXEC;
    return fd;
}

static int64_t sys_openat(uint64_t dirfd, uint64_t path, uint64_t flags, uint64_t mode)
{
    return do_open((int)dirfd, (const char *)path, (int)flags, (uint32_t)mode);
}

static int64_t sys_open(uint64_t path, uint64_t flags, uint64_t mode)
{
    return do_open(AT_FDCWD, (const char *)path, (int)flags, (uint32_t)mode);
}

static int64_t sys_creat(uint64_t path, uint64_t mode)
{
    return do_open(AT_FDCWD, (const char *)path, O_CREAT | O_WRONLY | O_TRUNC, (uint32_t)mode);
}

void sys_open_init(void)
{
    syscall_register(SYS_open, "open", SYSCALL_HANDLER(sys_open));
    syscall_register(SYS_openat, "openat", SYSCALL_HANDLER(sys_openat));
    syscall_register(SYS_creat, "creat", SYSCALL_HANDLER(sys_creat));
}
