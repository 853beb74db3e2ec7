/*
 * solutions/lab5_anonymous_fault.c - Lab 5, the reference: the demand-zero
 * page fault.  (The student's version is labs/lab5_anonymous_fault.c; the
 * hand-out is labs/README.md.)
 */
#include <mm/mmap.h>
#include <mm/page_alloc.h>
#include <mm/page_table.h>
#include <uapi/errno.h>

/*
 * do_anonymous_page: the first touch of a page of anonymous memory.  Give
 * it a fresh zero-filled frame, mapped with the rights of the VMA.
 * Returns 0, or -ENOMEM when no frame or page-table page is left.
 */
int do_anonymous_page(struct vm_area_struct *vma, uint64_t addr, unsigned fault_flags)
{
    struct mm_struct *mm = vma->vm_mm;
    pte_t *pte = pt_entry(mm->pgd, addr, 1, pt_alloc_user_table);
    struct page *page;

    if (!pte)
        return -ENOMEM;
    if (*pte != 0)
        return 0;       /* already there: another path mapped it first */
    page = user_page_alloc();
    if (!page)
        return -ENOMEM;
    pt_set(pte, page_to_phys(page) | vma_pte_flags(vma->vm_flags));
    mm->rss++;
    return 0;
}
