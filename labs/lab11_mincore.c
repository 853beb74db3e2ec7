/*
 * labs/lab11_mincore.c - Lab 11: mincore's walk over one VMA.
 * Read the hand-out in labs/README.md first.  (Built into the phase-2 and
 * phase-3 kernels only: in phase 1, which has no mincore, this file
 * compiles to nothing.)
 */
#if __has_include(<mm/mcalls.h>)
#include <kernel/lab.h>
#include <mm/filemap.h>
#include <mm/mcalls.h>
#include <mm/mmap.h>
#include <mm/page_table.h>
#include <mm/shmem.h>

/*
 * mincore_vma: one byte per page of [start, end) (page-aligned, inside
 * `vma`) into vec: 1 when the page is resident, else 0, as Linux reports
 * it:
 *   - a page-table entry is in use (present, the zero page, or kept
 *     not-present by PROT_NONE): 1  (pt_lookup(vma->vm_mm->pgd, addr)
 *     gives the entry, or NULL when no table holds it);
 *   - otherwise, a shared anonymous VMA (vma->vm_ops == &shmem_vm_ops): 1
 *     when its shmem object (vma->vm_private_data) holds the page
 *     (page_store_lookup on its `pages`);
 *   - a file VMA (vma_is_file): 1 when the page cache holds that page of
 *     the file (filemap_page_cached(vma_file_inode(vma), index));
 *   - private anonymous memory never touched: 0.
 * The page's index in its object or file is vma->vm_pgoff plus its page
 * number inside the VMA.
 */
void mincore_vma(struct vm_area_struct *vma, uint64_t start, uint64_t end, unsigned char *vec)
{
    LAB_NOT_DONE(11);
    /* TODO: one byte per page, as the contract says. */
    for (uint64_t addr = start; addr < end; addr += PAGE_SIZE)
        *vec++ = 0;
}
#endif
