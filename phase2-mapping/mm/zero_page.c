/*
 * phase2-mapping/mm/zero_page.c - the shared zero page (hook:
 * mm_set_anon_read_fault).
 *
 * Reading memory nobody has written yet needs no frame of its own: every
 * such page of every process maps the same frame full of zeros, read-only
 * and marked PTE_COW.  The first write takes a write-protect fault and
 * do_wp_page (lab 7) puts a zeroed frame of the page's own in its place.
 * As on Linux the zero page is never freed, has no reference count that
 * matters (PG_ZERO), and is not counted in any process's rss.
 *
 *   read  p[0]       -> PTE = zero page, r-- COW        (no frame used)
 *   read  p[4096]    -> PTE = zero page, r-- COW        (the same frame)
 *   write p[0]       -> PTE = new zeroed frame, rw-     (rss + 1)
 */
#include <arch/printk.h>
#include <mm/cow.h>
#include <mm/mmap.h>
#include <mm/page_alloc.h>
#include <mm/page_table.h>
#include <mm/vmstat.h>
#include <uapi/errno.h>

static struct page *the_zero_page;

struct page *zero_page(void)
{
    return the_zero_page;
}

/* do_anonymous_zero_page: the read (or execute) fault on a never-touched
 * page of private anonymous memory: map the zero page read-only, marked
 * copy-on-write.  0, or -ENOMEM without a page-table page. */
static int do_anonymous_zero_page(struct vm_area_struct *vma, uint64_t addr,
                                  unsigned fault_flags)
{
    pte_t *pte = pt_entry(vma->vm_mm->pgd, addr, 1, pt_alloc_user_table);

    if (!pte)
        return -ENOMEM;
    if (*pte != 0)
        return 0;       /* mapped already */
    pt_set(pte, page_to_phys(the_zero_page) |
                (vma_pte_flags(vma->vm_flags) & ~PTE_WRITE) | PTE_COW);
    vmstat.zero_page_maps++;
    return 0;
}

void zero_page_init(void)
{
    the_zero_page = alloc_zeroed_page();
    if (!the_zero_page)
        panic("no memory for the zero page");
    the_zero_page->flags |= PG_ZERO;
    mm_set_anon_read_fault(do_anonymous_zero_page);
}
