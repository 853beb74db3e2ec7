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
 * Stuck?  labs/HINTS.md has a step-by-step recipe (try without it first).
 *
 * Invariants: a page-table entry that is already in use is never
 * overwritten (the frame in it would be lost); vma->vm_mm->rss counts
 * the pages resident in the address space.
 * Common mistakes:
 *   - allocating the frame before looking at the entry: when the page is
 *     there already, the new frame leaks.
 *   - writing *pte = ... yourself: pt_set keeps each table's count of used
 *     entries, which decides when empty tables are freed.
 *   - a frame that is not zero-filled: it still holds someone else's data.
 *   - returning 0 without mapping anything: the CPU faults again at once
 *     (the kernel's fault-loop guard stops it after a few tries and the
 *     program gets SIGSEGV, with a log line saying so).
 *
 * Test: make check (the lab5 tests), or boot and run `demo_demand_paging`.
 */
int do_anonymous_page(struct vm_area_struct *vma, uint64_t addr, unsigned fault_flags)
{
    LAB_NOT_DONE(5);   /* delete this line when you start */
    return -EFAULT; /* TODO: replace with your implementation */
}
