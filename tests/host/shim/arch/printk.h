/*
 * tests/host/shim/arch/printk.h - the kernel's console on the host: printk
 * goes to stdout, panic() prints and aborts (the sanitizers then show where).
 */
#ifndef ARCH_PRINTK_H
#define ARCH_PRINTK_H

#include <stdio.h>
#include <stdlib.h>

#define printk(...) printf(__VA_ARGS__)
#define pr_info(...) ((void)0)

/* host_panic_hook: tests that expect a panic set this to catch it. */
extern void (*host_panic_hook)(const char *msg);
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);


#endif
