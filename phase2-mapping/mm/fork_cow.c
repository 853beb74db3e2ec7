/*
 * phase2-mapping/mm/fork_cow.c - fork with copy-on-write (hooks:
 * mm_set_fork_copy, mm_set_wp_fault_handler).
 *
 * Phase 1's fork copies every private page.  Here fork copies only the
 * page tables: each private entry, in parent and child alike, becomes
 * read-only and marked PTE_COW, and the frame gains a reference for the
 * child.  The first write in either process takes a write-protect fault;
 * do_wp_page (lab 7) then copies the frame -- or, when the writer turns out
 * to be its last user, just makes the entry writable again.
 *
 *   before fork          after fork                 after the child writes
 *   parent: F rw-        parent: F r-- COW  (F: 2)  parent: F r-- COW (F: 1)
 *                        child:  F r-- COW          child:  G rw-     (copy)
 *
 * Shared mappings (MAP_SHARED) stay shared: the child's entry is the
 * parent's, writable or not.  A MADV_WIPEONFORK mapping reaches the child
 * empty (its next touch reads zeros); a MADV_DONTFORK one does not reach
 * it at all (mm_fork skips it).  Page tables are copied at fork, not built
 * lazily: pt_walk_range visits only the used entries.
 */
#include <mm/cow.h>
#include <mm/mmap.h>
#include <mm/page_alloc.h>
#include <mm/page_table.h>
#include <uapi/errno.h>

struct cow_copy {
    struct mm_struct *dst;
    bool shared;            /* a MAP_SHARED VMA: no copy-on-write */
    bool protected;         /* some parent entry lost its write right */
    int err;
    uint64_t table_va;      /* the 2 MiB the child's last-level table covers */
    pte_t *table;           /* that table, or NULL */
};

#define TABLE_SPAN (PAGE_SIZE * PT_ENTRIES)     /* 2 MiB: one last-level table */

/* child_entry: the child's entry for `va`, creating tables; the last
 * table found is remembered, as the walk visits entries in address order
 * (a walk from the root for every entry would cost half the fork). */
static pte_t *child_entry(struct cow_copy *c, uint64_t va)
{
    uint64_t base = va & ~(TABLE_SPAN - 1);
    pte_t *e;

    if (c->table && c->table_va == base)
        return &c->table[(va >> PAGE_SHIFT) % PT_ENTRIES];
    e = pt_entry(c->dst->pgd, va, 1, pt_alloc_user_table);
    if (e) {
        c->table = e - (va >> PAGE_SHIFT) % PT_ENTRIES;
        c->table_va = base;
    }
    return e;
}

/* copy_pte: give the child the parent's entry for `va`; a private one
 * becomes read-only and PTE_COW on both sides.  The frame gets one more
 * user (the zero page gets none) and the child's rss one more page. */
static void copy_pte(pte_t *pte, uint64_t va, void *arg)
{
    struct cow_copy *c = arg;
    struct page *page = phys_to_page(pte_addr(*pte));
    pte_t e = *pte, *dst;

    if (c->err)
        return;
    dst = child_entry(c, va);
    if (!dst) {
        c->err = -ENOMEM;
        return;
    }
    if (!c->shared) {
        if (e & PTE_WRITE)
            c->protected = true;
        e = (e & ~PTE_WRITE) | PTE_COW;
        if (e != *pte)
            pt_set(pte, e);
    }
    if (!page_is_zero(page)) {
        get_page(page);
        c->dst->rss++;
    }
    pt_set(dst, e);
}

/* copy_cow: the fork hook for one VMA (contract in mm/mmap.h). */
static int copy_cow(struct mm_struct *dst, struct vm_area_struct *dst_vma,
                    struct mm_struct *src, struct vm_area_struct *src_vma)
{
    struct cow_copy c = { .dst = dst, .shared = (src_vma->vm_flags & VM_SHARED) != 0 };

    if ((src_vma->vm_flags & VM_WIPEONFORK) && !c.shared)
        return 0;       /* the child starts with nothing here */
    pt_walk_range(src->pgd, src_vma->vm_start, src_vma->vm_end, copy_pte, &c, false);
    if (c.protected)    /* the parent's TLB may still allow writes */
        mm_flush_tlb_range(src, src_vma->vm_start, src_vma->vm_end);
    return c.err;
}

/* wp_fault: the write-protect fault hook.  A private page breaks its
 * copy-on-write (do_wp_page, lab 7); a shared mapping's page is the same
 * page for everyone, so a read-only entry there (none is made today) just
 * becomes writable -- copying it would silently end the sharing.  0 or
 * -ENOMEM. */
static int wp_fault(struct vm_area_struct *vma, uint64_t addr, pte_t *pte)
{
    if (!(vma->vm_flags & VM_SHARED))
        return do_wp_page(vma, addr, pte);
    pt_set(pte, *pte | PTE_WRITE | PTE_DIRTY);
    tlb_flush_page(addr);
    return 0;
}

void fork_cow_init(void)
{
    mm_set_fork_copy(copy_cow);
    mm_set_wp_fault_handler(wp_fault);
}
