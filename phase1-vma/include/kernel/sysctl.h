/*
 * kernel/sysctl.h - kernel tunables, read and set by the usmm_sysctl system
 * call (and some from the command line at boot).
 *
 *   vm.max_map_count   VMAs per address space (mm/vma.h)
 *   kernel.check_mm    0: never; 1: at exit (debug builds); 2: also before
 *                      every return to user mode
 *   kernel.pftrace     1: one log line per user page fault
 *   debug.inject_bad_iret  1: the next return to ring 3 faults in its
 *                      iretq (a test of the recovery, arch/x86_64/trap.c)
 */
#ifndef KERNEL_SYSCTL_H
#define KERNEL_SYSCTL_H

#include <stdint.h>

extern int64_t sysctl_check_mm;
extern int64_t sysctl_pftrace;

/* sysctl_register: a higher phase's tunable `name` (kept by the caller in
 * *value, which must live for ever), settable within [min, max].  At most
 * SYSCTL_EXTRA_MAX of them; 0, or -ENOSPC when the table is full. */
#define SYSCTL_EXTRA_MAX 16
int sysctl_register(const char *name, int64_t *value, int64_t min, int64_t max);

#endif
