/*
 * user/lib/fileio.c - file descriptors: open, read, write, seek, stat ...
 * thin system call stubs.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include "syscall.h"

ssize_t read(int fd, void *buf, size_t n)
{
    return syscall_return(syscall3(SYS_read, fd, (long)buf, (long)n));
}

ssize_t write(int fd, const void *buf, size_t n)
{
    return syscall_return(syscall3(SYS_write, fd, (long)buf, (long)n));
}

ssize_t pread(int fd, void *buf, size_t n, off_t offset)
{
    return syscall_return(syscall4(SYS_pread64, fd, (long)buf, (long)n, offset));
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset)
{
    return syscall_return(syscall4(SYS_pwrite64, fd, (long)buf, (long)n, offset));
}

/* open: the mode argument is there only when a file may be created */
int open(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    return (int)syscall_return(syscall3(SYS_open, (long)path, flags, mode));
}

int creat(const char *path, mode_t mode)
{
    return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int close(int fd)
{
    return (int)syscall_return(syscall1(SYS_close, fd));
}

off_t lseek(int fd, off_t offset, int whence)
{
    return syscall_return(syscall3(SYS_lseek, fd, offset, whence));
}

int dup(int fd)
{
    return (int)syscall_return(syscall1(SYS_dup, fd));
}

int dup2(int fd, int newfd)
{
    return (int)syscall_return(syscall2(SYS_dup2, fd, newfd));
}

/* fcntl: every command takes at most one more argument, an int or a pointer */
int fcntl(int fd, int cmd, ...)
{
    va_list ap;
    long arg;
    va_start(ap, cmd);
    arg = va_arg(ap, long);
    va_end(ap);
    return (int)syscall_return(syscall3(SYS_fcntl, fd, cmd, arg));
}

int fsync(int fd)
{
    return (int)syscall_return(syscall1(SYS_fsync, fd));
}

int ftruncate(int fd, off_t length)
{
    return (int)syscall_return(syscall2(SYS_ftruncate, fd, length));
}

int unlink(const char *path)
{
    return (int)syscall_return(syscall1(SYS_unlink, (long)path));
}

/* getcwd: the kernel returns the length; POSIX wants the buffer */
char *getcwd(char *buf, size_t size)
{
    if (syscall_return(syscall2(SYS_getcwd, (long)buf, (long)size)) < 0)
        return NULL;
    return buf;
}

int stat(const char *path, struct stat *st)
{
    return (int)syscall_return(syscall2(SYS_stat, (long)path, (long)st));
}

int fstat(int fd, struct stat *st)
{
    return (int)syscall_return(syscall2(SYS_fstat, fd, (long)st));
}
