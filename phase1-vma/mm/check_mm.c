/*
 * phase1-vma/mm/check_mm.c - check_mm(): every invariant of an address
 * space, checked by walking it.  Debug builds run it when a process exits
 * and, with `check_mm=2` on the command line, before every return to user
 * mode; tests run it on demand (the usmm_check_mm system call).
 *
 *   - the VMA tree and list are consistent (vma_tree_check);
 *   - every used page-table entry lies inside a VMA;
 *   - no entry grants more than its VMA: writable only in a VM_WRITE VMA,
 *     executable only in a VM_EXEC VMA, present only when the VMA grants
 *     any access at all (PROT_NONE pages keep their frame, not present);
 *   - a present entry carries its VMA's protection key;
 *   - every mapped frame is a live user frame (PG_USER, refcount > 0), or
 *     the shared zero page (PG_ZERO, phase 2), mapped read-only, or lies
 *     in a VM_PFNMAP VMA (device memory, the vDSO: not counted in rss);
 *   - no entry marked PTE_COW is writable;
 *   - whatever a higher phase checks through check_mm_set_ops (phase 2:
 *     copy-on-write has a reason for every read-only entry; reference counts);
 *   - mm->rss equals the number of mapped frames but the zero page,
 *     total_vm the pages of all VMAs, locked_vm those of VM_LOCKED VMAs.
 */
#include <arch/cpu.h>
#include <arch/printk.h>
#include <mm/mmap.h>
#include <mm/page_alloc.h>
#include <mm/page_table.h>

static const struct check_mm_ops *check_ops;

void check_mm_set_ops(const struct check_mm_ops *ops)
{
    check_ops = ops;
}

int check_mm_audit(void)
{
    return check_ops && check_ops->audit ? check_ops->audit() : 0;
}

struct check {
    struct mm_struct *mm;
    uint64_t mapped;
    int bad;
};

static void check_pte(pte_t *pte, uint64_t va, void *arg)
{
    struct check *c = arg;
    struct vm_area_struct *vma = find_vma(c->mm, va);
    struct page *page = phys_to_page(pte_addr(*pte));
    pte_t e = *pte;
    const char *problem = NULL;

    if (c->bad)
        return;
    bool pfnmap = vma && vma->vm_start <= va && (vma->vm_flags & VM_PFNMAP);

    if (pte_addr(e) >> PAGE_SHIFT < max_pfn && !page_is_zero(page) && !pfnmap)
        c->mapped++;
    if (!vma || vma->vm_start > va)
        problem = "is mapped outside every VMA";
    else if ((e & PTE_WRITE) && !(vma->vm_flags & VM_WRITE))
        problem = "is writable in a VMA without VM_WRITE";
    else if (cpu_features.nx && pte_present(e) && !(e & PTE_NX) && !(vma->vm_flags & VM_EXEC))
        problem = "is executable in a VMA without VM_EXEC";
    else if (pte_present(e) != ((vma->vm_flags & VM_PROT_MASK) != 0))
        problem = pte_present(e) ? "is present in a PROT_NONE VMA"
                                 : "is not present in an accessible VMA";
    else if (pte_present(e) && !(e & PTE_USER))
        problem = "is not user-accessible";
    else if (pte_present(e) && cpu_features.ospke &&
             (int)((e & PTE_PKEY_MASK) >> PTE_PKEY_SHIFT) != vma_pkey(vma))
        problem = "has a protection key other than its VMA's";
    else if ((e & PTE_COW) && (e & PTE_WRITE))
        problem = "is writable but marked copy-on-write";
    else if (pfnmap)
        problem = NULL;     /* device or kernel frames: no user-frame rules */
    else if (pte_addr(e) >> PAGE_SHIFT >= max_pfn)
        problem = "points past the last frame";
    else if (page_is_zero(page) && (e & PTE_WRITE))
        problem = "maps the zero page writable";
    else if (!page_is_zero(page) && (page->refcount <= 0 || !(page->flags & PG_USER)))
        problem = "points at a frame that is not a live user frame";
    else if (check_ops && check_ops->check_pte)
        problem = check_ops->check_pte(vma, va, e, page);
    if (problem) {
        printk("check_mm: page %#lx (entry %#lx) %s\n", va, e, problem);
        c->bad = 1;
    }
}

int check_mm(struct mm_struct *mm)
{
    struct check c = { mm, 0, 0 };
    uint64_t total = 0, locked = 0;

    if (vma_tree_check(mm) != 0)
        return -1;
    pt_walk_range(mm->pgd, 0, USER_TOP, check_pte, &c, false);
    if (c.bad)
        return -1;
    if (c.mapped != mm->rss) {
        printk("check_mm: %lu pages mapped but rss says %lu\n", c.mapped, mm->rss);
        return -1;
    }
    for (struct vm_area_struct *vma = mm->mmap; vma; vma = vma->vm_next) {
        total += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
        if (vma->vm_flags & VM_LOCKED)
            locked += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
    }
    if (total != mm->total_vm) {
        printk("check_mm: VMAs cover %lu pages but total_vm says %lu\n", total, mm->total_vm);
        return -1;
    }
    if (locked != mm->locked_vm) {
        printk("check_mm: VM_LOCKED VMAs cover %lu pages but locked_vm says %lu\n", locked,
               mm->locked_vm);
        return -1;
    }
    return 0;
}
