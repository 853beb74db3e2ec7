/*
 * <usmm.h> - the kernel's own system calls: what a process's address space
 * and the machine's memory look like (pmap, free, vmstat, ps use them).
 * The structures and each call's contract are in <uapi/usmm.h>.
 *
 * Like every stub in the library these return -1 and set errno on failure
 * (usmm_vmas, usmm_programs and usmm_ps return a count or a length).
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

#endif
