/*
 * kernel/boot.h - what kernel_main() parsed at boot, for everyone to read.
 */
#ifndef KERNEL_BOOT_H
#define KERNEL_BOOT_H

#include <lib/cmdline.h>

/* The kernel command line, parsed once (see lib/include/lib/cmdline.h). */
extern struct cmdline kernel_cmdline;

#endif
