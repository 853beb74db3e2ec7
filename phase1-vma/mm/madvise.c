/*
 * phase1-vma/mm/madvise.c - madvise(): advice about a range of memory.
 *
 * Phase 1 acts on the advice that changes what a program sees:
 *   MADV_DONTNEED   the pages go; the next touch of a private anonymous
 *                   page finds a new zero-filled one
 *   MADV_FREE       the same here (private anonymous memory only)
 * and accepts, as Linux does, the advice that only tunes performance
 * (NORMAL, RANDOM, SEQUENTIAL, WILLNEED, the fork, merge, huge-page, dump
 * and cold/pageout hints): they change nothing yet -- phase 2's page cache
 * and readahead give some of them a meaning.  Linux's checks and errors.
 * A higher phase gives more advice a meaning through madvise_set_hook()
 * (phase 2: MADV_DONTFORK, DOFORK, WIPEONFORK, KEEPONFORK).
 */
#include <kernel/syscall.h>
#include <mm/mmap.h>
#include <proc/task.h>
#include <uapi/errno.h>

#define MADV_DONTNEED    4
#define MADV_FREE        8
#define MADV_REMOVE      9
#define MADV_DONTFORK    10
#define MADV_POPULATE_WRITE 23

static madvise_hook_fn madvise_hook;

void madvise_set_hook(madvise_hook_fn fn)
{
    madvise_hook = fn;
}

static bool advice_known(uint64_t advice)
{
    return advice <= MADV_DONTNEED || advice == MADV_FREE || advice == MADV_REMOVE ||
           (advice >= MADV_DONTFORK && advice <= MADV_POPULATE_WRITE);
}

int64_t sys_madvise(uint64_t start, uint64_t len_in, uint64_t advice)
{
    struct mm_struct *mm = current->mm;
    uint64_t len = page_round_up(len_in), end, addr;
    bool hole = false;

    if ((start & ~PAGE_MASK) || !advice_known(advice))
        return -EINVAL;
    if (len_in && !len)
        return -EINVAL;             /* the length wrapped around */
    end = start + len;
    if (end < start)
        return -EINVAL;
    if (end == start)
        return 0;
    if (madvise_hook) {
        int err = madvise_hook(mm, start, end, (int)advice);
        if (err != MADV_HOOK_PASS)
            return err;
    }
    if (advice == MADV_REMOVE)
        return -EINVAL;             /* no backing store to free before phase 2 */
    for (addr = start; addr < end;) {
        struct vm_area_struct *vma = find_vma(mm, addr);
        uint64_t to;
        if (!vma || vma->vm_start >= end) {
            hole = true;
            break;
        }
        if (vma->vm_start > addr)
            hole = true;            /* a gap before it */
        addr = vma->vm_start > addr ? vma->vm_start : addr;
        to = vma->vm_end < end ? vma->vm_end : end;
        if (advice == MADV_FREE && (vma->vm_flags & VM_SHARED))
            return -EINVAL;
        if (advice == MADV_DONTNEED || advice == MADV_FREE) {
            unmap_vma_pages(mm, addr, to);
            mm_flush_tlb_range(mm, addr, to);
        }
        addr = to;
    }
    return hole ? -ENOMEM : 0;
}
