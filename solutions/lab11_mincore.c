/*
 * solutions/lab11_mincore.c - Lab 11 reference: mincore's walk over one
 * VMA.  (Built into the phase-2 and phase-3 kernels only: in phase 1,
 * which has no mincore, this file compiles to nothing.)
 */
#if __has_include(<mm/mcalls.h>)
#include <mm/filemap.h>
#include <mm/mcalls.h>
#include <mm/mmap.h>
#include <mm/page_table.h>
#include <mm/shmem.h>

/* mincore_vma: contract in mm/mcalls.h. */
void mincore_vma(struct vm_area_struct *vma, uint64_t start, uint64_t end, unsigned char *vec)
{
    for (uint64_t addr = start; addr < end; addr += PAGE_SIZE) {
        pte_t *pte = pt_lookup(vma->vm_mm->pgd, addr);
        uint64_t index = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
        unsigned char resident = 0;

        if (pte && *pte != 0) {
            resident = 1;                   /* present, zero page, PROT_NONE */
        } else if (vma->vm_ops == &shmem_vm_ops) {
            struct shmem_object *obj = vma->vm_private_data;
            resident = page_store_lookup(&obj->pages, index) != NULL;
        } else if (vma_is_file(vma)) {
            resident = filemap_page_cached(vma_file_inode(vma), index);
        }
        *vec++ = resident;
    }
}
#endif
