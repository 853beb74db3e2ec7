/*
 * <termios.h> - the terminal's settings (POSIX), on Linux's ioctl ABI
 * (uapi/termios.h): canonical mode and echo on or off, the foreground
 * process group.
 */
#ifndef _TERMIOS_H
#define _TERMIOS_H

#include <sys/types.h>
#include <uapi/termios.h>

typedef uint32_t tcflag_t;
typedef uint8_t cc_t;
#define NCCS KERNEL_NCCS

#define TCSANOW   0     /* tcsetattr: at once */
#define TCSADRAIN 1     /* after the output is written (at once here) */
#define TCSAFLUSH 2     /* ... and unread input is dropped */

int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int when, const struct termios *t);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);

#endif
