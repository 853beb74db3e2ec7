/*
 * phase2-mapping/fs/sys_rw.c - the calls on an open file's contents beyond
 * phase 1's read/write: pread64, pwrite64, lseek, getdents64, ftruncate,
 * truncate, fsync, fdatasync, sync.
 */
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <mm/filemap.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <uapi/syscall_numbers.h>
#include <uapi/syscall_numbers_fs.h>

#define MAX_RW_COUNT 0x7ffff000ul

/* seekable: a file with positions (pipes and the console have none). */
static bool seekable(struct file *f)
{
    return f->f_inode && !S_ISFIFO(f->f_inode->i_mode);
}

/* check_positional: pread/pwrite's checks, in Linux's order. */
static int64_t check_positional(struct file *f, int64_t pos, uint64_t buf, uint64_t *n,
                                bool write)
{
    if (!f)
        return -EBADF;
    if ((f->flags & O_ACCMODE) == (write ? O_RDONLY : O_WRONLY))
        return -EBADF;
    if (!seekable(f))
        return -ESPIPE;
    if (pos < 0)
        return -EINVAL;
    if (S_ISDIR(f->f_inode->i_mode))
        return write ? -EBADF : -EISDIR;
    if (*n > MAX_RW_COUNT)
        *n = MAX_RW_COUNT;
    if (*n && !user_range_ok(buf, *n))
        return -EFAULT;
    return 0;
}

static int64_t sys_pread64(uint64_t fd, uint64_t buf, uint64_t n, uint64_t pos)
{
    struct file *f = fd_file((int)fd);
    int64_t r = check_positional(f, (int64_t)pos, buf, &n, false);
    struct inode *inode;

    if (r || n == 0)
        return r;
    inode = f->f_inode;
    if (!S_ISREG(inode->i_mode) || !inode->i_op->read)     /* a device: no position */
        return f->f_op->read ? f->f_op->read(f, (void *)buf, n) : -EINVAL;
    vfs_lock();
    r = inode->i_op->read(inode, (void *)buf, n, pos, true);
    vfs_unlock();
    return r;
}

static int64_t sys_pwrite64(uint64_t fd, uint64_t buf, uint64_t n, uint64_t pos)
{
    struct file *f = fd_file((int)fd);
    int64_t r = check_positional(f, (int64_t)pos, buf, &n, true);
    struct inode *inode;

    if (r || n == 0)
        return r;
    inode = f->f_inode;
    if (!S_ISREG(inode->i_mode) || !inode->i_op->write)
        return f->f_op->write ? f->f_op->write(f, (const void *)buf, n) : -EINVAL;
    vfs_lock();
    if (f->flags & O_APPEND)            /* Linux appends, whatever the offset */
        pos = inode->i_size;
    r = inode->i_op->write(inode, (const void *)buf, n, pos, true);
    vfs_unlock();
    return r;
}

static int64_t sys_lseek(uint64_t fd, uint64_t off, uint64_t whence)
{
    struct file *f = fd_file((int)fd);
    int64_t base, pos;

    if (!f)
        return -EBADF;
    if (!seekable(f))
        return -ESPIPE;
    if (S_ISCHR(f->f_inode->i_mode))
        return 0;                       /* devices: always at 0 */
    switch (whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = (int64_t)f->pos; break;
    case SEEK_END: base = (int64_t)f->f_inode->i_size; break;
    case SEEK_DATA:
    case SEEK_HOLE:
        if ((int64_t)off < 0 || off >= f->f_inode->i_size)
            return -ENXIO;
        pos = whence == SEEK_DATA ? (int64_t)off : (int64_t)f->f_inode->i_size;
        f->pos = (uint64_t)pos;
        return pos;
    default: return -EINVAL;
    }
    if (__builtin_add_overflow(base, (int64_t)off, &pos) || pos < 0)
        return -EINVAL;
    f->pos = (uint64_t)pos;
    return pos;
}

struct dirent_ctx {
    uint8_t *buf;
    uint64_t size, used;
    bool full;                  /* an entry did not fit */
};

static int fill_dirent(void *p, const char *name, unsigned len, uint64_t ino, unsigned dtype,
                       uint64_t next)
{
    struct dirent_ctx *c = p;
    unsigned reclen = (unsigned)((sizeof(struct linux_dirent64) + len + 1 + 7) & ~7ul);
    struct linux_dirent64 *d;

    if (c->used + reclen > c->size) {
        c->full = true;
        return 1;
    }
    d = (struct linux_dirent64 *)(c->buf + c->used);
    memset(d, 0, reclen);
    d->d_ino = ino;
    d->d_off = (long)next;
    d->d_reclen = (unsigned short)reclen;
    d->d_type = (unsigned char)dtype;
    memcpy(d->d_name, name, len);
    c->used += reclen;
    return 0;
}

static int64_t sys_getdents64(uint64_t fd, uint64_t buf, uint64_t count)
{
    struct file *f = fd_file((int)fd);
    struct dirent_ctx c;
    int err;

    if (!f)
        return -EBADF;
    if (!f->f_inode || !S_ISDIR(f->f_inode->i_mode) || !f->f_inode->i_op->readdir)
        return -ENOTDIR;
    if (count > 65536)
        count = 65536;
    if (!user_range_ok(buf, count))
        return -EFAULT;
    c.buf = kmalloc(count ? count : 1);
    c.size = count;
    c.used = 0;
    c.full = false;
    if (!c.buf)
        return -ENOMEM;
    vfs_lock();
    err = f->f_inode->i_op->readdir(f->f_inode, &f->pos, fill_dirent, &c);
    vfs_unlock();
    if (!err && c.used == 0 && c.full)
        err = -EINVAL;                  /* not even one entry fits */
    if (!err && copy_to_user((void *)buf, c.buf, c.used))
        err = -EFAULT;
    kfree(c.buf);
    return err ? err : (int64_t)c.used;
}

static int64_t sys_ftruncate(uint64_t fd, uint64_t length)
{
    struct file *f;
    int err;

    if ((int64_t)length < 0)
        return -EINVAL;
    f = fd_file((int)fd);
    if (!f)
        return -EBADF;
    if (!f->f_inode || !S_ISREG(f->f_inode->i_mode) || (f->flags & O_ACCMODE) == O_RDONLY)
        return -EINVAL;
    vfs_lock();
    err = vfs_truncate(f->f_inode, length);
    vfs_unlock();
    return err;
}

static int64_t sys_truncate(uint64_t user_path, uint64_t length)
{
    struct inode *inode;
    char *path;
    int err;

    if ((int64_t)length < 0)
        return -EINVAL;
    err = getname((const char *)user_path, &path);
    if (err)
        return err;
    vfs_lock();
    err = path_lookup(AT_FDCWD, path, LOOKUP_FOLLOW, &inode);
    if (!err) {
        err = S_ISDIR(inode->i_mode) ? -EISDIR : inode_permission(inode, MAY_WRITE);
        if (!err)
            err = vfs_truncate(inode, length);
        iput(inode);
    }
    vfs_unlock();
    kfree(path);
    return err;
}

static int64_t sys_fsync(uint64_t fd)
{
    struct file *f = fd_file((int)fd);
    struct super_block *sb;
    int err;

    if (!f)
        return -EBADF;
    if (!seekable(f))
        return -EINVAL;
    sb = f->f_inode->i_sb;
    /* the file's dirty cached pages (and its mappings' dirty bits) first */
    err = filemap_write_range(f->f_inode, 0, UINT64_MAX);
    if (err || !sb->s_op->sync)
        return err;
    vfs_lock();
    err = sb->s_op->sync(sb);
    vfs_unlock();
    return err;
}

static int64_t sys_sync(void)
{
    struct inode *root = vfs_root();

    writeback_all();            /* every dirty cached page of every file */
    vfs_lock();
    if (root->i_sb->s_op->sync)
        root->i_sb->s_op->sync(root->i_sb);
    vfs_unlock();
    return 0;
}

void sys_rw_init(void)
{
    syscall_register(SYS_pread64, "pread64", SYSCALL_HANDLER(sys_pread64));
    syscall_register(SYS_pwrite64, "pwrite64", SYSCALL_HANDLER(sys_pwrite64));
    syscall_register(SYS_lseek, "lseek", SYSCALL_HANDLER(sys_lseek));
    syscall_register(SYS_getdents64, "getdents64", SYSCALL_HANDLER(sys_getdents64));
    syscall_register(SYS_ftruncate, "ftruncate", SYSCALL_HANDLER(sys_ftruncate));
    syscall_register(SYS_truncate, "truncate", SYSCALL_HANDLER(sys_truncate));
    syscall_register(SYS_fsync, "fsync", SYSCALL_HANDLER(sys_fsync));
    syscall_register(SYS_fdatasync, "fdatasync", SYSCALL_HANDLER(sys_fsync));
    syscall_register(SYS_sync, "sync", SYSCALL_HANDLER(sys_sync));
}
