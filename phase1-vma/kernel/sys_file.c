/*
 * phase1-vma/kernel/sys_file.c - read, write, ioctl, close, dup, dup2.
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
