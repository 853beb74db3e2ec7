/*
 * phase1-vma/kernel/sys_file.c - read, write, close, dup, dup2.
 */
#include <kernel/file.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <uapi/errno.h>

#define MAX_RW_COUNT 0x7ffff000ul   /* Linux caps one read/write at this */

int64_t sys_read(uint64_t fd, uint64_t buf, uint64_t n)
{
    struct file *f = fd_file((int)fd);
    if (!f)
        return -EBADF;
    if (!f->f_op->read)
        return -EINVAL;
    if (n == 0)
        return 0;
    if (n > MAX_RW_COUNT)
        n = MAX_RW_COUNT;
    if (!user_range_ok(buf, n))
        return -EFAULT;
    return f->f_op->read(f, (void *)buf, n);
}

int64_t sys_write(uint64_t fd, uint64_t buf, uint64_t n)
{
    struct file *f = fd_file((int)fd);
    if (!f)
        return -EBADF;
    if (!f->f_op->write)
        return -EINVAL;
    if (n == 0)
        return 0;
    if (n > MAX_RW_COUNT)
        n = MAX_RW_COUNT;
    if (!user_range_ok(buf, n))
        return -EFAULT;
    return f->f_op->write(f, (const void *)buf, n);
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
