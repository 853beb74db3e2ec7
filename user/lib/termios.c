/*
 * user/lib/termios.c - ioctl() and the terminal calls built on it.
 */
#include <stdarg.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "syscall.h"

int ioctl(int fd, unsigned long request, ...)
{
    va_list ap;
    long arg;
    va_start(ap, request);
    arg = va_arg(ap, long);
    va_end(ap);
    return (int)syscall_return(syscall3(SYS_ioctl, fd, (long)request, arg));
}

int tcgetattr(int fd, struct termios *t)
{
    return ioctl(fd, TCGETS, t);
}

int tcsetattr(int fd, int when, const struct termios *t)
{
    if (when < TCSANOW || when > TCSAFLUSH) {
        errno = EINVAL;
        return -1;
    }
    return ioctl(fd, TCSETS + when, t);
}

pid_t tcgetpgrp(int fd)
{
    int pgrp;
    return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
    int value = pgrp;
    return ioctl(fd, TIOCSPGRP, &value);
}

/* isatty: 1 when fd is a terminal: one that has terminal settings */
int isatty(int fd)
{
    struct termios t;
    return tcgetattr(fd, &t) == 0;
}
