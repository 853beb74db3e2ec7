/*
 * kernel/console.h - the console as a file: what user programs read from
 * and write to on descriptors 0, 1 and 2.
 *
 * Output goes to the serial port.  Input arrives by serial interrupt and,
 * in canonical mode (the default), is edited a line at a time: typed
 * characters are echoed, Backspace erases, Enter completes the line and
 * only then does read() return it; Ctrl-D at the start of a line is end of
 * file; Ctrl-C sends SIGINT to the foreground process group.  ioctl()
 * speaks Linux's termios (TCGETS, TCSETS*, TIOCGWINSZ, TIOCGPGRP,
 * TIOCSPGRP): a program can switch canonical mode and echo off, as the
 * shell's line editor does.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

struct file;

/* The longest line canonical mode accepts (the bell refuses more). */
#define CONSOLE_LINE_MAX 1024

void console_init(void);

/* console_open: a new reference to the console file. */
struct file *console_open(void);

#endif
