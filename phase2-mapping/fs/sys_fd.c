/*
 * phase2-mapping/fs/sys_fd.c - descriptor calls beyond phase 1's dup and
 * dup2: dup3 and fcntl (F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD,
 * F_GETFL, F_SETFL).  The close-on-exec flag lives per descriptor in
 * task->fd_flags[] (phase 1 closes those at execve).
 */
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <kernel/syscall.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <uapi/syscall_numbers.h>
#include <uapi/syscall_numbers_fs.h>

#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME)

static int64_t sys_dup3(uint64_t oldfd, uint64_t newfd, uint64_t flags)
{
    int fd;

    if (flags & ~(uint64_t)O_CLOEXEC)
        return -EINVAL;
    if (oldfd == newfd)
        return -EINVAL;
    fd = fd_dup2((int)oldfd, (int)newfd);
    if (fd >= 0 && (flags & O_CLOEXEC))
        current->fd_flags[fd] |= FD_CLOEXEC;
    return fd;
}

/* dup_from: the lowest free descriptor >= min, now another for f. */
static int dup_from(struct file *f, uint64_t min, bool cloexec)
{
    if (min >= TASK_MAX_FILES)
        return -EINVAL;
    for (int fd = (int)min; fd < TASK_MAX_FILES; fd++) {
        if (!current->files[fd]) {
            file_get(f);
            current->files[fd] = f;
            current->fd_flags[fd] = cloexec ? FD_CLOEXEC : 0;
            return fd;
        }
    }
    return -EMFILE;
}

static int64_t sys_fcntl(uint64_t fd, uint64_t cmd, uint64_t arg)
{
    struct file *f = fd_file((int)fd);

    if (!f)
        return -EBADF;
    switch (cmd) {
    case F_DUPFD:
        return dup_from(f, arg, false);
    case F_DUPFD_CLOEXEC:
        return dup_from(f, arg, true);
    case F_GETFD:
        return current->fd_flags[fd];
    case F_SETFD:
        current->fd_flags[fd] = (uint8_t)(arg & FD_CLOEXEC);
        return 0;
    case F_GETFL:
        return f->flags;
    case F_SETFL:
        f->flags = (int)((f->flags & ~SETFL_MASK) | (arg & SETFL_MASK));
        return 0;
    default:
        return -EINVAL;
    }
}

void sys_fd_init(void)
{
    syscall_register(SYS_dup3, "dup3", SYSCALL_HANDLER(sys_dup3));
    syscall_register(SYS_fcntl, "fcntl", SYSCALL_HANDLER(sys_fcntl));
}
