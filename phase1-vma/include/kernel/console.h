/*
 * kernel/console.h - the console as a file: what user programs read from
 * and write to on descriptors 0, 1 and 2.
 *
 * Output goes to the serial port.  Input arrives by serial interrupt and is
 * edited a line at a time, as a terminal in canonical mode does: typed
 * characters are echoed, Backspace erases, Enter completes the line and
 * only then does read() return it; Ctrl-D at the start of a line is end of
 * file.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

struct file;

void console_init(void);

/* console_open: a new reference to the console file. */
struct file *console_open(void);

#endif
