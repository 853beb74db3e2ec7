/*
 * labs/lab5_anonymous_fault.c - Lab 5: the demand-zero page fault.
 * Read the hand-out in labs/README.md first.
 */
#include <kernel/lab.h>
#include <mm/mmap.h>
#include <mm/page_alloc.h>
#include <mm/page_table.h>
#include <uapi/errno.h>

/*
 * do_anonymous_page: the first touch of a page of anonymous memory.  Give
 * it a fresh zero-filled frame, mapped with the rights of the VMA.
 * Returns 0, or -ENOMEM when no frame or page-table page is left.
 *
 * `addr` is page-aligned and lies inside `vma`; handle_mm_fault() has
 * already checked that the access is allowed by vma->vm_flags.
 *
 * TODO:
 *   1. Find the last-level page-table entry for `addr` in the address
 *      space's tables (vma->vm_mm->pgd), creating the missing tables on the
 *      way: pt_entry(pgd, addr, 1, pt_alloc_user_table).  NULL means no
 *      memory for a table: return -ENOMEM.
 *   2. If the entry is already non-zero, the page is there (nothing to do:
 *      return 0).  Never overwrite an entry: the frame in it would leak.
 *   3. Get a zero-filled frame with user_page_alloc() (-ENOMEM if NULL).
 *      Why zero-filled?  The frame last held another process's data.
 *   4. Store the entry with pt_set() -- never write *pte directly, pt_set
 *      keeps the table's count of used entries, which decides when empty
 *      tables are freed -- as the frame's physical address
 *      (page_to_phys) combined with the rights of the VMA
 *      (vma_pte_flags(vma->vm_flags)).
 *   5. Count the new resident page: vma->vm_mm->rss++.
 *
 * Test: make check (the lab5 tests), or boot and run `demo_demand_paging`.
 */
int do_anonymous_page(struct vm_area_struct *vma, uint64_t addr, unsigned fault_flags)
{
    LAB_NOT_DONE(5);   /* delete this line when you start */
    return -EFAULT; /* TODO: replace with your implementation */
}
