/*
 * solutions/lab4_vma_merge.c - Lab 4, the reference: merge a VMA with its
 * neighbours.  (The student's version is labs/lab4_vma_merge.c; the
 * hand-out is labs/README.md.)
 */
#include <arch/memlayout.h>
#include <mm/mm.h>
#include <mm/vma.h>

/*
 * vma_can_merge: a (lower) and b (higher) touch and may become one VMA:
 * same flags, ops, private data and file, and for a file, b's offset
 * continues a's.
 */
bool vma_can_merge(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
    if (a->vm_end != b->vm_start)
        return false;
    if (a->vm_flags != b->vm_flags || a->vm_ops != b->vm_ops ||
        a->vm_private_data != b->vm_private_data || a->vm_file != b->vm_file)
        return false;
    return !a->vm_file ||
           a->vm_pgoff + ((a->vm_end - a->vm_start) >> PAGE_SHIFT) == b->vm_pgoff;
}

/* absorb: lower takes over upper's range; upper leaves the tree, is closed
 * and freed.  upper is lower->vm_next. */
static void absorb(struct mm_struct *mm, struct vm_area_struct *lower,
                   struct vm_area_struct *upper)
{
    uint64_t end = upper->vm_end;

    vma_tree_remove(mm, upper);           /* first: lower may not overlap it */
    vma_set_range(lower, lower->vm_start, end);
    if (upper->vm_ops && upper->vm_ops->close)
        upper->vm_ops->close(upper);
    vm_area_free(upper);
}

/*
 * vma_merge_neighbours: merge vma with the VMA after it, then with the VMA
 * before it, where vma_can_merge allows.  Returns the VMA now covering
 * vma's range: vma itself, or its predecessor (vma is then freed).
 */
struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm,
                                            struct vm_area_struct *vma)
{
    struct vm_area_struct *next = vma->vm_next, *prev = vma->vm_prev;

    if (next && vma_can_merge(vma, next))
        absorb(mm, vma, next);
    if (prev && vma_can_merge(prev, vma)) {
        absorb(mm, prev, vma);
        vma = prev;
    }
    return vma;
}
