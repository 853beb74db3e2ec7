/*
 * <usmm.h> - libusmm, what usmm adds to musl for its own programs:
 *   - the kernel's own system calls: what a process's address space and
 *     the machine's memory look like (pmap, free, vmstat, ps use them);
 *     the structures and each call's contract are in <uapi/usmm.h>.  They
 *     return -1 and set errno on failure (usmm_vmas, usmm_programs and
 *     usmm_ps return a count or a length);
 *   - brk and sbrk that move the program break (musl's refuse to, on
 *     purpose: a C library's own malloc must not be confused by them);
 *     the course's malloc (user/libusmm/malloc.c) uses them;
 *   - that malloc's own checks;
 *   - signal names ("SEGV"), which musl keeps to itself.
 */
#ifndef _USMM_H
#define _USMM_H

#include <stdint.h>
#include <uapi/usmm.h>

long usmm_meminfo(struct usmm_meminfo *out);
long usmm_vmas(int pid, uint64_t from, struct usmm_vma_info *buf, uint64_t max);
long usmm_mmstat(int pid, struct usmm_mmstat *out);
long usmm_programs(char *buf, uint64_t size);
long usmm_poweroff(int status);
long usmm_check_mm(int pid);
long usmm_sysctl(const char *name, int64_t *old_value, const int64_t *new_value);
long usmm_ps(struct usmm_ps_entry *buf, uint64_t max);

/* usmm_brk / usmm_sbrk: brk(2) and sbrk(3) as POSIX describes them: 0 or
 * -1 (ENOMEM); the old break or (void *)-1. */
int usmm_brk(void *addr);
void *usmm_sbrk(intptr_t increment);

/* malloc_check: walk the whole heap and every free list, checking the
 * allocator's invariants.  Returns 0, or prints the first broken one to
 * stderr and returns -1.  malloc_stats: the heap's segments, the bytes in
 * use and free, and the blocks that came from mmap, on stderr. */
int malloc_check(void);
void malloc_stats(void);

/* usmm_signal_abbrev: "SEGV" for SIGSEGV..., NULL for others */
const char *usmm_signal_abbrev(int sig);

#endif
