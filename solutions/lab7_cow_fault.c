/*
 * solutions/lab7_cow_fault.c - Lab 7, the reference: the copy-on-write
 * write fault.  (The student's version is labs/lab7_cow_fault.c; the
 * hand-out is labs/README.md.)  Linked into every kernel; only phase 2's
 * registers it (mm_set_wp_fault_handler, phase2-mapping/mm/fork_cow.c).
 */
#include <mm/mmap.h>
#include <mm/page_alloc.h>
#include <mm/page_table.h>
#include <mm/vmstat.h>
#include <uapi/errno.h>

/*
 * do_wp_page: a write to a present, read-only entry of a writable private
 * VMA (after fork, or on the zero page).  Make the page the writer's own:
 *   - the zero page: a new zeroed frame (rss grows: the zero page was not
 *     counted);
 *   - a frame no one else uses (refcount 1): the same frame, writable
 *     again -- no copy (Linux's reuse shortcut);
 *   - a frame others use too: a copy, and one reference less on the old.
 * The new entry has the VMA's rights, no PTE_COW, accessed and dirty.
 * Returns 0, or -ENOMEM when no frame is left (the entry is unchanged).
 */
int do_wp_page(struct vm_area_struct *vma, uint64_t addr, pte_t *pte)
{
    struct page *old = phys_to_page(pte_addr(*pte)), *page;
    pte_t flags = vma_pte_flags(vma->vm_flags) | PTE_ACCESSED | PTE_DIRTY;

    if (!page_is_zero(old) && old->refcount == 1) {
        pt_set(pte, pte_addr(*pte) | flags);        /* reuse: ours alone */
        vmstat.cow_reuses++;
    } else if (page_is_zero(old)) {
        page = user_page_alloc();
        if (!page)
            return -ENOMEM;
        pt_set(pte, page_to_phys(page) | flags);
        vma->vm_mm->rss++;
        vmstat.zero_page_breaks++;
    } else {
        page = user_page_copy(old);
        if (!page)
            return -ENOMEM;
        pt_set(pte, page_to_phys(page) | flags);
        user_page_put(old);                         /* one user fewer */
        vmstat.cow_copies++;
    }
    tlb_flush_page(addr);
    return 0;
}
