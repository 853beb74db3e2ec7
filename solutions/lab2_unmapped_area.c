/*
 * solutions/lab2_unmapped_area.c - Lab 2, the reference: the highest free
 * range that fits, found with the subtree gaps in two walks down the tree.
 * (The student's version is labs/lab2_unmapped_area.c; the hand-out is
 * labs/README.md.)
 */
#include <mm/mm.h>
#include <mm/vma.h>
#include <uapi/errno.h>

/* What is searched for: length bytes inside [low_limit, high_limit). */
struct gap_query {
    uint64_t length, low_limit, high_limit;
};

/* fit_in: the highest a with [a, a + length) inside both the free range
 * [lo, hi) and the query's limits; false when it does not fit. */
static bool fit_in(const struct gap_query *q, uint64_t lo, uint64_t hi, uint64_t *a)
{
    if (lo < q->low_limit)
        lo = q->low_limit;
    if (hi > q->high_limit)
        hi = q->high_limit;
    if (hi < lo || hi - lo < q->length)
        return false;
    *a = hi - q->length;
    return true;
}

/* subtree_has_gap: some VMA in the subtree at v (NULL: none) has a gap of
 * at least length in front of it. */
static bool subtree_has_gap(const struct vm_area_struct *v, uint64_t length)
{
    return v && v->vm_subtree_gap >= length;
}

/* highest_gap_in: the highest VMA in the subtree at v whose own gap is at
 * least length.  The subtree must have one (subtree_has_gap).  One walk
 * down: right subtree if it has such a gap, else v itself if its gap is
 * long enough, else -- it must be there -- the left subtree. */
static const struct vm_area_struct *highest_gap_in(const struct vm_area_struct *v,
                                                   uint64_t length)
{
    for (;;) {
        if (subtree_has_gap(v->vm_right, length))
            v = v->vm_right;
        else if (vma_gap(v) >= length)
            return v;
        else
            v = v->vm_left;
    }
}

/*
 * unmapped_area_topdown: the highest a with [a, a + length) free,
 * low_limit <= a and a + length <= high_limit; -ENOMEM when nothing fits.
 * length, low_limit and high_limit are page-aligned.  Two walks down the
 * tree, no backtracking, no recursion: O(log n).
 */
int64_t unmapped_area_topdown(const struct mm_struct *mm, uint64_t length,
                              uint64_t low_limit, uint64_t high_limit)
{
    struct gap_query q = { length, low_limit, high_limit };
    const struct vm_area_struct *v = mm->vma_root, *below = NULL, *turn = NULL;
    uint64_t a;

    if (high_limit < low_limit || high_limit - low_limit < length)
        return -ENOMEM;

    /* Walk 1: down towards high_limit, as find_vma walks towards an
     * address.  Each v that starts below high_limit is the highest such
     * VMA met so far (`below`), and its own gap and every gap in its left
     * subtree lie wholly under high_limit: remember v as `turn` when one
     * of them is long enough.  Each later turn is higher in address order. */
    while (v) {
        if (v->vm_start < high_limit) {
            below = v;
            if (subtree_has_gap(v->vm_left, length) || vma_gap(v) >= length)
                turn = v;
            v = v->vm_right;
        } else {
            v = v->vm_left;
        }
    }

    /* The highest candidate: the free range above `below` (from 0 when
     * there is none).  The next VMA starts at high_limit or above, so
     * clipped at high_limit it is [below->vm_end, high_limit) -- empty
     * when below itself reaches past high_limit. */
    if (fit_in(&q, below ? below->vm_end : 0, high_limit, &a))
        return (int64_t)a;
    if (!turn)
        return -ENOMEM;

    /* Walk 2: the highest long-enough gap under high_limit is turn's own,
     * or else the highest one in turn's left subtree.  Only low_limit can
     * cut it now -- and when it does, it cuts every lower gap too. */
    v = vma_gap(turn) >= length ? turn : highest_gap_in(turn->vm_left, length);
    if (fit_in(&q, v->vm_prev ? v->vm_prev->vm_end : 0, v->vm_start, &a))
        return (int64_t)a;
    return -ENOMEM;
}
