/*
 * arch/printk.h - kernel console output and panic.
 */
#ifndef ARCH_PRINTK_H
#define ARCH_PRINTK_H

#include <stdarg.h>
#include <lib/format.h>

/* printk: format to the console.  Safe in interrupt handlers; a line is
 * never torn by an interrupt. */
int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintk(const char *fmt, va_list ap);

/* pr_info: like printk, but silent after printk_set_quiet(true) -- for boot
 * chatter that `quiet` on the command line (and `make run`) turns off. */
int pr_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void printk_set_quiet(int quiet);

/* printk_add_sink: also send console output to `sink` (e.g. a log buffer).
 * Returns 0, or -1 when all sink slots are taken. */
int printk_add_sink(format_sink_fn sink, void *ctx);

/* panic: print the message, the caller's backtrace, and power off with the
 * panic status.  Never returns. */
__attribute__((noreturn, format(printf, 1, 2)))
void panic(const char *fmt, ...);


#endif
