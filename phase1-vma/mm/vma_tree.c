/*
 * mm/vma_tree.c - the VMAs of an address space, kept in address order
 * twice: a doubly linked list and an AVL tree whose nodes also know the
 * largest free gap in their subtree (see the picture in mm/vma.h).
 *
 * After every change three things are exact again:
 *
 *   - the list (vm_prev / vm_next) and mm->mmap, the lowest VMA;
 *   - the AVL shape: vm_height = 1 + the taller child, and the heights of
 *     a node's two children differ by at most one;
 *   - vm_subtree_gap = max(gap(v), subtree_gap(left), subtree_gap(right)).
 *
 * A node's height and subtree gap depend only on the node and its
 * children, so after a change it is enough to recompute them bottom-up on
 * the path from the changed node towards the root: O(log n) nodes.  And
 * the walk stops as soon as nothing changes any more.  Where the subtree
 * at some place of the path is as high as before, no height or balance
 * above can change; where its subtree gap is as before, the parent's
 * subtree gap cannot change through it; where both hold, the parent sees
 * exactly what it saw before, and so does everything above: stop.
 * Usually that is after a level or two.
 *
 * One subtlety: gap(v) depends on v's predecessor in the LIST, which need
 * not be in v's subtree.  When a VMA appears, disappears or moves its end,
 * the gap of its successor changes too.  So every change ends with a
 * second walk, from the successor up, that recomputes subtree gaps until
 * one comes out unchanged.  Each walk may stop early because it is the
 * only thing left to fix: the first walk repairs the changed path except
 * for the successor's gap, the second walk repairs that gap.
 *
 * Rotations.  When a node's children differ in height by two, a rotation
 * moves one child up and the node down, keeping the address order:
 *
 *   rotate_left(x): the right child y moves up
 *
 *          x                        y
 *         / \                      / \
 *        A   y         ==>        x   C
 *           / \                  / \
 *          B   C                A   B
 *
 *   Order A < x < B < y < C is the same on both sides; only x and y get
 *   new children, so only their heights and gaps are recomputed (x first,
 *   it is now below y).  rotate_right is the mirror image.
 *
 * When the taller child leans the other way (x's right child y is taller
 * on ITS left), one rotation is not enough: first rotate_right(y), then
 * rotate_left(x) -- the "right-left" double rotation (and mirrored, the
 * "left-right" one).
 *
 * Shortcuts.  With 100,000 VMAs every walk between a leaf and the root is
 * some twenty nodes, and mmap + munmap would take five such walks.  Three
 * shortcuts, kept in the mm_struct, make the common cases O(1) without
 * changing any answer:
 *
 *   - mm->vma_hint, a VMA touched lately (set range, inserted, found):
 *     vma_tree_insert first tries to hang the new VMA beside it -- as
 *     split_vma does, right after shrinking that VMA -- instead of walking
 *     down from the root.  find_vma_hinted tries it before find_vma.
 *   - Lazy gap decreases.  When a subtree gap shrinks, the parents' values
 *     are merely too high, never too low; a walk that meets a shrink stops
 *     there and files the node in mm->gap_pending.  vma_gaps_settle()
 *     finishes those walks; the gap search (lab 2) runs only after it.
 *     Growth is always carried up at once, and usually stops at the first
 *     parent: the value there was never lowered.  So allocating from the
 *     largest gap and giving it back no longer walks to the root twice.
 *   - mm->gap_hint: the VMA below which mmap took its last gap, and the
 *     length it asked for; no higher gap of the mmap area fits that length
 *     (the search proved it).  Only a gap that grows above the hint can
 *     break that, so the tree drops the hint then (see hint_gap_grew); a
 *     removed hint passes to its successor, whose gap swallowed its own.
 *     mmap (mm/mmap.c) places a request of at least that length at the top
 *     of the hint's gap when it fits, with no search at all.
 */
#include <arch/memlayout.h>
#include <arch/printk.h>
#include <mm/mm.h>
#include <mm/vma.h>

/* A tree deeper than this is not an AVL tree of fewer than 2^64 nodes;
 * vma_tree_check stops there instead of following a cycle forever. */
#define VMA_TREE_MAX_DEPTH 96

/* max_u64: the larger of a and b. */
static inline uint64_t max_u64(uint64_t a, uint64_t b)
{
    return a > b ? a : b;
}

/* height: of a subtree; 0 for an empty one. */
static inline int32_t height(const struct vm_area_struct *v)
{
    return v ? v->vm_height : 0;
}

/* subtree_gap: of a subtree; 0 for an empty one. */
static inline uint64_t subtree_gap(const struct vm_area_struct *v)
{
    return v ? v->vm_subtree_gap : 0;
}

uint64_t stack_guard_gap;

/* vma_gap: the free range in front of vma, from its predecessor's end (or
 * address 0) up to vm_start_gap(vma): a stack's guard gap is not free.
 * vma must be linked into the list. */
uint64_t vma_gap(const struct vm_area_struct *vma)
{
    uint64_t start = vm_start_gap(vma);
    uint64_t prev_end = vma->vm_prev ? vma->vm_prev->vm_end : 0;
    return start > prev_end ? start - prev_end : 0;
}

/* compute_subtree_gap: what v->vm_subtree_gap must be, given that its
 * children's values are right. */
static uint64_t compute_subtree_gap(const struct vm_area_struct *v)
{
    return max_u64(vma_gap(v), max_u64(subtree_gap(v->vm_left), subtree_gap(v->vm_right)));
}

/* compute_height: what v->vm_height must be, given its children's. */
static int32_t compute_height(const struct vm_area_struct *v)
{
    int32_t l = height(v->vm_left), r = height(v->vm_right);
    return 1 + (l > r ? l : r);
}

/* update_node: recompute v's height and subtree gap from its children. */
static void update_node(struct vm_area_struct *v)
{
    v->vm_height = compute_height(v);
    v->vm_subtree_gap = compute_subtree_gap(v);
}

/* balance: left height minus right height; AVL keeps it in -1..1. */
static int32_t balance(const struct vm_area_struct *v)
{
    return height(v->vm_left) - height(v->vm_right);
}

/* replace_child: make `new` take `old`'s place under `parent` (or as the
 * root when parent is NULL).  new may be NULL. */
static void replace_child(struct mm_struct *mm, struct vm_area_struct *parent,
                          struct vm_area_struct *old, struct vm_area_struct *new)
{
    if (!parent)
        mm->vma_root = new;
    else if (parent->vm_left == old)
        parent->vm_left = new;
    else
        parent->vm_right = new;
    if (new)
        new->vm_parent = parent;
}

/* rotate_left: x's right child y takes x's place, x becomes y's left
 * child (picture at the top).  Returns y. */
static struct vm_area_struct *rotate_left(struct mm_struct *mm, struct vm_area_struct *x)
{
    struct vm_area_struct *y = x->vm_right, *b = y->vm_left;

    replace_child(mm, x->vm_parent, x, y);
    x->vm_right = b;
    if (b)
        b->vm_parent = x;
    y->vm_left = x;
    x->vm_parent = y;
    update_node(x);
    update_node(y);
    return y;
}

/* rotate_right: the mirror image of rotate_left.  Returns the new top. */
static struct vm_area_struct *rotate_right(struct mm_struct *mm, struct vm_area_struct *y)
{
    struct vm_area_struct *x = y->vm_left, *b = x->vm_right;

    replace_child(mm, y->vm_parent, y, x);
    y->vm_left = b;
    if (b)
        b->vm_parent = y;
    x->vm_right = y;
    y->vm_parent = x;
    update_node(y);
    update_node(x);
    return x;
}

/* rebalance_node: recompute v after its children changed (they are valid
 * AVL trees with exact values).  If their heights differ by two, rotate:
 * a rotation recomputes every node it moves.  Otherwise recompute v's
 * height, and its subtree gap when `gap_too` -- without it v's subtree gap
 * stays as it was, which is right when neither child's subtree gap moved.
 * (v's own gap changes only when v is the successor of the VMA that
 * changed; the successor's walk at the end of every change sees to it.)
 * Returns the node now at v's place. */
static struct vm_area_struct *rebalance_node(struct mm_struct *mm, struct vm_area_struct *v,
                                             bool gap_too)
{
    int32_t lean = balance(v);

    if (lean > 1) {
        if (balance(v->vm_left) < 0)
            rotate_left(mm, v->vm_left);     /* left-right case */
        return rotate_right(mm, v);
    }
    if (lean < -1) {
        if (balance(v->vm_right) > 0)
            rotate_right(mm, v->vm_right);   /* right-left case */
        return rotate_left(mm, v);
    }
    v->vm_height = compute_height(v);
    if (gap_too)
        v->vm_subtree_gap = compute_subtree_gap(v);
    return v;
}

/* gap_walk: recompute the subtree gaps from v (which may be NULL) towards
 * the root until one comes out unchanged.  With `lazy`, a value that
 * would shrink is left too high and v is filed as pending instead (see
 * Shortcuts).  Heights must be exact.  O(log n), usually O(1). */
static void gap_walk(struct vm_area_struct *v, bool lazy);

/* gap_pending_add: file v, whose subtree gap is higher than its children
 * and own gap say, for vma_gaps_settle.  When the list is full, settle
 * everything and carry v's shrink up now. */
static void gap_pending_add(struct vm_area_struct *v)
{
    struct mm_struct *mm = v->vm_mm;

    for (uint32_t i = 0; i < mm->gap_pending_count; i++)
        if (mm->gap_pending[i] == v)
            return;
    if (mm->gap_pending_count == VMA_GAP_PENDING) {
        vma_gaps_settle(mm);
        gap_walk(v, false);
        return;
    }
    mm->gap_pending[mm->gap_pending_count++] = v;
}

/* gap_is_pending: v waits in mm->gap_pending. */
static bool gap_is_pending(const struct mm_struct *mm, const struct vm_area_struct *v)
{
    for (uint32_t i = 0; i < mm->gap_pending_count; i++)
        if (mm->gap_pending[i] == v)
            return true;
    return false;
}

static void gap_walk(struct vm_area_struct *v, bool lazy)
{
    for (; v; v = v->vm_parent) {
        uint64_t gap = compute_subtree_gap(v);

        if (gap == v->vm_subtree_gap)
            return;
        if (lazy && gap < v->vm_subtree_gap) {
            gap_pending_add(v);
            return;
        }
        v->vm_subtree_gap = gap;
    }
}

/* update_gaps_upwards: after v's own gap or a child's subtree gap
 * changed: growth goes up at once, a shrink waits (gap_walk). */
static void update_gaps_upwards(struct vm_area_struct *v)
{
    gap_walk(v, true);
}

/* vma_gaps_settle: contract in vma.h.  Each pending node's walk makes its
 * path exact; walks meeting each other stop where nothing changes. */
void vma_gaps_settle(struct mm_struct *mm)
{
    while (mm->gap_pending_count > 0)
        gap_walk(mm->gap_pending[--mm->gap_pending_count], false);
}

/* fix_upwards: restore heights, balance and subtree gaps on the path from
 * v (which may be NULL) towards the root, after v's children changed.
 * Everything off that path must be exact, and every node on it must still
 * hold the height and subtree gap its parent last saw there.  At each
 * place, compare what stands there now with what stood there before:
 *   - same height: no balance above can change; if the subtree gap moved,
 *     finish with a walk for the gaps alone, else stop;
 *   - new height: go on up, recomputing the parent's subtree gap only if
 *     this one moved.
 * The successor's own gap is not this walk's job.  O(log n). */
static void fix_upwards(struct mm_struct *mm, struct vm_area_struct *v)
{
    bool gap_moved = true;                /* v's children changed */

    while (v) {
        int32_t old_height = v->vm_height;
        uint64_t old_gap = v->vm_subtree_gap;

        v = rebalance_node(mm, v, gap_moved);   /* v: whatever now stands here */
        gap_moved = v->vm_subtree_gap != old_gap;
        if (v->vm_height == old_height) {
            if (gap_moved)
                update_gaps_upwards(v->vm_parent);
            return;
        }
        v = v->vm_parent;
    }
}

/* list_link: put vma between prev and next (either may be NULL). */
static void list_link(struct mm_struct *mm, struct vm_area_struct *vma,
                      struct vm_area_struct *prev, struct vm_area_struct *next)
{
    vma->vm_prev = prev;
    vma->vm_next = next;
    if (prev)
        prev->vm_next = vma;
    else
        mm->mmap = vma;
    if (next)
        next->vm_prev = vma;
}

/* list_unlink: take vma out of the list; its own links are kept. */
static void list_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
    if (vma->vm_prev)
        vma->vm_prev->vm_next = vma->vm_next;
    else
        mm->mmap = vma->vm_next;
    if (vma->vm_next)
        vma->vm_next->vm_prev = vma->vm_prev;
}

/* check_placement: panic unless [vma) is a valid range that fits between
 * prev and next -- a caller bug that would corrupt the tree. */
static void check_placement(const char *who, const struct vm_area_struct *vma,
                            const struct vm_area_struct *prev,
                            const struct vm_area_struct *next)
{
    if (vma->vm_start >= vma->vm_end || ((vma->vm_start | vma->vm_end) & ~PAGE_MASK))
        panic("%s: bad range [%#lx-%#lx)", who, vma->vm_start, vma->vm_end);
    if (prev && prev->vm_end > vma->vm_start)
        panic("%s: [%#lx-%#lx) overlaps [%#lx-%#lx)", who, vma->vm_start, vma->vm_end,
              prev->vm_start, prev->vm_end);
    if (next && vma->vm_end > next->vm_start)
        panic("%s: [%#lx-%#lx) overlaps [%#lx-%#lx)", who, vma->vm_start, vma->vm_end,
              next->vm_start, next->vm_end);
}

/* where: the place a new VMA goes -- the link to fill, its parent, and
 * its neighbours in address order. */
struct where {
    struct vm_area_struct **link, *parent, *prev, *next;
};

/* place_beside_hint: when vma belongs right before or right after
 * mm->vma_hint, say where without a walk: under the hint if that side is
 * free, else under the hint's neighbour on that side, which is the
 * nearest node of the hint's subtree there and so has that side free. */
static bool place_beside_hint(struct mm_struct *mm, const struct vm_area_struct *vma,
                              struct where *w)
{
    struct vm_area_struct *h = mm->vma_hint;

    if (!h)
        return false;
    if (vma->vm_end <= h->vm_start && (!h->vm_prev || h->vm_prev->vm_end <= vma->vm_start)) {
        w->prev = h->vm_prev;
        w->next = h;
        w->parent = h->vm_left ? h->vm_prev : h;
        w->link = h->vm_left ? &h->vm_prev->vm_right : &h->vm_left;
        return true;
    }
    if (vma->vm_start >= h->vm_end && (!h->vm_next || vma->vm_end <= h->vm_next->vm_start)) {
        w->prev = h;
        w->next = h->vm_next;
        w->parent = h->vm_right ? h->vm_next : h;
        w->link = h->vm_right ? &h->vm_next->vm_left : &h->vm_right;
        return true;
    }
    return false;
}

/* place_by_search: walk down as in any search tree: the last node where
 * we turned right is the new VMA's predecessor, the last where we turned
 * left its successor. */
static void place_by_search(struct mm_struct *mm, const struct vm_area_struct *vma,
                            struct where *w)
{
    w->link = &mm->vma_root;
    w->parent = w->prev = w->next = NULL;
    while (*w->link) {
        w->parent = *w->link;
        if (vma->vm_start < w->parent->vm_start) {
            w->next = w->parent;
            w->link = &w->parent->vm_left;
        } else {
            w->prev = w->parent;
            w->link = &w->parent->vm_right;
        }
    }
}

/* vma_tree_insert: link vma into mm's tree and list (contract in vma.h).
 * Panics if it overlaps a VMA already there.  O(log n); O(1) plus the
 * rebalancing beside mm->vma_hint. */
void vma_tree_insert(struct mm_struct *mm, struct vm_area_struct *vma)
{
    struct where w;

    if (!place_beside_hint(mm, vma, &w))
        place_by_search(mm, vma, &w);
    check_placement("vma_tree_insert", vma, w.prev, w.next);

    list_link(mm, vma, w.prev, w.next);
    vma->vm_left = vma->vm_right = NULL;
    vma->vm_parent = w.parent;
    vma->vm_mm = mm;
    /* what the parent saw here so far: an empty subtree */
    vma->vm_height = 0;
    vma->vm_subtree_gap = 0;
    *w.link = vma;
    mm->map_count++;
    mm->vma_hint = vma;
    fix_upwards(mm, vma);
    update_gaps_upwards(w.next);          /* next's gap shrank */
}

/* tree_unlink: take vma out of the tree's shape (heights and gaps above
 * are left stale).  Returns the lowest node whose subtree changed, where
 * fixing must start, or NULL.  vma must still be in the list. */
static struct vm_area_struct *tree_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
    struct vm_area_struct *left = vma->vm_left, *right = vma->vm_right;
    struct vm_area_struct *heir, *fix_from;

    if (!left || !right) {
        replace_child(mm, vma->vm_parent, vma, left ? left : right);
        return vma->vm_parent;
    }
    /* Two children: the in-order successor takes vma's place.  It is the
     * leftmost node of the right subtree -- and also simply vm_next. */
    heir = vma->vm_next;
    if (heir == right) {
        fix_from = heir;
    } else {
        fix_from = heir->vm_parent;
        fix_from->vm_left = heir->vm_right;
        if (heir->vm_right)
            heir->vm_right->vm_parent = fix_from;
        heir->vm_right = right;
        right->vm_parent = heir;
    }
    heir->vm_left = left;
    left->vm_parent = heir;
    replace_child(mm, vma->vm_parent, vma, heir);
    /* vma's parent saw vma's values here: let heir start from them, so
     * that fix_upwards knows when nothing changed any more */
    heir->vm_height = vma->vm_height;
    heir->vm_subtree_gap = vma->vm_subtree_gap;
    return fix_from;
}

/* hint_gap_grew: the gap in front of v (NULL: the one above the highest
 * VMA) grew.  If it lies above mm->gap_hint and might now fit the hint's
 * length, the hint's promise is broken: drop it. */
static void hint_gap_grew(struct mm_struct *mm, const struct vm_area_struct *v)
{
    const struct vm_area_struct *h = mm->gap_hint;

    if (!h || v == h)
        return;
    if (v && (v->vm_start < h->vm_start || vma_gap(v) < mm->gap_hint_len))
        return;
    mm->gap_hint = NULL;
}

/* vma_tree_remove: unlink vma from mm's tree and list; the caller frees
 * it.  O(log n). */
void vma_tree_remove(struct mm_struct *mm, struct vm_area_struct *vma)
{
    struct vm_area_struct *next = vma->vm_next;
    struct vm_area_struct *fix_from;

    if (gap_is_pending(mm, vma))          /* its value must not be inherited */
        vma_gaps_settle(mm);
    fix_from = tree_unlink(mm, vma);
    list_unlink(mm, vma);
    fix_upwards(mm, fix_from);
    /* next's gap now reaches back to vma's predecessor */
    update_gaps_upwards(next);

    if (mm->vma_hint == vma)
        mm->vma_hint = NULL;
    if (mm->gap_hint == vma)
        mm->gap_hint = next;              /* next's gap swallowed vma's */
    else
        hint_gap_grew(mm, next);
    mm->map_count--;
    vma->vm_prev = vma->vm_next = NULL;
    vma->vm_left = vma->vm_right = vma->vm_parent = NULL;
}

/* vma_set_range: move vma's boundaries in place (contract in vma.h).
 * Panics if the new range is empty, unaligned or overlaps a neighbour.
 * O(log n). */
void vma_set_range(struct vm_area_struct *vma, uint64_t start, uint64_t end)
{
    uint64_t old_start = vma->vm_start, old_end = vma->vm_end;

    vma->vm_start = start;
    vma->vm_end = end;
    check_placement("vma_set_range", vma, vma->vm_prev, vma->vm_next);
    update_gaps_upwards(vma);             /* start moved: vma's own gap */
    if (vma->vm_next)
        update_gaps_upwards(vma->vm_next); /* end moved: the successor's gap */
    if (start > old_start)
        hint_gap_grew(vma->vm_mm, vma);
    if (end < old_end)
        hint_gap_grew(vma->vm_mm, vma->vm_next);
    vma->vm_mm->vma_hint = vma;
}

/* vma_last: the highest VMA, or NULL: the rightmost node.  O(log n). */
struct vm_area_struct *vma_last(const struct mm_struct *mm)
{
    struct vm_area_struct *v = mm->vma_root;

    if (!v)
        return NULL;
    while (v->vm_right)
        v = v->vm_right;
    return v;
}

/* vm_area_dup: a copy of orig with every list and tree link cleared, ready
 * for vma_tree_insert; NULL when memory runs out.  It lives here because
 * this file owns the links. */
struct vm_area_struct *vm_area_dup(const struct vm_area_struct *orig)
{
    struct vm_area_struct *vma = vm_area_alloc(orig->vm_mm);

    if (!vma)
        return NULL;
    *vma = *orig;
    vma->vm_prev = vma->vm_next = NULL;
    vma->vm_left = vma->vm_right = vma->vm_parent = NULL;
    vma->vm_height = 0;
    vma->vm_subtree_gap = 0;
    list_init(&vma->vm_shared);     /* vm_ops->open links the copy where it belongs */
    return vma;
}

/* ---- vma_tree_check ---------------------------------------------------- */

/* complain: print one broken invariant about v; returns -1 for the caller
 * to pass up. */
static int complain(const struct vm_area_struct *v, const char *what)
{
    printk("vma_tree_check: VMA [%#lx-%#lx): %s\n", v->vm_start, v->vm_end, what);
    return -1;
}

/* complain_value: the same, with the value found and the one expected. */
static int complain_value(const struct vm_area_struct *v, const char *what,
                          uint64_t found, uint64_t expected)
{
    printk("vma_tree_check: VMA [%#lx-%#lx): %s is %#lx, expected %#lx\n",
           v->vm_start, v->vm_end, what, found, expected);
    return -1;
}

/* check_list: the list alone -- starts at mm->mmap, ranges valid and in
 * order, back links right, exactly map_count entries.  0 or -1. */
static int check_list(const struct mm_struct *mm)
{
    const struct vm_area_struct *prev = NULL, *v;
    uint64_t count = 0;

    for (v = mm->mmap; v; prev = v, v = v->vm_next) {
        if (++count > mm->map_count)
            return complain(v, "the list is longer than map_count (or loops)");
        if (v->vm_prev != prev)
            return complain(v, "vm_prev does not point to the VMA before it");
        if (v->vm_start >= v->vm_end)
            return complain(v, "empty or inverted range");
        if ((v->vm_start | v->vm_end) & ~PAGE_MASK)
            return complain(v, "not page-aligned");
        if (prev && prev->vm_end > v->vm_start)
            return complain(v, "overlaps or is below the VMA before it");
        if (v->vm_mm != mm)
            return complain(v, "vm_mm is another address space");
    }
    if (count != mm->map_count) {
        printk("vma_tree_check: the list has %lu VMAs, map_count is %lu\n", count,
               mm->map_count);
        return -1;
    }
    return 0;
}

/* tree_walk: the state of check_subtree's in-order walk. */
struct tree_walk {
    const struct mm_struct *mm;
    const struct vm_area_struct *expect;   /* the list entry to meet next */
    int hints_met;                         /* shortcuts found in the tree */
};

/* hint_count: how many of mm's shortcuts name v (vma_hint, gap_hint, pending);
 * each must be a VMA of the tree, so the walk counts them. */
static int hint_count(const struct mm_struct *mm, const struct vm_area_struct *v)
{
    int n = (mm->vma_hint == v) + (mm->gap_hint == v);
    return n + gap_is_pending(mm, v);
}

/* check_subtree: the subtree at v (under `parent`), walked in order and
 * compared with the list.  Returns its height, or -1 after complaining.
 * Recursion depth is the tree height, capped by VMA_TREE_MAX_DEPTH. */
static int check_subtree(struct tree_walk *w, const struct vm_area_struct *v,
                         const struct vm_area_struct *parent, int depth)
{
    int lh, rh;

    if (!v)
        return 0;
    if (depth > VMA_TREE_MAX_DEPTH)
        return complain(v, "the tree is far too deep (a cycle?)");
    if (v->vm_parent != parent)
        return complain(v, "vm_parent is not the node above it");
    lh = check_subtree(w, v->vm_left, v, depth + 1);
    if (lh < 0)
        return -1;
    if (v != w->expect)
        return complain(v, "the tree's address order differs from the list's");
    w->expect = v->vm_next;
    rh = check_subtree(w, v->vm_right, v, depth + 1);
    if (rh < 0)
        return -1;
    if (lh - rh > 1 || rh - lh > 1)
        return complain(v, "unbalanced: children's heights differ by more than one");
    if (v->vm_height != compute_height(v))
        return complain_value(v, "vm_height", (uint64_t)v->vm_height, (uint64_t)compute_height(v));
    /* a pending node may hold too high a value (Shortcuts), never too low */
    if (v->vm_subtree_gap != compute_subtree_gap(v) &&
        !(v->vm_subtree_gap > compute_subtree_gap(v) && gap_is_pending(w->mm, v)))
        return complain_value(v, "vm_subtree_gap", v->vm_subtree_gap, compute_subtree_gap(v));
    w->hints_met += hint_count(w->mm, v);
    return v->vm_height;
}

/* vma_tree_check: every invariant of mm's VMAs (contract in vma.h).  The
 * list is checked first; then an in-order walk of the tree must meet the
 * list's entries one by one, which proves both hold the same VMAs in the
 * same order.  O(n). */
int vma_tree_check(const struct mm_struct *mm)
{
    struct tree_walk w = { mm, mm->mmap, 0 };
    int hints = (mm->vma_hint != NULL) + (mm->gap_hint != NULL) + (int)mm->gap_pending_count;

    if (check_list(mm) < 0)
        return -1;
    if (check_subtree(&w, mm->vma_root, NULL, 1) < 0)
        return -1;
    if (w.expect) {
        complain(w.expect, "on the list but not in the tree");
        return -1;
    }
    if (w.hints_met != hints) {
        printk("vma_tree_check: %d of the %d shortcuts (vma_hint, gap_hint, gap_pending) "
               "point outside the tree\n", hints - w.hints_met, hints);
        return -1;
    }
    return 0;
}
