/*
 * solutions/lab2_unmapped_area.c - Lab 2, the reference: the highest free
 * range that fits, found with the subtree gaps.  (The student's version is
 * labs/lab2_unmapped_area.c; the hand-out is labs/README.md.)
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

/* highest_fit: the highest fit in the gaps in front of the VMAs of the
 * subtree at v.  Right subtree first (higher addresses), then v's own gap,
 * then the left subtree; a subtree whose largest gap is too small, or that
 * lies wholly outside the limits, is skipped.  Recursion depth: the tree
 * height. */
static bool highest_fit(const struct gap_query *q, const struct vm_area_struct *v, uint64_t *a)
{
    if (!v || v->vm_subtree_gap < q->length)
        return false;
    /* the right subtree's gaps all start at v->vm_end or above */
    if (v->vm_end <= q->high_limit - q->length && highest_fit(q, v->vm_right, a))
        return true;
    /* v's gap and the left subtree's gaps all end at v->vm_start or below */
    if (v->vm_start < q->low_limit + q->length)
        return false;
    if (fit_in(q, v->vm_prev ? v->vm_prev->vm_end : 0, v->vm_start, a))
        return true;
    return highest_fit(q, v->vm_left, a);
}

/*
 * unmapped_area_topdown: the highest a with [a, a + length) free,
 * low_limit <= a and a + length <= high_limit; -ENOMEM when nothing fits.
 * length, low_limit and high_limit are page-aligned.  O(log n).
 */
int64_t unmapped_area_topdown(const struct mm_struct *mm, uint64_t length,
                              uint64_t low_limit, uint64_t high_limit)
{
    struct gap_query q = { length, low_limit, high_limit };
    const struct vm_area_struct *last = vma_last(mm);
    uint64_t a;

    if (high_limit < low_limit || high_limit - low_limit < length)
        return -ENOMEM;
    /* the gap above the last VMA is in no node: try it first, it is highest */
    if (fit_in(&q, last ? last->vm_end : 0, high_limit, &a))
        return (int64_t)a;
    if (highest_fit(&q, mm->vma_root, &a))
        return (int64_t)a;
    return -ENOMEM;
}
