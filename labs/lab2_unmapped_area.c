/*
 * labs/lab2_unmapped_area.c - Lab 2: find a free range for mmap, top-down.
 * Read the hand-out in labs/README.md first.
 */
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
 * TODO:
 *   1. If high_limit < low_limit or the window [low_limit, high_limit) is
 *      shorter than length, return -ENOMEM.
 *   2. The top gap is in no node, and it is the highest: clip it to the
 *      limits (lo = max(gap start, low_limit), hi = min(gap end,
 *      high_limit)); if hi >= lo and hi - lo >= length, the answer is
 *      hi - length.  (A small helper "fit this free range into the limits"
 *      serves here and in step 3.)
 *   3. Otherwise search the tree for the HIGHEST gap that fits after
 *      clipping -- in reverse address order: the right subtree first, then
 *      the node's own gap, then the left subtree.  A recursive helper is
 *      fine: its depth is the tree height.  Skip
 *        - any subtree whose vm_subtree_gap < length (no gap in it is long
 *          enough, clipped or not);
 *        - the right subtree when v->vm_end > high_limit - length (its gaps
 *          all start at v->vm_end or above: none can end by high_limit);
 *        - v's own gap and the left subtree when
 *          v->vm_start < low_limit + length (they all end at v->vm_start or
 *          below: none can start at low_limit or above and still fit).
 *   4. Nothing found: -ENOMEM.
 *
 * Why this stays O(log n): a subtree that lies wholly inside the limits
 * and has vm_subtree_gap >= length surely holds a fit, so the search
 * enters it and goes straight down to the answer without coming back
 * empty-handed.  Subtrees with too small a vm_subtree_gap, or wholly
 * outside the limits, are rejected at their root.  The only subtrees that
 * can be entered and still fail are those holding low_limit or high_limit
 * themselves: at each depth there are at most two of them, one per limit.
 * So the walk visits O(tree height) nodes.
 *
 * Invariants: read only; change nothing in the tree.
 * Common mistakes:
 *   - forgetting the top gap (an empty mm must give high_limit - length),
 *     or the gap below the lowest VMA (it starts at 0, not at low_limit).
 *   - testing vm_subtree_gap against length but forgetting the limits: a
 *     long gap may straddle high_limit or low_limit and fit only after
 *     clipping, or not at all.
 *   - overflow: write low_limit + length and high_limit - length only
 *     after step 1 made them safe.
 *   - returning the lowest fit, or the bottom of the highest gap: top-down
 *     means the end of the range touches the top of the highest usable gap.
 *
 * Test: make build/host-labs/test_lab2_unmapped_area LABS=labs &&
 *       build/host-labs/test_lab2_unmapped_area
 */
int64_t unmapped_area_topdown(const struct mm_struct *mm, uint64_t length,
                              uint64_t low_limit, uint64_t high_limit)
{
    return -ENOMEM; /* TODO: replace with your implementation */
}
