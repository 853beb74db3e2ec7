/*
 * uapi/termios.h - the terminal interface of ioctl() on the console, with
 * Linux's numbers and layout (x86-64): what musl's tcgetattr, tcsetattr,
 * tcgetpgrp and tcsetpgrp send.
 */
#ifndef UAPI_TERMIOS_H
#define UAPI_TERMIOS_H

#include <stdint.h>

#define TCGETS      0x5401
#define TCSETS      0x5402
#define TCSETSW     0x5403
#define TCSETSF     0x5404
#define TIOCGPGRP   0x540f
#define TIOCSPGRP   0x5410
#define TIOCGWINSZ  0x5413

/* the kernel's struct termios (musl's starts with the same 36 bytes) */
#define KERNEL_NCCS 19
struct termios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[KERNEL_NCCS];
};

struct winsize {
    uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* c_cc indices */
#define VINTR  0
#define VQUIT  1
#define VERASE 2
#define VKILL  3
#define VEOF   4
#define VTIME  5
#define VMIN   6
#define VSUSP  10

/* c_iflag, c_oflag */
#define ICRNL  0x100
#define OPOST  0x1
#define ONLCR  0x4

/* c_lflag */
#define ISIG   0x1
#define ICANON 0x2
#define ECHO   0x8
#define ECHOE  0x10
#define ECHOK  0x20
#define IEXTEN 0x8000

#endif
