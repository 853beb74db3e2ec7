/*
 * <sys/ioctl.h> - device requests (the console's are in <termios.h>).
 */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#include <uapi/termios.h>

int ioctl(int fd, unsigned long request, ...);

#endif
