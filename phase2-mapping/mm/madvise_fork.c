/*
 * phase2-mapping/mm/madvise_fork.c - what fork does with a mapping,
 * chosen by madvise (hook: madvise_set_hook), as on Linux:
 *
 *   MADV_DONTFORK    VM_DONTCOPY: the child does not get the mapping at all
 *                    (touching it there is SIGSEGV)
 *   MADV_DOFORK      clears VM_DONTCOPY
 *   MADV_WIPEONFORK  VM_WIPEONFORK: the child gets the mapping empty, so it
 *                    reads zeros; private anonymous memory only (EINVAL on
 *                    shared or file mappings)
 *   MADV_KEEPONFORK  clears VM_WIPEONFORK
 *
 * The VMAs of the range are split at its ends, get the new flags and merge
 * again with neighbours that now match.  Linux's order of errors: VMAs
 * before an unsuitable one keep the new flags; a hole in the range is
 * ENOMEM after the mapped parts are done.
 */
#include <mm/cow.h>
#include <mm/mmap.h>
#include <uapi/errno.h>

#define MADV_DONTFORK    10
#define MADV_DOFORK      11
#define MADV_WIPEONFORK  18
#define MADV_KEEPONFORK  19

/* new_flags: vma's flags after `advice`, or 0 with *err set. */
static uint32_t new_flags(const struct vm_area_struct *vma, int advice, int *err)
{
    switch (advice) {
    case MADV_DONTFORK:
        return vma->vm_flags | VM_DONTCOPY;
    case MADV_DOFORK:
        return vma->vm_flags & ~VM_DONTCOPY;
    case MADV_WIPEONFORK:
        if (vma->vm_file || (vma->vm_flags & VM_SHARED)) {
            *err = -EINVAL;
            return 0;
        }
        return vma->vm_flags | VM_WIPEONFORK;
    default: /* MADV_KEEPONFORK */
        return vma->vm_flags & ~VM_WIPEONFORK;
    }
}

/* apply: give [from, to), a part of `vma`, the flags `advice` asks for. */
static int apply(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t from,
                 uint64_t to, int advice)
{
    int err = 0;
    uint32_t flags = new_flags(vma, advice, &err);

    if (err || flags == vma->vm_flags)
        return err;
    err = vma_split_range(mm, from, to, &vma);
    if (err)
        return err;
    vma->vm_flags = flags;
    vma_merge_neighbours(mm, vma);
    return 0;
}

/* madvise_fork: the madvise hook (contract in mm/mmap.h). */
static int madvise_fork(struct mm_struct *mm, uint64_t start, uint64_t end, int advice)
{
    bool hole = false;

    if (advice != MADV_DONTFORK && advice != MADV_DOFORK && advice != MADV_WIPEONFORK &&
        advice != MADV_KEEPONFORK)
        return MADV_HOOK_PASS;
    for (uint64_t addr = start; addr < end;) {
        struct vm_area_struct *vma = find_vma(mm, addr);
        uint64_t from, to;
        int err;
        if (!vma || vma->vm_start >= end)
            return -ENOMEM;     /* nothing mapped from addr to the end */
        if (vma->vm_start > addr)
            hole = true;
        from = vma->vm_start > addr ? vma->vm_start : addr;
        to = vma->vm_end < end ? vma->vm_end : end;
        err = apply(mm, vma, from, to, advice);
        if (err)
            return err;
        addr = to;
    }
    return hole ? -ENOMEM : 0;
}

void madvise_fork_init(void)
{
    madvise_set_hook(madvise_fork);
}
