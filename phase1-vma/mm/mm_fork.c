/*
 * phase1-vma/mm/mm_fork.c - copying an address space for fork().
 *
 * Every VMA is duplicated into the child; then the fork hook copies its
 * pages.  Phase 1's hook copies each private page into a new frame at once
 * (so fork costs as much as the memory in use) and shares the frames of
 * MAP_SHARED mappings; phase 2 replaces it with copy-on-write through
 * mm_set_fork_copy().  A VM_PFNMAP VMA (device memory, the vDSO) is
 * duplicated without its entries: the child's faults map the same frames
 * again through its vm_ops->fault (Linux: "a page fault will fill them").
 */
#include <mm/mmap.h>
#include <mm/page_alloc.h>
#include <mm/page_table.h>
#include <uapi/errno.h>

struct copy_ctx {
    struct mm_struct *dst;
    bool shared;
    int err;
};

static void copy_pte(pte_t *pte, uint64_t va, void *arg)
{
    struct copy_ctx *c = arg;
    struct page *src = phys_to_page(pte_addr(*pte)), *page = src;
    pte_t *dst;

    if (c->err)
        return;
    dst = pt_entry(c->dst->pgd, va, 1, pt_alloc_user_table);
    if (!dst) {
        c->err = -ENOMEM;
        return;
    }
    if (c->shared) {
        get_page(src);
    } else {
        page = user_page_copy(src);
        if (!page) {
            c->err = -ENOMEM;
            return;
        }
    }
    pt_set(dst, page_to_phys(page) | (*pte & ~PTE_ADDR_MASK));
    c->dst->rss++;
}

static int copy_eagerly(struct mm_struct *dst, struct vm_area_struct *dst_vma,
                        struct mm_struct *src, struct vm_area_struct *src_vma)
{
    struct copy_ctx c = { dst, (src_vma->vm_flags & VM_SHARED) != 0, 0 };
    pt_walk_range(src->pgd, src_vma->vm_start, src_vma->vm_end, copy_pte, &c, false);
    return c.err;
}

static fork_copy_fn fork_copy = copy_eagerly;

void mm_set_fork_copy(fork_copy_fn fn)
{
    fork_copy = fn;
}

/* copy_layout: everything but the VMAs, page tables and counters (the
 * protection-key allocation included, as Linux's fork inherits it). */
static void copy_layout(struct mm_struct *dst, const struct mm_struct *src)
{
    dst->start_code = src->start_code;
    dst->end_code = src->end_code;
    dst->start_data = src->start_data;
    dst->end_data = src->end_data;
    dst->start_brk = src->start_brk;
    dst->brk = src->brk;
    dst->start_stack = src->start_stack;
    dst->stack_top = src->stack_top;
    dst->mmap_base = src->mmap_base;
    dst->mmap_min_addr = src->mmap_min_addr;
    dst->pkey_allocation_map = src->pkey_allocation_map;
    dst->execute_only_pkey = src->execute_only_pkey;
}

struct mm_struct *mm_fork(struct mm_struct *old)
{
    struct mm_struct *mm = mm_create();

    if (!mm)
        return NULL;
    copy_layout(mm, old);
    for (struct vm_area_struct *vma = old->mmap; vma; vma = vma->vm_next) {
        struct vm_area_struct *copy;
        if (vma->vm_flags & VM_DONTCOPY)
            continue;       /* MADV_DONTFORK: not in the child at all */
        copy = vm_area_dup(vma);
        if (!copy)
            goto fail;
        copy->vm_mm = mm;
        copy->vm_flags &= ~VM_LOCKED_MASK;     /* locks are not inherited */
        vma_tree_insert(mm, copy);
        vm_stat_account(mm, copy->vm_flags, (int64_t)((copy->vm_end - copy->vm_start) >> PAGE_SHIFT));
        if (copy->vm_ops && copy->vm_ops->open)
            copy->vm_ops->open(copy);
        if (vma->vm_flags & VM_PFNMAP)
            continue;       /* device frames: the child faults them in itself */
        if (fork_copy(mm, copy, old, vma) != 0)
            goto fail;
    }
    return mm;
fail:
    mm_destroy(mm);
    return NULL;
}
