/*
 * phase1-vma/mm/brk.c - the heap: one anonymous VMA (VM_HEAP) from
 * mm->start_brk up to the page holding mm->brk, grown and shrunk by brk().
 * The VMA appears with the first growth, as on Linux.  After
 * mlockall(MCL_FUTURE) (mm->def_flags) the growth is locked: a new heap
 * VMA when the old one is not, faulted in at once, within RLIMIT_MEMLOCK
 * (else brk fails, as Linux's).
 */
#include <mm/mmap.h>

/* heap_vma: the heap VMA, which ends at `end`, or NULL. */
static struct vm_area_struct *heap_vma(struct mm_struct *mm, uint64_t end)
{
    struct vm_area_struct *vma = find_vma(mm, end - 1);
    if (vma && vma->vm_end == end && (vma->vm_flags & VM_HEAP))
        return vma;
    return NULL;
}

static int grow_heap(struct mm_struct *mm, uint64_t old_end, uint64_t new_end)
{
    struct vm_area_struct *vma = find_vma(mm, old_end);

    if (new_end > USER_TOP || (vma && vm_start_gap(vma) < new_end))
        return -1;      /* would run into another mapping, or a stack's guard gap */
    if (!mlock_future_ok(mm, mm->def_flags, (new_end - old_end) >> PAGE_SHIFT))
        return -1;
    vma = old_end > mm->start_brk ? heap_vma(mm, old_end) : NULL;
    if (vma && (vma->vm_flags & VM_LOCKED_MASK) == (mm->def_flags & VM_LOCKED_MASK)) {
        vma_set_range(vma, vma->vm_start, new_end);
        vm_stat_account(mm, vma->vm_flags, (int64_t)((new_end - old_end) >> PAGE_SHIFT));
        return 0;
    }
    vma = mm_insert_vma(mm, old_end, new_end,
                        VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_HEAP |
                        mm->def_flags);
    return vma ? 0 : -1;
}

uint64_t do_brk(struct mm_struct *mm, uint64_t newbrk)
{
    uint64_t old_end = page_round_up(mm->brk), new_end = page_round_up(newbrk);

    if (newbrk < mm->start_brk || newbrk > USER_TOP)
        return mm->brk;
    if (new_end < old_end && do_munmap(mm, new_end, old_end - new_end) != 0)
        return mm->brk;
    if (new_end > old_end && grow_heap(mm, old_end, new_end) != 0)
        return mm->brk;
    if (new_end > old_end && vma_wants_populate(mm->def_flags))
        mm_populate(mm, old_end, new_end);
    mm->brk = newbrk;
    return mm->brk;
}
