/*
 * mm/special.h - special mappings (mm/pfnmap.c, mm/vdso.c, fs/devmem.c):
 * frames a mapping neither owns nor counts (VM_PFNMAP): device memory, the
 * vDSO's image and its [vvar] data.  Their entries are never reference
 * counted, never in rss, never copied by fork (the child faults them in
 * again), never locked or swapped.
 */
#ifndef MM_SPECIAL_H
#define MM_SPECIAL_H

#include <arch/paging.h>
#include <mm/vma.h>

/* vmf_insert_pfn: map the frame at physical address `phys` at `addr`
 * (page-aligned, inside the VM_PFNMAP `vma`) with the VMA's rights plus
 * `cache_bits` (PTE_PCD | PTE_PWT for device memory).  An entry already
 * there is kept.  0 or -ENOMEM (no page table). */
int vmf_insert_pfn(struct vm_area_struct *vma, uint64_t addr, uint64_t phys, pte_t cache_bits);

/* vdso_init: build the [vvar] clock page, copy the vDSO's image into
 * frames, and register the exec and timer hooks (boot, phase 2). */
void vdso_init(void);

/* The /dev/zero and /dev/mem mmap operations (fs/devfs.c's files). */
struct file;
int zero_mmap(struct file *f, struct vm_area_struct *vma);
int devmem_mmap(struct file *f, struct vm_area_struct *vma);
/* devmem_file_open: only root (euid 0) may open /dev/mem: 0 or -EPERM. */
int devmem_file_open(struct file *f);

#endif
