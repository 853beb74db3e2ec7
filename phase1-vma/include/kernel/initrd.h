/*
 * kernel/initrd.h - the initial ramdisk: the user programs, linked into the
 * kernel image as a cpio "newc" archive (built by tools/mkinitrd.py; the
 * host can list it with `cpio -t < build/user/initrd.cpio`).
 */
#ifndef KERNEL_INITRD_H
#define KERNEL_INITRD_H

#include <stdint.h>

/* initrd_find: the contents of the file called `name`; 0, or -ENOENT. */
int initrd_find(const char *name, const uint8_t **data, uint64_t *size);

/* initrd_for_each: call fn with every file's name, size and mode; stop
 * when it returns non-zero.  The mode tells what a file is: */
#define INITRD_MODE_PROGRAM 0100755
#define INITRD_MODE_TEST    0100750     /* a test program (tests/user) */
void initrd_for_each(int (*fn)(const char *name, uint64_t size, uint32_t mode, void *ctx),
                     void *ctx);

#endif
