/*
 * kernel/uaccess.h - reading and writing user memory from a system call.
 *
 * A user pointer is never dereferenced directly: these functions first
 * check that the whole range lies in user space, then copy with the
 * fault-tolerant instructions of arch/uaccess.h.  A page that is not yet
 * present is faulted in as if the program had touched it; an address no
 * VMA allows gives -EFAULT, never a kernel panic.
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* user_range_ok: [addr, addr + len) lies entirely below USER_TOP. */
bool user_range_ok(uint64_t addr, uint64_t len);

/* Each returns 0, or -EFAULT when any byte could not be copied. */
int copy_from_user(void *dst, const void *user_src, size_t n);
int copy_to_user(void *user_dst, const void *src, size_t n);
int clear_user(void *user_dst, size_t n);

/* strncpy_from_user: copy a NUL-terminated string of at most max-1
 * characters.  Returns its length, -EFAULT, or -ENAMETOOLONG when no NUL
 * appears within `max` bytes. */
long strncpy_from_user(char *dst, const char *user_src, size_t max);

#endif
