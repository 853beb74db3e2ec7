/*
 * labs/lab4_vma_merge.c - Lab 4: merge a VMA with its neighbours.
 * Read the hand-out in labs/README.md first.
 */
#include <arch/memlayout.h>
#include <kernel/lab.h>
#include <mm/mm.h>
#include <mm/vma.h>

/*
 * vma_can_merge: a (lower) and b (higher) touch and may become one VMA:
 * a ends where b starts, they have the same vm_flags, vm_ops,
 * vm_private_data and vm_file, and with a file (vm_file != NULL) b maps it
 * right after a: a->vm_pgoff + a's length in pages == b->vm_pgoff.
 * Anonymous VMAs (vm_file == NULL) ignore vm_pgoff.
 *
 * Stuck?  labs/HINTS.md has a step-by-step recipe (try without it first).
 *
 * Common mistake: comparing offsets in bytes, or forgetting that the
 * length is in bytes and vm_pgoff in pages.
 */
bool vma_can_merge(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
    LAB_NOT_DONE(4);   /* delete this line when you start */
    return false; /* TODO: replace with your implementation */
}

/*
 * vma_merge_neighbours: merge vma with the VMA after it, then with the VMA
 * before it, where vma_can_merge allows.  Returns the VMA now covering
 * vma's range: vma itself, or its predecessor (vma is then freed).
 *
 *   before:  [ prev )[ vma )[ next )      all compatible
 *   after:   [ prev                )      returned; vma and next freed
 *
 * Stuck?  labs/HINTS.md has a step-by-step recipe (try without it first).
 *
 * Invariants: map_count drops by one per merge (vma_tree_remove does it);
 * the survivor keeps its own vm_pgoff (it still starts where it started).
 * Common mistakes:
 *   - growing the survivor before removing the other: the tree refuses
 *     (panics on) overlapping VMAs.
 *   - using a VMA after vm_area_free (AddressSanitizer reports it in the
 *     host tests): read next->vm_end before freeing, and return prev, not
 *     vma, after vma was absorbed.
 *   - forgetting ->close: the backing object would keep a reference.
 *
 * Test: make build/host-labs/test_lab4_vma_merge LABS=labs &&
 *       build/host-labs/test_lab4_vma_merge
 */
struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm,
                                            struct vm_area_struct *vma)
{
    LAB_NOT_DONE(4);   /* delete this line when you start */
    return vma; /* TODO: replace with your implementation */
}
