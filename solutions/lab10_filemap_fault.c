/*
 * solutions/lab10_filemap_fault.c - Lab 10, the reference: the fault of a
 * file mapping.  (The student's version is labs/lab10_filemap_fault.c; the
 * hand-out is labs/README.md.)  Built into the phase-2 and phase-3
 * kernels only (in phase 1 this file compiles to nothing); phase 2's
 * calls it (the file VMA operations, phase2-mapping/mm/filemap_mmap.c).
 */
#if __has_include(<mm/filemap.h>)
#include <fs/vfs.h>
#include <mm/filemap.h>
#include <mm/mmap.h>
#include <mm/page_alloc.h>
#include <mm/page_table.h>
#include <uapi/errno.h>

/*
 * filemap_fault: a fault at `addr` (page-aligned) of a file VMA where no
 * entry is present.  The page is page `index` of the file:
 *     index = vm_pgoff + (addr - vm_start) / PAGE_SIZE.
 *   - past the end of the file: nothing can back it: -EIO (SIGBUS);
 *   - get the page from the page cache (filemap_get_page: cached, or read
 *     from the disk -- a major fault);
 *   - MAP_SHARED: map that very frame, with the VMA's rights (a write fault
 *     marks the entry dirty);
 *   - MAP_PRIVATE, a write: map a copy of it, writable and dirty;
 *   - MAP_PRIVATE, a read: map the cache's frame read-only, marked PTE_COW,
 *     so that a later write (even after mprotect) copies it (lab 7).
 * A frame mapped from the cache gets a reference for the entry; rss grows
 * by one.  Returns 0, VM_FAULT_MAJOR (the page was read from the disk),
 * -EIO, or -ENOMEM.  The caller holds vfs_lock.
 */
int filemap_fault(struct vm_area_struct *vma, uint64_t addr, unsigned fault_flags)
{
    struct address_space *mapping = &vma_file_inode(vma)->i_mapping;
    uint64_t index = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
    pte_t *pte = pt_entry(vma->vm_mm->pgd, addr, 1, pt_alloc_user_table);
    pte_t flags = vma_pte_flags(vma->vm_flags);
    struct page *page, *copy;
    bool major = false;
    int err;

    if (!pte)
        return -ENOMEM;
    if (*pte != 0)
        return 0;                       /* mapped meanwhile (the disk read slept) */
    if (index >= mapping_end_index(mapping))
        return -EIO;
    page = filemap_get_page(mapping, index, vma->vm_flags, &major, &err);
    if (!page)
        return err;
    if (vma->vm_flags & VM_SHARED) {
        get_page(page);
        if (fault_flags & FAULT_FLAG_WRITE)
            flags |= PTE_DIRTY;
        pt_set(pte, page_to_phys(page) | flags);
    } else if (fault_flags & FAULT_FLAG_WRITE) {
        copy = user_page_copy(page);
        if (!copy)
            return -ENOMEM;
        pt_set(pte, page_to_phys(copy) | flags | PTE_DIRTY);
    } else {
        get_page(page);
        pt_set(pte, page_to_phys(page) | (flags & ~PTE_WRITE) | PTE_COW);
    }
    vma->vm_mm->rss++;
    return major ? VM_FAULT_MAJOR : 0;
}
#endif
