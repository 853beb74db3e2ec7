/*
 * phase2-mapping/fs/vfs_namei.c - from a path to an inode, one component
 * at a time:
 *
 *   "/tmp/a/../b"   start: the root ("/...") or the working directory or
 *                   the directory of dirfd (*at calls)
 *     tmp           dir_lookup: search permission on the directory, the
 *                   file system's lookup, then down into a file system
 *                   mounted there (ramfs on /tmp)
 *     a             (a symbolic link is followed, at most SYMLOOP_MAX deep)
 *     ..            up: from a mounted root first to the directory it covers
 *     b             the result (a trailing '/' demands a directory)
 *
 * Every step holds one reference on the inode it stands on.  Callers hold
 * vfs_lock().
 */
#include <fs/vfs.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <proc/task.h>
#include <uapi/errno.h>

int getname(const char *user_path, char **out)
{
    char *buf = kmalloc(PATH_MAX);
    long len;

    if (!buf)
        return -ENOMEM;
    len = strncpy_from_user(buf, user_path, PATH_MAX);
    if (len < 0) {
        kfree(buf);
        return (int)len;
    }
    *out = buf;
    return 0;
}

/* start_dir: where a walk of `path` starts (referenced). */
static int start_dir(int dirfd, const char *path, struct inode **out)
{
    struct inode *d;

    if (path[0] == '/') {
        d = vfs_root();
    } else if (dirfd == AT_FDCWD) {
        struct fs_struct *fs = task_fs(current);
        if (!fs)
            return -ENOMEM;
        d = fs->cwd;
    } else {
        struct file *f = fd_file(dirfd);
        if (!f)
            return -EBADF;
        d = file_inode(f);
        if (!d || !S_ISDIR(d->i_mode))
            return -ENOTDIR;
    }
    iget(d);
    *out = d;
    return 0;
}

int dir_lookup(struct inode *dir, const char *name, unsigned len, struct inode **out)
{
    struct inode *next, *root;
    int err;

    if (!S_ISDIR(dir->i_mode) || !dir->i_op || !dir->i_op->lookup)
        return -ENOTDIR;
    err = inode_permission(dir, MAY_EXEC);
    if (err)
        return err;
    if (len == 1 && name[0] == '.') {
        iget(dir);
        *out = dir;
        return 0;
    }
    if (len == 2 && name[0] == '.' && name[1] == '.') {
        if (dir == vfs_root()) {                /* the top: ".." is itself */
            iget(dir);
            *out = dir;
            return 0;
        }
        while (dir == dir->i_sb->s_root && mount_point_of(dir->i_sb))
            dir = mount_point_of(dir->i_sb);    /* up out of a mounted file system */
        return dir->i_op->lookup(dir, "..", 2, out);
    }
    err = dir->i_op->lookup(dir, name, len, &next);
    if (err)
        return err;
    while ((root = mount_root_on(next)) != NULL) {     /* down into a mount */
        iget(root);
        iput(next);
        next = root;
    }
    *out = next;
    return 0;
}

static int walk(struct inode *cur, const char *path, unsigned flags, int depth,
                struct inode **out);

/* follow_link: what symbolic link `link` in `dir` points at (consumes the
 * reference to link). */
static int follow_link(struct inode *dir, struct inode *link, int depth, struct inode **out)
{
    char *target;
    struct inode *start;
    int n, err;

    if (depth >= SYMLOOP_MAX || !link->i_op->readlink) {
        iput(link);
        return -ELOOP;
    }
    target = kmalloc(PATH_MAX);
    if (!target) {
        iput(link);
        return -ENOMEM;
    }
    n = link->i_op->readlink(link, target, PATH_MAX - 1);
    iput(link);
    if (n <= 0) {
        kfree(target);
        return n < 0 ? n : -ENOENT;
    }
    target[n] = '\0';
    start = target[0] == '/' ? vfs_root() : dir;
    iget(start);
    err = walk(start, target, LOOKUP_FOLLOW, depth + 1, out);
    kfree(target);
    return err;
}

/* walk: from `cur` (its reference is consumed) along path. */
static int walk(struct inode *cur, const char *path, unsigned flags, int depth,
                struct inode **out)
{
    const char *p = path;
    size_t n = strlen(path);

    for (;;) {
        const char *name, *q;
        struct inode *next;
        unsigned len;
        bool last;
        int err;

        while (*p == '/')
            p++;
        if (!*p)
            break;
        for (name = p; *p && *p != '/'; p++)
            ;
        len = (unsigned)(p - name);
        for (q = p; *q == '/'; q++)
            ;
        last = !*q;
        err = len > NAME_MAX ? -ENAMETOOLONG : dir_lookup(cur, name, len, &next);
        if (!err && S_ISLNK(next->i_mode) && (!last || (flags & LOOKUP_FOLLOW) || *p == '/'))
            err = follow_link(cur, next, depth, &next);
        iput(cur);
        if (err)
            return err;
        cur = next;
    }
    if (((flags & LOOKUP_DIRECTORY) || (n && path[n - 1] == '/')) && !S_ISDIR(cur->i_mode)) {
        iput(cur);
        return -ENOTDIR;
    }
    *out = cur;
    return 0;
}

int path_lookup(int dirfd, const char *path, unsigned flags, struct inode **out)
{
    struct inode *start;
    int err;

    if (!path[0])
        return -ENOENT;
    err = start_dir(dirfd, path, &start);
    return err ? err : walk(start, path, flags, 0, out);
}

int path_parent(int dirfd, const char *path, struct inode **dir, const char **last,
                unsigned *len, bool *trailing_slash)
{
    size_t n = strlen(path), end = n, begin;
    struct inode *start;
    char *prefix;
    int err;

    if (!n)
        return -ENOENT;
    while (end > 0 && path[end - 1] == '/')
        end--;
    *trailing_slash = end < n;
    for (begin = end; begin > 0 && path[begin - 1] != '/'; begin--)
        ;
    if (end - begin > NAME_MAX)
        return -ENAMETOOLONG;
    *last = path + begin;
    *len = (unsigned)(end - begin);
    err = start_dir(dirfd, path, &start);
    if (err)
        return err;
    prefix = kmalloc(begin + 1);
    if (!prefix) {
        iput(start);
        return -ENOMEM;
    }
    memcpy(prefix, path, begin);
    prefix[begin] = '\0';
    err = walk(start, prefix, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, 0, dir);
    kfree(prefix);
    return err;
}
