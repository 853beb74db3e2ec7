/*
 * labs/lab2_unmapped_area.c - Lab 2: find a free range for mmap, top-down.
 * Read the hand-out in labs/README.md first.
 */
#include <kernel/lab.h>
#include <mm/mm.h>
#include <mm/vma.h>
#include <uapi/errno.h>

/*
 * unmapped_area_topdown: the highest a with [a, a + length) free,
 * low_limit <= a and a + length <= high_limit; -ENOMEM when nothing fits.
 * length, low_limit and high_limit are page-aligned (length > 0).
 * O(log n).
 *
 * The free ranges are the gaps: in front of each VMA v,
 *     [v->vm_prev ? v->vm_prev->vm_end : 0, v->vm_start)     (vma_gap(v) long)
 * and above the highest VMA, [vma_last(mm)->vm_end, infinity) -- the whole
 * address space when there is no VMA.  Each node also records
 * vm_subtree_gap, the longest gap in front of any VMA of its subtree.
 *
 * Stuck?  labs/HINTS.md has a step-by-step recipe (try without it first).
 *
 * Invariants: read only; change nothing in the tree.
 * Common mistakes:
 *   - forgetting the gap above the highest VMA (an empty mm must give
 *     high_limit - length), or the gap below the lowest VMA (it starts at
 *     0, not at low_limit).
 *   - trusting vm_subtree_gap alone: the longest gap of a subtree may lie
 *     above high_limit (the gap below the stack does, for mmap_base) or
 *     straddle it.  Only gaps of VMAs that start below high_limit are
 *     wholly under it; the one that straddles it lies just above the
 *     highest VMA that starts below high_limit.
 *   - overflow: test hi - lo >= length (once hi >= lo is known), never
 *     lo + length <= hi: length may be close to 2^64.
 *   - returning the lowest fit, or the bottom of the highest gap: top-down
 *     means the end of the range touches the top of the highest usable gap.
 *
 * Test: make build/host-labs/test_lab2_unmapped_area LABS=labs &&
 *       build/host-labs/test_lab2_unmapped_area
 */
int64_t unmapped_area_topdown(const struct mm_struct *mm, uint64_t length,
                              uint64_t low_limit, uint64_t high_limit)
{
    LAB_NOT_DONE(2);   /* delete this line when you start */
    return -ENOMEM; /* TODO: replace with your implementation */
}
