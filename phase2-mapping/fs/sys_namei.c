/*
 * phase2-mapping/fs/sys_namei.c - the calls that make and remove names:
 * mkdir(at), unlink(at), rmdir, link(at), symlink(at), rename(at, at2).  Each finds the
 * parent directory and the last component (path_parent), then checks in
 * Linux's order: the kind of last component ("." / ".." / "/"), the lookup,
 * write and search permission on the directory (EACCES), the sticky bit
 * (EPERM), the kinds of file (EISDIR, ENOTDIR), mount points (EBUSY),
 * and leaves the rest to the file system.
 */
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <kernel/syscall.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <uapi/syscall_numbers.h>
#include <uapi/syscall_numbers_fs.h>

#define RENAME_NOREPLACE 1

/* A path split into its parent directory (referenced) and last name. */
struct nameidata {
    char *path;
    struct inode *dir;
    const char *last;
    unsigned len;
    bool slash;
};

static bool is_dot(const struct nameidata *nd)
{
    return nd->len == 1 && nd->last[0] == '.';
}

static bool is_dotdot(const struct nameidata *nd)
{
    return nd->len == 2 && nd->last[0] == '.' && nd->last[1] == '.';
}

static int nd_get(int dirfd, const char *user_path, struct nameidata *nd)
{
    int err = getname(user_path, &nd->path);

    nd->dir = NULL;
    if (err)
        return err;
    err = path_parent(dirfd, nd->path, &nd->dir, &nd->last, &nd->len, &nd->slash);
    if (err) {
        kfree(nd->path);
        nd->path = NULL;
    }
    return err;
}

static void nd_put(struct nameidata *nd)
{
    iput(nd->dir);
    kfree(nd->path);
}

/* is_busy: a mount point or the root of a file system. */
static bool is_busy(struct inode *inode)
{
    return mount_root_on(inode) || inode == inode->i_sb->s_root;
}

/* may_delete: may current remove victim's name from dir?  (the sticky
 * bit: only the file's or the directory's owner, or root) */
static int may_delete(struct inode *dir, struct inode *victim, bool want_dir)
{
    struct fs_struct *fs = task_fs(current);
    int err = inode_permission(dir, MAY_WRITE | MAY_EXEC);

    if (err)
        return err;
    if ((dir->i_mode & S_ISVTX) && fs->euid != 0 && fs->euid != victim->i_uid &&
        fs->euid != dir->i_uid)
        return -EPERM;
    if (want_dir && !S_ISDIR(victim->i_mode))
        return -ENOTDIR;
    if (!want_dir && S_ISDIR(victim->i_mode))
        return -EISDIR;
    if (want_dir && is_busy(victim))
        return -EBUSY;
    return 0;
}

/* may_create: may current make a name in dir? */
static int may_create(struct inode *dir)
{
    if (dir->i_nlink == 0)
        return -ENOENT;                 /* a removed directory */
    return inode_permission(dir, MAY_WRITE | MAY_EXEC);
}

static int64_t do_mkdirat(int dirfd, const char *user_path, uint32_t mode)
{
    struct fs_struct *fs = task_fs(current);
    struct nameidata nd;
    struct inode *inode;
    int err = nd_get(dirfd, user_path, &nd);

    if (err)
        return err;
    vfs_lock();
    if (nd.len == 0 || is_dot(&nd) || is_dotdot(&nd)) {
        err = -EEXIST;
    } else if ((err = dir_lookup(nd.dir, nd.last, nd.len, &inode)) == 0) {
        iput(inode);
        err = -EEXIST;
    } else if (err == -ENOENT && !(err = may_create(nd.dir))) {
        err = nd.dir->i_op->create(nd.dir, nd.last, nd.len, S_IFDIR | (mode & 07777 & ~fs->umask),
                                   fs->euid, fs->egid, &inode);
        if (!err)
            iput(inode);
    }
    nd_put(&nd);
    vfs_unlock();
    return err;
}

static int64_t do_unlink(int dirfd, const char *user_path)
{
    struct nameidata nd;
    struct inode *victim;
    int err = nd_get(dirfd, user_path, &nd);

    if (err)
        return err;
    vfs_lock();
    if (nd.len == 0 || is_dot(&nd) || is_dotdot(&nd)) {
        err = -EISDIR;
    } else if ((err = dir_lookup(nd.dir, nd.last, nd.len, &victim)) == 0) {
        if (nd.slash)
            err = S_ISDIR(victim->i_mode) ? -EISDIR : -ENOTDIR;
        else
            err = may_delete(nd.dir, victim, false);
        if (!err)
            err = nd.dir->i_op->unlink(nd.dir, nd.last, nd.len, victim);
        iput(victim);
    }
    nd_put(&nd);
    vfs_unlock();
    return err;
}

static int64_t do_rmdir(int dirfd, const char *user_path)
{
    struct nameidata nd;
    struct inode *victim;
    int err = nd_get(dirfd, user_path, &nd);

    if (err)
        return err;
    vfs_lock();
    if (nd.len == 0)
        err = -EBUSY;
    else if (is_dot(&nd))
        err = -EINVAL;
    else if (is_dotdot(&nd))
        err = -ENOTEMPTY;
    else if ((err = dir_lookup(nd.dir, nd.last, nd.len, &victim)) == 0) {
        err = may_delete(nd.dir, victim, true);
        if (!err)
            err = nd.dir->i_op->rmdir(nd.dir, nd.last, nd.len, victim);
        iput(victim);
    }
    nd_put(&nd);
    vfs_unlock();
    return err;
}

static int64_t do_linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
                         unsigned flags)
{
    struct nameidata nd;
    struct inode *target, *there;
    char *path;
    int err;

    if (flags & ~(unsigned)(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    err = getname(oldpath, &path);
    if (err)
        return err;
    vfs_lock();
    err = path_lookup(olddirfd, path, (flags & AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0, &target);
    kfree(path);
    if (!err) {
        err = nd_get(newdirfd, newpath, &nd);
        if (!err) {
            if (nd.len == 0 || is_dot(&nd) || is_dotdot(&nd))
                err = -EEXIST;
            else if ((err = dir_lookup(nd.dir, nd.last, nd.len, &there)) == 0) {
                iput(there);
                err = -EEXIST;
            } else if (err == -ENOENT) {
                err = nd.dir->i_sb != target->i_sb ? -EXDEV : may_create(nd.dir);
                if (!err && S_ISDIR(target->i_mode))
                    err = -EPERM;
                if (!err)
                    err = nd.dir->i_op->link(nd.dir, nd.last, nd.len, target);
            }
            nd_put(&nd);
        }
        iput(target);
    }
    vfs_unlock();
    return err;
}

/* is_ancestor: is `a` above `d` (or d itself) in d's file system? */
static bool is_ancestor(struct inode *a, struct inode *d)
{
    struct inode *cur = d, *up;
    bool found = false;

    iget(cur);
    while (!found && cur != cur->i_sb->s_root) {
        found = cur == a;
        if (found || cur->i_op->lookup(cur, "..", 2, &up))
            break;
        iput(cur);
        cur = up;
    }
    found |= cur == a;
    iput(cur);
    return found;
}

/* rename_checks: everything Linux refuses about moving obj (in od) onto
 * the name of victim (or NULL) in nd. */
static int rename_checks(struct nameidata *od, struct inode *obj, struct nameidata *nd,
                         struct inode *victim)
{
    bool is_dir = S_ISDIR(obj->i_mode);
    int err;

    if (od->dir->i_sb != nd->dir->i_sb)
        return -EXDEV;
    err = may_delete(od->dir, obj, is_dir);
    if (!err && victim)
        err = may_delete(nd->dir, victim, is_dir);
    else if (!err)
        err = may_create(nd->dir);
    if (err)
        return err;
    if (is_busy(obj))
        return -EBUSY;
    if (is_dir && is_ancestor(obj, nd->dir))
        return -EINVAL;                 /* into its own subtree */
    if (!is_dir && (od->slash || nd->slash))
        return -ENOTDIR;
    return 0;
}

static int64_t do_renameat2(int olddirfd, const char *oldpath, int newdirfd,
                            const char *newpath, unsigned flags)
{
    struct nameidata od, nd;
    struct inode *obj = NULL, *victim = NULL;
    int err;

    if (flags & ~(unsigned)RENAME_NOREPLACE)
        return -EINVAL;
    err = nd_get(olddirfd, oldpath, &od);
    if (err)
        return err;
    err = nd_get(newdirfd, newpath, &nd);
    if (err) {
        nd_put(&od);
        return err;
    }
    vfs_lock();
    if (od.len == 0 || is_dot(&od) || is_dotdot(&od) || nd.len == 0 || is_dot(&nd) ||
        is_dotdot(&nd))
        err = -EBUSY;
    else
        err = dir_lookup(od.dir, od.last, od.len, &obj);
    if (!err) {
        err = dir_lookup(nd.dir, nd.last, nd.len, &victim);
        if (err == -ENOENT) {
            victim = NULL;
            err = 0;
        }
    }
    if (!err && victim && (flags & RENAME_NOREPLACE))
        err = -EEXIST;
    if (!err && victim != obj)
        err = rename_checks(&od, obj, &nd, victim);
    if (!err && victim != obj)
        err = od.dir->i_op->rename(od.dir, od.last, od.len, obj, nd.dir, nd.last, nd.len,
                                   victim);
    iput(victim);
    iput(obj);
    nd_put(&nd);
    nd_put(&od);
    vfs_unlock();
    return err;
}

static int64_t do_symlinkat(const char *user_target, int newdirfd, const char *user_path)
{
    struct fs_struct *fs = task_fs(current);
    struct nameidata nd;
    struct inode *there;
    char *target;
    int err = getname(user_target, &target);

    if (err)
        return err;
    err = target[0] ? nd_get(newdirfd, user_path, &nd) : -ENOENT;
    if (err) {
        kfree(target);
        return err;
    }
    vfs_lock();
    if (nd.len == 0 || is_dot(&nd) || is_dotdot(&nd)) {
        err = -EEXIST;
    } else if ((err = dir_lookup(nd.dir, nd.last, nd.len, &there)) == 0) {
        iput(there);
        err = -EEXIST;
    } else if (err == -ENOENT && !(err = may_create(nd.dir))) {
        err = nd.dir->i_op->symlink ? nd.dir->i_op->symlink(nd.dir, nd.last, nd.len, target,
                                                            (unsigned)strlen(target), fs->euid,
                                                            fs->egid)
                                    : -EPERM;
    }
    nd_put(&nd);
    vfs_unlock();
    kfree(target);
    return err;
}

static int64_t sys_symlink(uint64_t target, uint64_t path)
{
    return do_symlinkat((const char *)target, AT_FDCWD, (const char *)path);
}

static int64_t sys_symlinkat(uint64_t target, uint64_t dirfd, uint64_t path)
{
    return do_symlinkat((const char *)target, (int)dirfd, (const char *)path);
}

static int64_t sys_mkdir(uint64_t path, uint64_t mode)
{
    return do_mkdirat(AT_FDCWD, (const char *)path, (uint32_t)mode);
}

static int64_t sys_mkdirat(uint64_t dirfd, uint64_t path, uint64_t mode)
{
    return do_mkdirat((int)dirfd, (const char *)path, (uint32_t)mode);
}

static int64_t sys_unlink(uint64_t path)
{
    return do_unlink(AT_FDCWD, (const char *)path);
}

static int64_t sys_rmdir(uint64_t path)
{
    return do_rmdir(AT_FDCWD, (const char *)path);
}

static int64_t sys_unlinkat(uint64_t dirfd, uint64_t path, uint64_t flags)
{
    if (flags & ~(uint64_t)AT_REMOVEDIR)
        return -EINVAL;
    return flags ? do_rmdir((int)dirfd, (const char *)path)
                 : do_unlink((int)dirfd, (const char *)path);
}

static int64_t sys_link(uint64_t oldpath, uint64_t newpath)
{
    return do_linkat(AT_FDCWD, (const char *)oldpath, AT_FDCWD, (const char *)newpath, 0);
}

static int64_t sys_linkat(uint64_t olddirfd, uint64_t oldpath, uint64_t newdirfd,
                          uint64_t newpath, uint64_t flags)
{
    return do_linkat((int)olddirfd, (const char *)oldpath, (int)newdirfd,
                     (const char *)newpath, (unsigned)flags);
}

static int64_t sys_rename(uint64_t oldpath, uint64_t newpath)
{
    return do_renameat2(AT_FDCWD, (const char *)oldpath, AT_FDCWD, (const char *)newpath, 0);
}

static int64_t sys_renameat(uint64_t olddirfd, uint64_t oldpath, uint64_t newdirfd,
                            uint64_t newpath)
{
    return do_renameat2((int)olddirfd, (const char *)oldpath, (int)newdirfd,
                        (const char *)newpath, 0);
}

static int64_t sys_renameat2(uint64_t olddirfd, uint64_t oldpath, uint64_t newdirfd,
                             uint64_t newpath, uint64_t flags)
{
    return do_renameat2((int)olddirfd, (const char *)oldpath, (int)newdirfd,
                        (const char *)newpath, (unsigned)flags);
}

void sys_namei_init(void)
{
    syscall_register(SYS_mkdir, "mkdir", SYSCALL_HANDLER(sys_mkdir));
    syscall_register(SYS_mkdirat, "mkdirat", SYSCALL_HANDLER(sys_mkdirat));
    syscall_register(SYS_unlink, "unlink", SYSCALL_HANDLER(sys_unlink));
    syscall_register(SYS_unlinkat, "unlinkat", SYSCALL_HANDLER(sys_unlinkat));
    syscall_register(SYS_rmdir, "rmdir", SYSCALL_HANDLER(sys_rmdir));
    syscall_register(SYS_link, "link", SYSCALL_HANDLER(sys_link));
    syscall_register(SYS_linkat, "linkat", SYSCALL_HANDLER(sys_linkat));
    syscall_register(SYS_rename, "rename", SYSCALL_HANDLER(sys_rename));
    syscall_register(SYS_renameat, "renameat", SYSCALL_HANDLER(sys_renameat));
    syscall_register(SYS_renameat2, "renameat2", SYSCALL_HANDLER(sys_renameat2));
    syscall_register(SYS_symlink, "symlink", SYSCALL_HANDLER(sys_symlink));
    syscall_register(SYS_symlinkat, "symlinkat", SYSCALL_HANDLER(sys_symlinkat));
}
