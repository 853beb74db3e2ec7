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
 * same flags, ops, private data and file, and for a file, b's offset
 * continues a's.
 *
 * TODO:
 *   1. They touch: a->vm_end == b->vm_start (a gap between them: false).
 *   2. Same vm_flags, vm_ops, vm_private_data and vm_file (pointers are
 *      compared as pointers).
 *   3. With a file (vm_file != NULL), b must map the file right after a:
 *      a->vm_pgoff + (a's length >> PAGE_SHIFT) == b->vm_pgoff.  Anonymous
 *      VMAs (vm_file == NULL) ignore vm_pgoff.
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
 * TODO (for each of the two merges; the LOWER VMA always survives):
 *   1. next = vma->vm_next.  If next && vma_can_merge(vma, next): remember
 *      next->vm_end, take next out with vma_tree_remove(mm, next), grow vma
 *      with vma_set_range(vma, vma->vm_start, that end), call
 *      next->vm_ops->close(next) if ops and close are set, and
 *      vm_area_free(next).
 *   2. prev = vma->vm_prev.  If prev && vma_can_merge(prev, vma): the same
 *      with prev surviving and vma going away; return prev.
 *   3. Otherwise return vma.
 *   A helper "lower absorbs upper" serves both merges.
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
