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
 *   - signal names ("SEGV"), which musl keeps to itself;
 *   - the protection-key calls musl 1.2.3 lacks (glibc's <sys/mman.h> has
 *     them): pkey_alloc, pkey_free, pkey_mprotect, pkey_get, pkey_set.
 */
#ifndef _USMM_H
#define _USMM_H

#include <stddef.h>
#include <stdint.h>
#include <uapi/usmm.h>

/* Protection keys, as glibc declares them.  pkey_get/pkey_set read and
 * write this thread's PKRU (rdpkru/wrpkru); on a CPU without protection
 * keys they fail with ENOSYS, and pkey_alloc with ENOSPC (the kernel). */
#ifndef PKEY_DISABLE_ACCESS
#define PKEY_DISABLE_ACCESS 0x1
#define PKEY_DISABLE_WRITE  0x2
#endif
#define PKEY_ACCESS_MASK    (PKEY_DISABLE_ACCESS | PKEY_DISABLE_WRITE)
int pkey_alloc(unsigned int flags, unsigned int access_rights);
int pkey_free(int pkey);
int pkey_mprotect(void *addr, size_t len, int prot, int pkey);
int pkey_get(int pkey);
int pkey_set(int pkey, unsigned int access_rights);
unsigned int usmm_rdpkru(void);
void usmm_wrpkru(unsigned int pkru);

long usmm_meminfo(struct usmm_meminfo *out);
long usmm_vmas(int pid, uint64_t from, struct usmm_vma_info *buf, uint64_t max);
long usmm_mmstat(int pid, struct usmm_mmstat *out);
long usmm_programs(char *buf, uint64_t size);
long usmm_poweroff(int status);
long usmm_check_mm(int pid);
long usmm_sysctl(const char *name, int64_t *old_value, const int64_t *new_value);
long usmm_ps(struct usmm_ps_entry *buf, uint64_t max);
long usmm_pagemap(int pid, uint64_t addr, uint64_t npages, uint64_t *out);

/* usmm_vma_flags: the flags (USMM_VM_*) of the caller's VMA that holds p,
 * its range in *start and *end (either may be NULL); -1 when no VMA does. */
long usmm_vma_flags(const void *p, uint64_t *start, uint64_t *end);

/* usmm_vdso_sym: the address of `name` with version `version`
 * ("LINUX_2.6") in the kernel's vDSO (AT_SYSINFO_EHDR), or NULL.
 * usmm_vdso_getpid: getpid() read from [vvar] by the vDSO, without a
 * system call (musl's getpid() always makes one); getpid() itself when
 * there is no vDSO. */
void *usmm_vdso_sym(const char *version, const char *name);
int usmm_vdso_getpid(void);

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
