/*
 * phase2-mapping/fs/sys_stat.c - what a file is: stat, lstat, fstat,
 * newfstatat, readlink(at), access, faccessat(2); and changing its mode
 * and owner: chmod, fchmod, fchmodat, chown, fchown, lchown, fchownat.
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

#define AT_NO_AUTOMOUNT 0x800

static void fill_stat(struct inode *inode, struct linux_stat *st)
{
    memset(st, 0, sizeof(*st));
    st->st_dev = inode->i_sb->s_dev;
    st->st_ino = inode->i_ino;
    st->st_nlink = inode->i_nlink;
    st->st_mode = inode->i_mode;
    st->st_uid = inode->i_uid;
    st->st_gid = inode->i_gid;
    st->st_rdev = inode->i_rdev;
    st->st_size = (long)inode->i_size;
    st->st_blksize = inode->i_sb->s_blocksize;
    st->st_blocks = (long)inode->i_blocks;
    st->st_atime = inode->i_atime;
    st->st_mtime = inode->i_mtime;
    st->st_ctime = inode->i_ctime;
}

/* stat_file: an open file's stat (the boot console has no inode: it is
 * shown as the character device 5,1). */
static int stat_file(struct file *f, struct linux_stat *st)
{
    if (f->f_inode) {
        fill_stat(f->f_inode, st);
        return 0;
    }
    memset(st, 0, sizeof(*st));
    st->st_mode = S_IFCHR | 0600;
    st->st_rdev = DEV_CONSOLE;
    st->st_nlink = 1;
    st->st_blksize = 1024;
    return 0;
}

static int64_t do_fstatat(int dirfd, const char *user_path, uint64_t buf, unsigned flags)
{
    struct linux_stat st;
    struct inode *inode;
    char *path;
    int err;

    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
        return -EINVAL;
    err = getname(user_path, &path);
    if (err)
        return err;
    if (!path[0] && (flags & AT_EMPTY_PATH) && dirfd != AT_FDCWD) {
        struct file *f = fd_file(dirfd);
        kfree(path);
        if (!f)
            return -EBADF;
        stat_file(f, &st);
        return copy_to_user((void *)buf, &st, sizeof(st)) ? -EFAULT : 0;
    }
    vfs_lock();
    err = path_lookup(dirfd, path[0] || !(flags & AT_EMPTY_PATH) ? path : ".",
                      (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &inode);
    if (!err) {
        fill_stat(inode, &st);
        iput(inode);
    }
    vfs_unlock();
    kfree(path);
    if (!err && copy_to_user((void *)buf, &st, sizeof(st)))
        err = -EFAULT;
    return err;
}

static int64_t sys_stat(uint64_t path, uint64_t buf)
{
    return do_fstatat(AT_FDCWD, (const char *)path, buf, 0);
}

static int64_t sys_lstat(uint64_t path, uint64_t buf)
{
    return do_fstatat(AT_FDCWD, (const char *)path, buf, AT_SYMLINK_NOFOLLOW);
}

static int64_t sys_newfstatat(uint64_t dirfd, uint64_t path, uint64_t buf, uint64_t flags)
{
    return do_fstatat((int)dirfd, (const char *)path, buf, (unsigned)flags);
}

static int64_t sys_fstat(uint64_t fd, uint64_t buf)
{
    struct file *f = fd_file((int)fd);
    struct linux_stat st;

    if (!f)
        return -EBADF;
    stat_file(f, &st);
    return copy_to_user((void *)buf, &st, sizeof(st)) ? -EFAULT : 0;
}

static int64_t sys_readlinkat(uint64_t dirfd, uint64_t user_path, uint64_t buf, uint64_t size)
{
    struct inode *inode;
    char *path, *target = NULL;
    int err, n = 0;

    if ((int64_t)(int)size <= 0)
        return -EINVAL;
    err = getname((const char *)user_path, &path);
    if (err)
        return err;
    vfs_lock();
    err = path_lookup((int)dirfd, path, 0, &inode);
    if (!err) {
        if (!S_ISLNK(inode->i_mode) || !inode->i_op->readlink)
            err = -EINVAL;
        else if (!(target = kmalloc(PATH_MAX)))
            err = -ENOMEM;
        else
            n = err = inode->i_op->readlink(inode, target, PATH_MAX);
        iput(inode);
    }
    vfs_unlock();
    kfree(path);
    if (err >= 0) {
        n = (uint64_t)n < size ? n : (int)size;
        err = copy_to_user((void *)buf, target, (size_t)n) ? -EFAULT : n;
    }
    kfree(target);
    return err;
}

static int64_t sys_readlink(uint64_t path, uint64_t buf, uint64_t size)
{
    return sys_readlinkat((uint64_t)AT_FDCWD, path, buf, size);
}

/* do_faccessat: access() checks with the real ids (or, AT_EACCESS, the
 * effective ones). */
static int64_t do_faccessat(int dirfd, const char *user_path, unsigned mode, unsigned flags)
{
    struct fs_struct *fs = task_fs(current);
    uint32_t euid, egid;
    struct inode *inode;
    char *path;
    int err;

    if (mode & ~7u)
        return -EINVAL;
    if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    err = getname(user_path, &path);
    if (err)
        return err;
    vfs_lock();
    euid = fs->euid;
    egid = fs->egid;
    if (!(flags & AT_EACCESS)) {
        fs->euid = fs->uid;
        fs->egid = fs->gid;
    }
    err = path_lookup(dirfd, path, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &inode);
    if (!err) {
        if (mode)
            err = inode_permission(inode, (int)mode);
        iput(inode);
    }
    fs->euid = euid;
    fs->egid = egid;
    vfs_unlock();
    kfree(path);
    return err;
}

static int64_t sys_access(uint64_t path, uint64_t mode)
{
    return do_faccessat(AT_FDCWD, (const char *)path, (unsigned)mode, 0);
}

static int64_t sys_faccessat(uint64_t dirfd, uint64_t path, uint64_t mode)
{
    return do_faccessat((int)dirfd, (const char *)path, (unsigned)mode, 0);
}

static int64_t sys_faccessat2(uint64_t dirfd, uint64_t path, uint64_t mode, uint64_t flags)
{
    return do_faccessat((int)dirfd, (const char *)path, (unsigned)mode, (unsigned)flags);
}

/* set_mode: chmod of an inode (owner or root only). */
static int set_mode(struct inode *inode, uint32_t mode)
{
    struct fs_struct *fs = task_fs(current);

    if (!inode_owner_or_root(inode))
        return -EPERM;
    mode &= 07777;
    if (fs->euid != 0 && fs->egid != inode->i_gid)
        mode &= ~(uint32_t)S_ISGID;
    inode->i_mode = (inode->i_mode & S_IFMT) | mode;
    inode_touch(inode, 4);
    return 0;
}

/* set_owner: chown of an inode: root may give it to anyone; its owner
 * may only change the group, to its own group.  -1 leaves an id alone. */
static int set_owner(struct inode *inode, uint32_t uid, uint32_t gid)
{
    struct fs_struct *fs = task_fs(current);

    if (fs->euid != 0 && ((uid != (uint32_t)-1 && uid != inode->i_uid) ||
                          (gid != (uint32_t)-1 && gid != inode->i_gid && gid != fs->egid) ||
                          fs->euid != inode->i_uid))
        return -EPERM;
    if (uid != (uint32_t)-1)
        inode->i_uid = uid;
    if (gid != (uint32_t)-1)
        inode->i_gid = gid;
    if (!S_ISDIR(inode->i_mode))
        inode->i_mode &= ~(uint32_t)(S_ISUID | (inode->i_mode & 010 ? S_ISGID : 0));
    inode_touch(inode, 4);
    return 0;
}

/* on_path: apply fn(inode, a, b) to the file at path. */
static int64_t on_path(int dirfd, const char *user_path, unsigned lookup,
                       int (*fn)(struct inode *, uint32_t, uint32_t), uint32_t a, uint32_t b)
{
    struct inode *inode;
    char *path;
    int err = getname(user_path, &path);

    if (err)
        return err;
    vfs_lock();
    err = path_lookup(dirfd, path, lookup, &inode);
    if (!err) {
        err = fn(inode, a, b);
        iput(inode);
    }
    vfs_unlock();
    kfree(path);
    return err;
}

static int64_t on_fd(int fd, int (*fn)(struct inode *, uint32_t, uint32_t), uint32_t a, uint32_t b)
{
    struct file *f = fd_file(fd);
    int err;

    if (!f)
        return -EBADF;
    if (!f->f_inode)
        return -EPERM;
    vfs_lock();
    err = fn(f->f_inode, a, b);
    vfs_unlock();
    return err;
}

static int chmod_fn(struct inode *inode, uint32_t mode, uint32_t unused)
{
    return set_mode(inode, mode);
}

static int64_t sys_chmod(uint64_t path, uint64_t mode)
{
    return on_path(AT_FDCWD, (const char *)path, LOOKUP_FOLLOW, chmod_fn, (uint32_t)mode, 0);
}

static int64_t sys_fchmodat(uint64_t dirfd, uint64_t path, uint64_t mode)
{
    return on_path((int)dirfd, (const char *)path, LOOKUP_FOLLOW, chmod_fn, (uint32_t)mode, 0);
}

static int64_t sys_fchmod(uint64_t fd, uint64_t mode)
{
    return on_fd((int)fd, chmod_fn, (uint32_t)mode, 0);
}

static int64_t sys_chown(uint64_t path, uint64_t uid, uint64_t gid)
{
    return on_path(AT_FDCWD, (const char *)path, LOOKUP_FOLLOW, set_owner, (uint32_t)uid,
                   (uint32_t)gid);
}

static int64_t sys_lchown(uint64_t path, uint64_t uid, uint64_t gid)
{
    return on_path(AT_FDCWD, (const char *)path, 0, set_owner, (uint32_t)uid, (uint32_t)gid);
}

static int64_t sys_fchown(uint64_t fd, uint64_t uid, uint64_t gid)
{
    return on_fd((int)fd, set_owner, (uint32_t)uid, (uint32_t)gid);
}

static int64_t sys_fchownat(uint64_t dirfd, uint64_t path, uint64_t uid, uint64_t gid,
                            uint64_t flags)
{
    if (flags & ~(uint64_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    return on_path((int)dirfd, (const char *)path,
                   (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, set_owner,
                   (uint32_t)uid, (uint32_t)gid);
}

void sys_stat_init(void)
{
    syscall_register(SYS_stat, "stat", SYSCALL_HANDLER(sys_stat));
    syscall_register(SYS_lstat, "lstat", SYSCALL_HANDLER(sys_lstat));
    syscall_register(SYS_fstat, "fstat", SYSCALL_HANDLER(sys_fstat));
    syscall_register(SYS_newfstatat, "newfstatat", SYSCALL_HANDLER(sys_newfstatat));
    syscall_register(SYS_readlink, "readlink", SYSCALL_HANDLER(sys_readlink));
    syscall_register(SYS_readlinkat, "readlinkat", SYSCALL_HANDLER(sys_readlinkat));
    syscall_register(SYS_access, "access", SYSCALL_HANDLER(sys_access));
    syscall_register(SYS_faccessat, "faccessat", SYSCALL_HANDLER(sys_faccessat));
    syscall_register(SYS_faccessat2, "faccessat2", SYSCALL_HANDLER(sys_faccessat2));
    syscall_register(SYS_chmod, "chmod", SYSCALL_HANDLER(sys_chmod));
    syscall_register(SYS_fchmod, "fchmod", SYSCALL_HANDLER(sys_fchmod));
    syscall_register(SYS_fchmodat, "fchmodat", SYSCALL_HANDLER(sys_fchmodat));
    syscall_register(SYS_chown, "chown", SYSCALL_HANDLER(sys_chown));
    syscall_register(SYS_fchown, "fchown", SYSCALL_HANDLER(sys_fchown));
    syscall_register(SYS_lchown, "lchown", SYSCALL_HANDLER(sys_lchown));
    syscall_register(SYS_fchownat, "fchownat", SYSCALL_HANDLER(sys_fchownat));
}
