/*
 * labs/lab10_filemap_fault.c - Lab 10: the fault of a file mapping.
 * Read the hand-out in labs/README.md first.  (Phase 2: in phase 1 this file
 * compiles to nothing.)
 */
#if __has_include(<mm/filemap.h>)
#include <fs/vfs.h>
#include <kernel/lab.h>
#include <mm/filemap.h>
#include <mm/mmap.h>
#include <mm/page_alloc.h>
#include <mm/page_table.h>
#include <uapi/errno.h>

/*
 * filemap_fault: a fault at `addr` (page-aligned) of a file VMA where no
 * entry is present.  The page is page `index` of the file:
 *     index = vma->vm_pgoff + (addr - vma->vm_start) / PAGE_SIZE,
 * and the file's page cache is vma_file_inode(vma)->i_mapping.
 *   - past the end of the file (index >= mapping_end_index(mapping)):
 *     nothing can back it: return -EIO (the process gets SIGBUS);
 *   - get the page from the page cache: filemap_get_page(mapping, index,
 *     vma->vm_flags, &major, &err) -- cached, or read from the disk (then
 *     `major` is set);
 *   - MAP_SHARED (VM_SHARED): map that very frame with the VMA's rights
 *     (vma_pte_flags); a write fault also sets PTE_DIRTY;
 *   - MAP_PRIVATE and a write fault: map a copy (user_page_copy),
 *     writable and dirty;
 *   - MAP_PRIVATE and a read (or exec) fault: map the cache's own frame
 *     read-only and marked PTE_COW, so that a later write -- even after
 *     mprotect(PROT_WRITE) -- copies it (your lab 7).
 * A frame of the cache that you map gets one more reference (get_page);
 * the address space's rss grows by one.
 * Returns 0, VM_FAULT_MAJOR when the page was read from the disk, -EIO, or
 * -ENOMEM (no page table, no frame).  The caller holds vfs_lock.
 *
 * Stuck?  labs/HINTS.md has a step-by-step recipe (try without it first).
 *
 * Invariants: the cache holds one reference to each of its pages, every
 * entry that maps one another; a private mapping never has a writable
 * entry on a cache frame (a store there would change the file).
 * Common mistakes:
 *   - mapping the cache's frame writable in a MAP_PRIVATE VMA: the file
 *     changes (the coherence tests read it back);
 *   - forgetting get_page: the frame is freed while mapped;
 *   - forgetting the end-of-file check: a read past the end must be SIGBUS.
 *
 * Test: make check (the lab10 tests), or boot phase 2 and run
 * `tests/lab10_file_fault`.
 */
int filemap_fault(struct vm_area_struct *vma, uint64_t addr, unsigned fault_flags)
{
    LAB_NOT_DONE(10);   /* delete this line when you start */
    (void)vma;
    (void)addr;
    (void)fault_flags;
    return -EFAULT; /* TODO: replace with your implementation */
}
#endif
