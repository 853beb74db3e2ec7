/*
 * mm/mcalls.h (phase 2) - the calls of the seed's phase 2 on memory:
 * mlock family (mm/mlock.c), mincore (mm/mincore.c, lab 11), msync
 * (mm/msync.c) and madvise (mm/madvise.c).  Each init registers its
 * system calls; phase2_init calls them.
 */
#ifndef PHASE2_MM_MCALLS_H
#define PHASE2_MM_MCALLS_H

#include <stdint.h>

struct vm_area_struct;

void mlock_init(void);
void mincore_init(void);
void msync_init(void);
void madvise_init(void);

/* Lab 11.  mincore_vma: one byte per page of [start, end) (page-aligned,
 * inside `vma`) into vec: 1 when the page is resident, else 0, as Linux
 * reports it:
 *   - a page-table entry is in use (present, the zero page, or kept
 *     not-present by PROT_NONE): 1;
 *   - otherwise, a shared anonymous VMA (vm_ops == &shmem_vm_ops): 1 when
 *     its shmem object holds the page (another process touched it);
 *   - a file VMA (vma_is_file): 1 when the page cache holds that page of
 *     the file (filemap_page_cached);
 *   - private anonymous memory never touched: 0. */
void mincore_vma(struct vm_area_struct *vma, uint64_t start, uint64_t end, unsigned char *vec);

/* madvise_fork_flags (mm/madvise_fork.c): vma's flags after MADV_DONTFORK,
 * DOFORK, WIPEONFORK or KEEPONFORK, or 0 with *err set (-EINVAL). */
uint32_t madvise_fork_flags(const struct vm_area_struct *vma, int advice, int *err);

#endif
