/*
 * phase1-vma/kernel/sys_file.c - read, write, readv, writev, ioctl, close,
 * dup, dup2.
 */
#include <kernel/file.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <stdbool.h>
#include <uapi/errno.h>

#define MAX_RW_COUNT 0x7ffff000ul   /* Linux caps one read/write at this */

/* check_transfer: may `f` move *n bytes at user address buf?  (has_op:
 * the file can do it at all.)  Caps *n as Linux does.  0 or -errno. */
static int64_t check_transfer(const struct file *f, bool has_op, uint64_t buf, uint64_t *n)
{
    if (!f)
        return -EBADF;
    if (!has_op)
        return -EINVAL;
    if (*n > MAX_RW_COUNT)
        *n = MAX_RW_COUNT;
    if (*n && !user_range_ok(buf, *n))
        return -EFAULT;
    return 0;
}

int64_t sys_read(uint64_t fd, uint64_t buf, uint64_t n)
{
    struct file *f = fd_file((int)fd);
    int64_t err = check_transfer(f, f && f->f_op->read, buf, &n);
    if (err || n == 0)
        return err;
    return f->f_op->read(f, (void *)buf, n);
}

int64_t sys_write(uint64_t fd, uint64_t buf, uint64_t n)
{
    struct file *f = fd_file((int)fd);
    int64_t err = check_transfer(f, f && f->f_op->write, buf, &n);
    if (err || n == 0)
        return err;
    return f->f_op->write(f, (const void *)buf, n);
}

#define UIO_MAXIOV 1024

struct iovec64 {
    uint64_t base, len;
};

/* do_rw_vector: readv / writev: the buffers of the user's iovec array in
 * turn, until one moves less than it asked (or fails).  Linux's checks
 * first: at most UIO_MAXIOV buffers, no length above SSIZE_MAX (EINVAL),
 * every buffer a user range (EFAULT); the total is capped at MAX_RW_COUNT. */
static int64_t do_rw_vector(uint64_t fd, uint64_t iov_ptr, uint64_t count, bool write)
{
    struct file *f = fd_file((int)fd);
    struct iovec64 v;
    uint64_t done = 0;

    if (!f)
        return -EBADF;
    if (write ? !f->f_op->write : !f->f_op->read)
        return -EINVAL;
    if (count > UIO_MAXIOV)
        return -EINVAL;
    if (!user_range_ok(iov_ptr, count * sizeof(struct iovec64)))
        return -EFAULT;
    for (uint64_t i = 0; i < count; i++) {              /* check every buffer */
        if (copy_from_user(&v, (const struct iovec64 *)iov_ptr + i, sizeof(v)))
            return -EFAULT;
        if ((int64_t)v.len < 0)
            return -EINVAL;
        if (!user_range_ok(v.base, v.len < MAX_RW_COUNT ? v.len : MAX_RW_COUNT))
            return -EFAULT;
    }
    for (uint64_t i = 0; i < count && done < MAX_RW_COUNT; i++) {   /* move the data */
        int64_t r;
        if (copy_from_user(&v, (const struct iovec64 *)iov_ptr + i, sizeof(v)))
            return done ? (int64_t)done : -EFAULT;
        if (v.len > MAX_RW_COUNT - done)
            v.len = MAX_RW_COUNT - done;
        if (v.len == 0)
            continue;
        r = write ? f->f_op->write(f, (const void *)v.base, v.len)
                  : f->f_op->read(f, (void *)v.base, v.len);
        if (r < 0)
            return done ? (int64_t)done : r;
        done += (uint64_t)r;
        if ((uint64_t)r < v.len)
            break;
    }
    return (int64_t)done;
}

int64_t sys_readv(uint64_t fd, uint64_t iov, uint64_t count)
{
    return do_rw_vector(fd, iov, count, false);
}

int64_t sys_writev(uint64_t fd, uint64_t iov, uint64_t count)
{
    return do_rw_vector(fd, iov, count, true);
}

int64_t sys_ioctl(uint64_t fd, uint64_t request, uint64_t arg)
{
    struct file *f = fd_file((int)fd);

    if (!f)
        return -EBADF;
    if (!f->f_op->ioctl)
        return -ENOTTY;
    return f->f_op->ioctl(f, request & 0xffffffffu, arg);  /* an int, as in Linux */
}

int64_t sys_close(uint64_t fd)
{
    return fd_close((int)fd);
}

int64_t sys_dup(uint64_t fd)
{
    return fd_dup((int)fd);
}

int64_t sys_dup2(uint64_t oldfd, uint64_t newfd)
{
    return fd_dup2((int)oldfd, (int)newfd);
}
