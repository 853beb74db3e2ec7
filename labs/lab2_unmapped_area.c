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
 * TODO -- two walks down the tree, no recursion:
 *   1. If high_limit < low_limit or the window [low_limit, high_limit) is
 *      shorter than length, return -ENOMEM.
 *   2. Walk 1: from the root down towards high_limit, as find_vma walks
 *      towards an address: go right when v->vm_start < high_limit, else
 *      left.  At each v that starts below high_limit:
 *        - v is the highest VMA below high_limit met so far: keep it as
 *          `below`;
 *        - v's own gap and all the gaps of its left subtree lie wholly
 *          under high_limit: if vma_gap(v) >= length or the left child's
 *          vm_subtree_gap >= length, keep v as `turn` (a later turn is a
 *          higher one).
 *   3. The highest candidate is the free range above `below`: from
 *      below->vm_end (from 0 when there is no below) up to the next VMA,
 *      which starts at high_limit or above.  Clip it to the limits
 *      (lo = max(lo, low_limit), hi = min(hi, high_limit)); if hi >= lo
 *      and hi - lo >= length, the answer is hi - length.  (A small helper
 *      "fit this free range into the limits" serves here and in step 4.)
 *   4. Otherwise no turn: -ENOMEM.  Else the highest long-enough gap under
 *      high_limit is turn's own (if vma_gap(turn) >= length), or else the
 *      highest one in turn's left subtree -- walk 2, down from there: go
 *      right when the right child's vm_subtree_gap >= length, stop at v
 *      when vma_gap(v) >= length, else go left.  Clip that gap with the
 *      helper: it fits, or nothing does (low_limit cuts it, and every
 *      lower gap ends lower still).
 *
 * Why this is O(log n): walk 1 is one path from the root down, walk 2
 * another, and neither ever comes back up.  The subtree gaps make walk 2
 * possible: a subtree whose vm_subtree_gap >= length surely holds a gap
 * that long, so the walk can go straight down to the highest one.
 *
 * Invariants: read only; change nothing in the tree.
 * Common mistakes:
 *   - forgetting the gap above the highest VMA (an empty mm must give
 *     high_limit - length), or the gap below the lowest VMA (it starts at
 *     0, not at low_limit).
 *   - trusting vm_subtree_gap alone: the longest gap of a subtree may lie
 *     above high_limit (the gap below the stack does, for mmap_base) or
 *     straddle it.  Only gaps of VMAs that start below high_limit are
 *     wholly under it; the one that straddles it is step 3's.
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
