/*
 * arch/uaccess.h - the only instructions that touch user memory from the
 * kernel.  Each one is listed in the fault-fixup table (.ex_table): when it
 * faults on an address no VMA backs, trap_fixup() resumes at the fixup
 * label, which returns an error instead of the kernel panicking.
 *
 * The caller must first check that the whole range lies below USER_TOP
 * (the kernel's copy_from_user does); these functions only survive faults.
 * With SMAP on they open user access (stac) for exactly their own duration.
 */
#ifndef ARCH_UACCESS_H
#define ARCH_UACCESS_H

#include <stddef.h>

/* Both return the number of bytes NOT copied: 0 on success. */
size_t arch_copy_from_user(void *dst, const void *user_src, size_t n);
size_t arch_copy_to_user(void *user_dst, const void *src, size_t n);
size_t arch_clear_user(void *user_dst, size_t n);

/* arch_strncpy_from_user: copy up to `max` bytes, stopping after a NUL.
 * Returns the string length (without the NUL) when a NUL was copied, `max`
 * when none was found in `max` bytes, or -1 on a fault. */
long arch_strncpy_from_user(char *dst, const char *user_src, size_t max);

/* Set by cpu_enable_features() when SMAP is on, so that the copies above
 * execute stac/clac (which are invalid opcodes on CPUs without SMAP). */
extern unsigned char uaccess_smap_enabled;

#endif
