/*
 * phase2-mapping/mm/madvise.c - madvise in phase 2: the one madvise hook
 * (madvise_set_hook) phase 2 registers.  Phase 1 checks the arguments
 * (alignment, length, known advice) and hands over a page-aligned range;
 * this file walks its VMAs as Linux's madvise_walk_vmas does (a hole is
 * ENOMEM after the mapped parts are done; nothing mapped from the start
 * on is ENOMEM at once; an unsuitable VMA stops the walk with its error,
 * the VMAs before it keeping the advice) and gives each one the advice:
 *
 *   MADV_NORMAL      clears VM_SEQ_READ and VM_RAND_READ  } the VMAs are split
 *   MADV_SEQUENTIAL  VM_SEQ_READ: readahead reads more    } at the range's
 *   MADV_RANDOM      VM_RAND_READ: no readahead           } ends and merge
 *   MADV_DONTFORK .. KEEPONFORK   mm/madvise_fork.c's flags } again after
 *   MADV_WILLNEED    file VMAs: start reading the pages (filemap_readahead);
 *                    anonymous memory: nothing (0, as Linux with swap)
 *   MADV_DONTNEED    the pages leave the page tables: private anonymous
 *                    memory reads zeros afterwards, files and shared
 *                    memory their data again (EINVAL on locked or device
 *                    memory)
 *   MADV_FREE        the same, for private anonymous memory only (EINVAL
 *                    on anything else)
 *   MADV_REMOVE      frees the backing store of the range: shared memory
 *                    and in-memory files read zeros afterwards in every
 *                    mapping (EINVAL on locked or private anonymous memory,
 *                    EACCES unless shared and writable, EOPNOTSUPP on ext2)
 *
 * Other advice (huge pages, dump, cold/pageout, populate) is left to phase
 * 1, which accepts it.
 */
#include <mm/filemap.h>
#include <mm/mcalls.h>
#include <mm/mmap.h>
#include <mm/page_alloc.h>
#include <mm/shmem.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#define MADV_WIPEONFORK 18
#define MADV_KEEPONFORK 19
#define VM_READHINTMASK (VM_SEQ_READ | VM_RAND_READ)

/* update_flags: [from, to) of `vma` gets `flags` (split, then merge). */
static int update_flags(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t from,
                        uint64_t to, uint32_t flags)
{
    int err;

    if (flags == vma->vm_flags)
        return 0;
    err = vma_split_range(mm, from, to, &vma);
    if (err)
        return err;
    vma->vm_flags = flags;
    vma_merge_neighbours(mm, vma);
    return 0;
}

/* zap_range: the pages of [from, to) leave the page tables (a shared file
 * VMA's dirty bits reach its pages first). */
static void zap_range(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t from,
                      uint64_t to)
{
    if (vma_is_file(vma) && (vma->vm_flags & VM_SHARED))
        vma_sync_dirty(vma, from, to);
    unmap_vma_pages(mm, from, to);
    mm_flush_tlb_range(mm, from, to);
}

struct shmem_range {
    struct shmem_object *obj;
    uint64_t first, last;       /* object pages [first, last) */
};

/* unmap_shmem_in_task: unmap the pages [first, last) of the object from
 * every VMA of t's address space that maps it. */
static int unmap_shmem_in_task(struct task *t, void *ctx)
{
    struct shmem_range *r = ctx;

    if (!t->mm)
        return 0;
    for (struct vm_area_struct *v = t->mm->mmap; v; v = v->vm_next) {
        uint64_t pages = (v->vm_end - v->vm_start) >> PAGE_SHIFT, lo, hi;
        if (v->vm_ops != &shmem_vm_ops || v->vm_private_data != r->obj)
            continue;
        lo = r->first > v->vm_pgoff ? r->first : v->vm_pgoff;
        hi = r->last < v->vm_pgoff + pages ? r->last : v->vm_pgoff + pages;
        if (lo >= hi)
            continue;
        unmap_vma_pages(t->mm, v->vm_start + ((lo - v->vm_pgoff) << PAGE_SHIFT),
                        v->vm_start + ((hi - v->vm_pgoff) << PAGE_SHIFT));
        mm_flush_tlb_range(t->mm, v->vm_start, v->vm_end);
    }
    return 0;
}

/* shmem_punch_hole: drop the pages [first, last) of a shared anonymous
 * object: out of every mapping of it (all address spaces are searched:
 * there is no reverse map), then out of the object, so that every
 * mapping reads zeros there. */
static void shmem_punch_hole(struct shmem_object *obj, uint64_t first, uint64_t last)
{
    struct shmem_range r = { obj, first, last };

    task_for_each(unmap_shmem_in_task, &r);
    for (uint64_t i = first; i < last && obj->pages.count; i++) {
        struct page *page = page_store_remove(&obj->pages, i);
        if (page)
            user_page_put(page);
    }
}

/* madvise_remove: MADV_REMOVE on [from, to) of `vma` (Linux's checks). */
static int madvise_remove(struct vm_area_struct *vma, uint64_t from, uint64_t to)
{
    uint64_t first = vma->vm_pgoff + ((from - vma->vm_start) >> PAGE_SHIFT);
    uint64_t last = first + ((to - from) >> PAGE_SHIFT);

    if (vma->vm_flags & VM_LOCKED)
        return -EINVAL;
    if (vma->vm_ops != &shmem_vm_ops && !vma_is_file(vma))
        return -EINVAL;
    if ((vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) != (VM_SHARED | VM_MAYWRITE))
        return -EACCES;
    if (vma->vm_ops == &shmem_vm_ops) {
        shmem_punch_hole(vma->vm_private_data, first, last);
        return 0;
    }
    return filemap_punch_hole(vma_file_inode(vma), first << PAGE_SHIFT, last << PAGE_SHIFT);
}

/* madvise_vma: give [from, to), a part of `vma`, the advice. */
static int madvise_vma(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t from,
                       uint64_t to, int advice)
{
    uint32_t flags = vma->vm_flags & ~VM_READHINTMASK;
    int err = 0;

    switch (advice) {
    case MADV_NORMAL:
        return update_flags(mm, vma, from, to, flags);
    case MADV_SEQUENTIAL:
        return update_flags(mm, vma, from, to, flags | VM_SEQ_READ);
    case MADV_RANDOM:
        return update_flags(mm, vma, from, to, flags | VM_RAND_READ);
    case MADV_WILLNEED:
        if (vma_is_file(vma))
            filemap_readahead(vma_file_inode(vma),
                              vma->vm_pgoff + ((from - vma->vm_start) >> PAGE_SHIFT),
                              (to - from) >> PAGE_SHIFT);
        return 0;
    case MADV_FREE:
        if (vma->vm_ops != &anon_vm_ops)
            return -EINVAL;     /* not anonymous memory (Linux's vma_is_anonymous) */
        /* fall through */
    case MADV_DONTNEED:
        if (vma->vm_flags & (VM_LOCKED | VM_PFNMAP))
            return -EINVAL;
        zap_range(mm, vma, from, to);
        return 0;
    case MADV_REMOVE:
        return madvise_remove(vma, from, to);
    default:                    /* the fork advice */
        flags = madvise_fork_flags(vma, advice, &err);
        return err ? err : update_flags(mm, vma, from, to, flags);
    }
}

/* advice_is_ours: the advice this file acts on. */
static bool advice_is_ours(int advice)
{
    return (advice >= MADV_NORMAL && advice <= MADV_DONTNEED) || advice == MADV_FREE ||
           advice == MADV_REMOVE || advice == MADV_DONTFORK || advice == MADV_DOFORK ||
           advice == MADV_WIPEONFORK || advice == MADV_KEEPONFORK;
}

/* madvise_hook: the madvise hook (contract in mm/mmap.h). */
static int madvise_hook(struct mm_struct *mm, uint64_t start, uint64_t end, int advice)
{
    bool hole = false;

    if (!advice_is_ours(advice))
        return MADV_HOOK_PASS;
    for (uint64_t addr = start; addr < end;) {
        struct vm_area_struct *vma = find_vma(mm, addr);
        uint64_t from, to;
        int err;
        if (!vma)
            return -ENOMEM;     /* nothing mapped from addr on */
        if (vma->vm_start >= end)
            return -ENOMEM;     /* a hole up to the end */
        if (vma->vm_start > addr)
            hole = true;
        from = vma->vm_start > addr ? vma->vm_start : addr;
        to = vma->vm_end < end ? vma->vm_end : end;
        err = madvise_vma(mm, vma, from, to, advice);
        if (err)
            return err;
        addr = to;
    }
    return hole ? -ENOMEM : 0;
}

void madvise_init(void)
{
    madvise_set_hook(madvise_hook);
}
