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

/* initrd_for_each: call fn with every file's name; stop when it returns
 * non-zero. */
void initrd_for_each(int (*fn)(const char *name, uint64_t size, void *ctx), void *ctx);

#endif
