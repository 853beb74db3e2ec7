// sources: phase1-vma/mm/vma_tree.c phase1-vma/mm/vma_range.c tests/host/shim/vma_alloc_shim.c lab:lab1_find_vma.c lab:lab2_unmapped_area.c lab:lab3_split_vma.c lab:lab4_vma_merge.c
/*
 * tests/host/test_vma_tree.c - the VMA tree (vma_tree.c) and
 * vma_split_range (vma_range.c), with the lab functions they are used
 * with.
 *
 * The main test is a model check: a million random operations (insert,
 * remove, split, merge, mprotect- and munmap-like range changes, gap
 * searches, lookups) on a real tree and on a model that is trivially right
 * -- a sorted array of (start, end, flags) -- comparing the two and running
 * vma_tree_check after every single operation.  The named tests around it
 * each show one property: balance, gaps after each kind of change, the
 * checker catching corruption, vma_split_range's edges, and the walks
 * after a change stopping where nothing changes any more.
 */
#include "check.h"
#include "shim/vma_alloc_shim.h"

#include <mm/mm.h>
#include <mm/vma.h>
#include <stdarg.h>
#include <stdint.h>
#include <uapi/errno.h>

#define PG(n) ((uint64_t)(n) * PAGE_SIZE)

static struct mm_struct mm;

/* ---- random numbers: a fixed seed, so every run is the same --------- */

static uint64_t rng_state;

static void rng_seed(uint64_t seed)
{
    rng_state = seed ? seed : 1;
}

static uint64_t rng(void)
{
    return vma_test_rng(&rng_state);
}

/* rng_below: uniform in [0, n), n > 0. */
static uint64_t rng_below(uint64_t n)
{
    return rng() % n;
}

/* log2_of: log2(x) for x >= 1 without libm: the integer part by halving,
 * then one fraction bit per squaring. */
static double log2_of(double x)
{
    double result = 0, bit = 0.5;

    while (x >= 2) {
        x /= 2;
        result += 1;
    }
    for (int i = 0; i < 40; i++, bit /= 2) {
        x *= x;
        if (x >= 2) {
            x /= 2;
            result += bit;
        }
    }
    return result;
}

/* avl_height_ok: the AVL bound, height <= 1.44 log2(n + 2). */
static int avl_height_ok(const struct mm_struct *m)
{
    int32_t h = m->vma_root ? m->vma_root->vm_height : 0;
    return h <= 1.44 * log2_of((double)m->map_count + 2);
}

/* shuffle: a random permutation of 0..n-1 into a. */
static void shuffle(uint64_t *a, uint64_t n)
{
    for (uint64_t i = 0; i < n; i++)
        a[i] = i;
    for (uint64_t i = n; i > 1; i--) {
        uint64_t j = rng_below(i), t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
}

/* ==== the model check ================================================== */

/* The address range the model plays in: 8192 pages, so that random
 * operations collide often. */
#define UNI_LO  PG(16)
#define UNI_HI  PG(16 + 8192)
#define MODEL_MAX 4096
#define MODEL_TARGET 400      /* the VMA count the operations hover around */
#define MODEL_OPS 1000000

struct mrange {
    uint64_t start, end;
    uint32_t flags;
};

static struct mrange model[MODEL_MAX];
static size_t model_n;
static long open_refs;        /* open/close calls: must equal map_count */
static char problem[512];

static void ops_open(struct vm_area_struct *vma)
{
    open_refs++;
}

static void ops_close(struct vm_area_struct *vma)
{
    open_refs--;
}

static const struct vm_operations_struct model_ops = {
    .name = "model", .open = ops_open, .close = ops_close,
};

static const uint32_t model_flags[] = { VM_READ, VM_READ | VM_WRITE, VM_READ | VM_EXEC };

static uint32_t random_flags(void)
{
    return model_flags[rng_below(3)];
}

/* found: record the first mismatch; returns false for the caller to pass up. */
__attribute__((format(printf, 1, 2))) static bool found(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(problem, sizeof(problem), fmt, ap);
    va_end(ap);
    return false;
}

/* model_find: index of the first range with end > addr (model_n if none). */
static size_t model_find(uint64_t addr)
{
    size_t lo = 0, hi = model_n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (model[mid].end > addr)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static void model_insert_at(size_t i, struct mrange r)
{
    memmove(&model[i + 1], &model[i], (model_n - i) * sizeof(model[0]));
    model[i] = r;
    model_n++;
}

static void model_remove_at(size_t i)
{
    memmove(&model[i], &model[i + 1], (model_n - i - 1) * sizeof(model[0]));
    model_n--;
}

/* model_cut: make addr a boundary (split the range straddling it). */
static void model_cut(uint64_t addr)
{
    size_t i = model_find(addr);
    if (i < model_n && model[i].start < addr) {
        struct mrange upper = model[i];
        upper.start = addr;
        model[i].end = addr;
        model_insert_at(i + 1, upper);
    }
}

/* model_merge_pair: merge range i with i + 1 if they touch and match. */
static bool model_merge_pair(size_t i)
{
    if (i + 1 >= model_n || model[i].end != model[i + 1].start ||
        model[i].flags != model[i + 1].flags)
        return false;
    model[i].end = model[i + 1].end;
    model_remove_at(i + 1);
    return true;
}

/* compare_with_model: the whole list against the model, then the tree's
 * own invariants. */
static bool compare_with_model(void)
{
    size_t i = 0;

    for (const struct vm_area_struct *v = mm.mmap; v; v = v->vm_next, i++) {
        if (i >= model_n)
            return found("extra VMA [%#lx-%#lx)", v->vm_start, v->vm_end);
        if (v->vm_start != model[i].start || v->vm_end != model[i].end ||
            v->vm_flags != model[i].flags)
            return found("VMA %zu is [%#lx-%#lx) flags %#x, model has [%#lx-%#lx) flags %#x",
                         i, v->vm_start, v->vm_end, v->vm_flags, model[i].start,
                         model[i].end, model[i].flags);
        if (v->vm_pgoff != v->vm_start >> PAGE_SHIFT)
            return found("VMA [%#lx-%#lx) has vm_pgoff %#lx", v->vm_start, v->vm_end,
                         v->vm_pgoff);
    }
    if (i != model_n)
        return found("%zu VMAs, model has %zu", i, model_n);
    if (mm.map_count != model_n || open_refs != (long)model_n)
        return found("map_count %lu, open references %ld, model %zu", mm.map_count,
                     open_refs, model_n);
    if (vma_shim_live != (long)model_n)
        return found("%ld VMAs allocated, model has %zu", vma_shim_live, model_n);
    if (vma_tree_check(&mm) != 0)
        return found("vma_tree_check failed");
    return true;
}

/* vma_at: the VMA that starts at addr, found with find_vma; NULL (and a
 * recorded problem) if find_vma does not give it. */
static struct vm_area_struct *vma_at(uint64_t addr)
{
    struct vm_area_struct *v = find_vma(&mm, addr);

    if (!v || v->vm_start != addr) {
        found("find_vma(%#lx) did not return the VMA starting there", addr);
        return NULL;
    }
    return v;
}

/* random_vma: the VMA behind a random model entry (model_n > 0). */
static struct vm_area_struct *random_vma(size_t *index)
{
    *index = rng_below(model_n);
    return vma_at(model[*index].start);
}

static bool op_insert(void)
{
    uint64_t a = UNI_LO + PG(rng_below((UNI_HI - UNI_LO) / PAGE_SIZE));
    size_t i = model_find(a);
    uint64_t limit = i < model_n ? model[i].start : UNI_HI;
    uint64_t end = a + PG(1 + rng_below(16));
    struct mrange r;

    if (i < model_n && model[i].start <= a)
        return true;                       /* a is taken: nothing to do */
    r = (struct mrange){ a, end < limit ? end : limit, random_flags() };
    vma_add(&mm, r.start, r.end, r.flags)->vm_ops = &model_ops;
    open_refs++;                           /* as mmap would count it */
    model_insert_at(i, r);
    return true;
}

static bool op_remove(void)
{
    size_t i;
    struct vm_area_struct *v = random_vma(&i);

    if (!v)
        return false;
    vma_tree_remove(&mm, v);
    v->vm_ops->close(v);
    vm_area_free(v);
    model_remove_at(i);
    return true;
}

/* op_split: a random split; now and then at the map_count limit or with
 * the allocation failing, when nothing may change. */
static bool op_split(void)
{
    size_t i;
    struct vm_area_struct *v = random_vma(&i);
    uint64_t pages = (model[i].end - model[i].start) / PAGE_SIZE;
    uint64_t saved_max = sysctl_max_map_count, dice = rng_below(64), addr;
    int err;

    if (!v)
        return false;
    if (pages < 2)
        return true;                       /* one page: nowhere to cut */
    addr = model[i].start + PG(1 + rng_below(pages - 1));
    if (dice == 0)
        sysctl_max_map_count = mm.map_count;
    else if (dice == 1)
        vma_shim_fail_after(0);
    err = split_vma(&mm, v, addr, (int)rng_below(2));
    sysctl_max_map_count = saved_max;
    vma_shim_fail_after(-1);
    if (err != (dice < 2 ? -ENOMEM : 0))
        return found("split_vma at %#lx returned %d", addr, err);
    if (!err)
        model_cut(addr);
    return true;
}

/* merge_at: vma_merge_neighbours on the VMA at addr, in the tree and the
 * same step on the model (merge with the next, then with the previous);
 * the result's range in *start, *end.  False if the two disagree. */
static bool merge_at(uint64_t addr, uint64_t *start, uint64_t *end)
{
    size_t i = model_find(addr);
    struct vm_area_struct *w = vma_at(addr);

    if (!w)
        return false;
    w = vma_merge_neighbours(&mm, w);
    model_merge_pair(i);
    if (i > 0 && model_merge_pair(i - 1))
        i--;
    *start = w->vm_start;
    *end = w->vm_end;
    if (w->vm_start != model[i].start || w->vm_end != model[i].end)
        return found("merging at %#lx gave [%#lx-%#lx), model [%#lx-%#lx)", addr, w->vm_start,
                     w->vm_end, model[i].start, model[i].end);
    return true;
}

static bool op_merge(void)
{
    uint64_t start, end;
    return merge_at(model[rng_below(model_n)].start, &start, &end);
}

/* random_range: a random page-aligned [*s, *e) in and around the model's
 * address range. */
static void random_range(uint64_t *s, uint64_t *e)
{
    *s = PG(rng_below(UNI_HI / PAGE_SIZE));
    *e = *s + PG(1 + rng_below(64));
}

/* set_flags: new flags on every VMA inside [s, e), tree and model (after
 * vma_split_range, so no VMA sticks out). */
static void set_flags(struct vm_area_struct *v, uint64_t s, uint64_t e, uint32_t flags)
{
    for (; v && v->vm_start < e; v = v->vm_next)
        v->vm_flags = flags;
    for (size_t i = model_find(s); i < model_n && model[i].start < e; i++)
        model[i].flags = flags;
}

/*
 * mprotect_like: the merge half of mprotect over [first's start, e), after
 * the flags changed.  Every boundary between s and e, ends included, must
 * be tried.  vma_merge_neighbours tries a VMA's two ends once each, so
 * when a merge made the VMA grow at its end (it absorbed the next one),
 * its new end has not been tried: merge the same VMA again while that end
 * lies within the range.  Otherwise go on to the next VMA in the range.
 */
static bool mprotect_like(uint64_t first_start, uint64_t e)
{
    uint64_t addr = first_start, start, end;

    for (;;) {
        uint64_t old_end = model[model_find(addr)].end;
        size_t next;

        if (!merge_at(addr, &start, &end))
            return false;
        if (end != old_end && end <= e) {
            addr = start;                  /* grew: try its new end */
            continue;
        }
        next = model_find(end);
        if (end >= e || next == model_n || model[next].start >= e)
            return true;
        addr = model[next].start;
    }
}

/* model_splits_needed: how many VMAs straddle s or e. */
static uint64_t model_splits_needed(uint64_t s, uint64_t e)
{
    size_t i = model_find(s), j = model_find(e);
    return (i < model_n && model[i].start < s && model[i].end > s) +
           (j < model_n && model[j].start < e && model[j].end > e);
}

/* first_check: *first from vma_split_range is the lowest VMA meeting
 * [s, e), starting at s if one straddled s; NULL if none meets it. */
static bool first_check(const struct vm_area_struct *first, uint64_t s, uint64_t e)
{
    size_t i = model_find(s);
    bool any = i < model_n && model[i].start < e;
    uint64_t want = any ? (model[i].start > s ? model[i].start : s) : 0;

    if (any ? (!first || first->vm_start != want) : first != NULL)
        return found("vma_split_range [%#lx-%#lx): first VMA %#lx, expected %#lx", s, e,
                     first ? first->vm_start : 0, want);
    return true;
}

/* unmap_like: remove every VMA from v while below e, tree and model. */
static void unmap_like(struct vm_area_struct *v, uint64_t s, uint64_t e)
{
    while (v && v->vm_start < e) {
        struct vm_area_struct *next = v->vm_next;
        vma_tree_remove(&mm, v);
        v->vm_ops->close(v);
        vm_area_free(v);
        v = next;
    }
    while (model_find(s) < model_n && model[model_find(s)].start < e)
        model_remove_at(model_find(s));
}

/* range_op: vma_split_range, then munmap-like or mprotect-like.  One time
 * in 32 the map_count limit is one VMA short: then it must fail with
 * nothing changed (or succeed when no split is needed). */
static bool range_op(bool unmap)
{
    uint64_t s, e, saved_max = sysctl_max_map_count, needed;
    bool short_of_one;
    struct vm_area_struct *v;
    int err;

    random_range(&s, &e);
    needed = model_splits_needed(s, e);
    short_of_one = needed > 0 && rng_below(32) == 0;
    if (short_of_one)
        sysctl_max_map_count = mm.map_count + needed - 1;
    err = vma_split_range(&mm, s, e, &v);
    sysctl_max_map_count = saved_max;
    if (err != (short_of_one ? -ENOMEM : 0))
        return found("vma_split_range [%#lx-%#lx) returned %d", s, e, err);
    if (err)
        return true;
    model_cut(s);
    model_cut(e);
    if (!first_check(v, s, e))
        return false;
    if (unmap) {
        unmap_like(v, s, e);
        return true;
    }
    if (!v)
        return true;
    set_flags(v, s, e, random_flags());
    return mprotect_like(v->vm_start, e);
}

/* model_gap: unmapped_area_topdown on the model, by trying every gap. */
static int64_t model_gap(uint64_t len, uint64_t low, uint64_t high)
{
    int64_t best = -ENOMEM;

    if (high < low || high - low < len)
        return -ENOMEM;
    for (size_t i = 0; i <= model_n; i++) {
        uint64_t lo = i ? model[i - 1].end : 0, hi = i < model_n ? model[i].start : UINT64_MAX;
        if (lo < low)
            lo = low;
        if (hi > high)
            hi = high;
        if (hi >= lo && hi - lo >= len)
            best = (int64_t)(hi - len);
    }
    return best;
}

static bool op_gap(void)
{
    uint64_t len = PG(1 + rng_below(32));
    uint64_t low = rng_below(4) ? PG(rng_below(UNI_HI / PAGE_SIZE)) : 0;
    uint64_t high = rng_below(4) ? low + PG(rng_below(UNI_HI / PAGE_SIZE)) : USER_TOP;
    int64_t got, want = model_gap(len, low, high);

    vma_gaps_settle(&mm);                 /* as get_unmapped_area does */
    got = unmapped_area_topdown(&mm, len, low, high);

    if (got != want)
        return found("unmapped_area_topdown(len %#lx, [%#lx, %#lx)) = %#lx, expected %#lx",
                     len, low, high, (uint64_t)got, (uint64_t)want);
    return true;
}

static bool op_find(void)
{
    uint64_t addr = rng_below(UNI_HI + PG(4));
    size_t i = model_find(addr);
    const struct vm_area_struct *v = find_vma(&mm, addr);

    if (i == model_n ? v != NULL : (!v || v->vm_start != model[i].start))
        return found("find_vma(%#lx) = %#lx", addr, v ? v->vm_start : 0);
    return true;
}

static bool op_mprotect(void)
{
    return range_op(false);
}

static bool op_munmap(void)
{
    return range_op(true);
}

/* The operations and how often each runs: op i when a dice in 0..99 is
 * below upto[i] and not below upto[i - 1]. */
static const struct model_op {
    const char *name;
    bool (*run)(void);
    unsigned upto;
} model_ops_table[] = {
    { "insert", op_insert, 12 },
    { "remove", op_remove, 30 },
    { "split", op_split, 45 },
    { "merge", op_merge, 55 },
    { "mprotect", op_mprotect, 67 },
    { "munmap", op_munmap, 72 },
    { "gap search", op_gap, 86 },
    { "find_vma", op_find, 100 },
};

/* pick_op: a random operation.  Below MODEL_TARGET VMAs, inserts take the
 * removes' share too, so the count hovers near the target. */
static const struct model_op *pick_op(void)
{
    unsigned dice = (unsigned)rng_below(100);
    size_t i = 0;

    if (model_n == 0 || (model_n < MODEL_TARGET && dice < model_ops_table[1].upto))
        return &model_ops_table[0];
    while (dice >= model_ops_table[i].upto)
        i++;
    return &model_ops_table[i];
}

TEST(model_check_a_million_random_operations)
{
    const char *env = getenv("VMA_SEED");
    uint64_t seed = env ? strtoull(env, NULL, 0) : 0x5eed0fa11ull;
    uint64_t max_seen = 0;

    printf("model check: seed %#lx (set VMA_SEED to change it), %d operations\n", seed,
           MODEL_OPS);
    rng_seed(seed);
    mm_free_vmas(&mm);
    model_n = 0;
    open_refs = 0;
    for (long op = 0; op < MODEL_OPS; op++) {
        const struct model_op *o = pick_op();
        if (!o->run() || !compare_with_model()) {
            check_failed(__FILE__, __LINE__, "operation %ld (%s), seed %#lx: %s", op, o->name,
                         seed, problem);
            return;
        }
        if (model_n > max_seen)
            max_seen = model_n;
    }
    printf("model check: up to %lu VMAs at once, %zu at the end\n", max_seen, model_n);
    while (mm.mmap) {
        struct vm_area_struct *v = mm.mmap;
        vma_tree_remove(&mm, v);
        v->vm_ops->close(v);
        vm_area_free(v);
    }
    CHECK_EQ(0, open_refs);
    CHECK_EQ(0, vma_shim_live);
}

/* ==== named tests ======================================================= */

/* fresh: an empty address space (frees what the last test left). */
static void fresh(void)
{
    mm_free_vmas(&mm);
    sysctl_max_map_count = 1048576;
    vma_shim_fail_after(-1);
}

/* insert_n: n one-page VMAs two pages apart, inserted in `order`. */
static void insert_n(const uint64_t *order, uint64_t n)
{
    for (uint64_t i = 0; i < n; i++)
        vma_add(&mm, PG(2 * order[i] + 1), PG(2 * order[i] + 2), VM_READ);
}

TEST(insert_in_order_stays_balanced)
{
    static uint64_t order[4096];

    fresh();
    for (uint64_t i = 0; i < 4096; i++)
        order[i] = i;
    for (uint64_t i = 0; i < 4096; i++) {
        insert_n(&order[i], 1);
        CHECK(avl_height_ok(&mm));
    }
    CHECK_EQ(0, vma_tree_check(&mm));
    CHECK_EQ(13, mm.vma_root->vm_height);   /* 4096 = 2^12 nodes: 13 levels at most */
}

TEST(insert_in_reverse_stays_balanced)
{
    static uint64_t order[4096];

    fresh();
    for (uint64_t i = 0; i < 4096; i++)
        order[i] = 4095 - i;
    for (uint64_t i = 0; i < 4096; i++) {
        insert_n(&order[i], 1);
        CHECK(avl_height_ok(&mm));
    }
    CHECK_EQ(0, vma_tree_check(&mm));
    CHECK_EQ(4096, mm.map_count);
}

TEST(insert_random_stays_balanced)
{
    static uint64_t order[4096];

    fresh();
    rng_seed(42);
    shuffle(order, 4096);
    for (uint64_t i = 0; i < 4096; i++) {
        insert_n(&order[i], 1);
        CHECK(avl_height_ok(&mm));
    }
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(remove_random_stays_balanced)
{
    static uint64_t order[4096];

    fresh();
    rng_seed(7);
    shuffle(order, 4096);
    insert_n(order, 4096);
    shuffle(order, 4096);
    for (uint64_t i = 0; i < 4096; i++) {
        struct vm_area_struct *v = find_vma(&mm, PG(2 * order[i] + 1));
        CHECK(v != NULL);
        vma_tree_remove(&mm, v);
        vm_area_free(v);
        CHECK(avl_height_ok(&mm));
        if (i % 256 == 0)
            CHECK_EQ(0, vma_tree_check(&mm));
    }
    CHECK(mm.vma_root == NULL && mm.mmap == NULL);
    CHECK_EQ(0, mm.map_count);
}

TEST(insert_in_front_shrinks_successor_gap)
{
    struct vm_area_struct *b;

    fresh();
    b = vma_add(&mm, PG(100), PG(101), VM_READ);
    CHECK_EQ(PG(100), vma_gap(b));
    vma_gaps_settle(&mm);   /* shrinks wait until settled */
    CHECK_EQ(PG(100), mm.vma_root->vm_subtree_gap);
    vma_add(&mm, PG(10), PG(90), VM_READ);
    CHECK_EQ(PG(10), vma_gap(b));
    vma_gaps_settle(&mm);   /* shrinks wait until settled */
    CHECK_EQ(PG(10), mm.vma_root->vm_subtree_gap);
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(insert_in_front_updates_gaps_deep_in_tree)
{
    fresh();
    /* 64 VMAs with one-page gaps, and one ten-page gap in the middle */
    for (uint64_t i = 0; i < 64; i++) {
        uint64_t start = PG(2 * i + 1) + (i >= 32 ? PG(9) : 0);
        vma_add(&mm, start, start + PAGE_SIZE, VM_READ);
    }
    vma_gaps_settle(&mm);   /* shrinks wait until settled */
    CHECK_EQ(PG(10), mm.vma_root->vm_subtree_gap);
    /* fill most of the big gap from below: the largest is now 2 pages */
    vma_add(&mm, PG(64), PG(72), VM_READ);
    vma_gaps_settle(&mm);   /* shrinks wait until settled */
    CHECK_EQ(PG(2), mm.vma_root->vm_subtree_gap);
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(remove_grows_successor_gap)
{
    struct vm_area_struct *a, *b, *c;

    fresh();
    a = vma_add(&mm, PG(1), PG(2), VM_READ);
    b = vma_add(&mm, PG(3), PG(4), VM_READ);
    c = vma_add(&mm, PG(5), PG(6), VM_READ);
    vma_tree_remove(&mm, b);
    vm_area_free(b);
    CHECK_EQ(PG(3), vma_gap(c));
    vma_gaps_settle(&mm);   /* shrinks wait until settled */
    CHECK_EQ(PG(3), mm.vma_root->vm_subtree_gap);
    CHECK(a->vm_next == c && c->vm_prev == a);
    CHECK_EQ(0, vma_tree_check(&mm));
    vma_tree_remove(&mm, a);
    vm_area_free(a);
    CHECK_EQ(PG(5), vma_gap(c));
    CHECK(mm.mmap == c && mm.vma_root == c);
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(remove_node_with_two_children_keeps_order)
{
    fresh();
    for (uint64_t i = 0; i < 15; i++)
        vma_add(&mm, PG(2 * i + 1), PG(2 * i + 2), VM_READ);
    while (mm.vma_root && mm.vma_root->vm_left && mm.vma_root->vm_right) {
        struct vm_area_struct *root = mm.vma_root;
        vma_tree_remove(&mm, root);
        vm_area_free(root);
        CHECK_EQ(0, vma_tree_check(&mm));
    }
}

TEST(set_range_shrinking_updates_both_gaps)
{
    struct vm_area_struct *a, *b;

    fresh();
    a = vma_add(&mm, PG(10), PG(20), VM_READ);
    b = vma_add(&mm, PG(21), PG(22), VM_READ);
    vma_set_range(a, PG(12), PG(15));
    CHECK_EQ(PG(12), vma_gap(a));
    CHECK_EQ(PG(6), vma_gap(b));
    vma_gaps_settle(&mm);   /* shrinks wait until settled */
    CHECK_EQ(PG(12), mm.vma_root->vm_subtree_gap);
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(set_range_growing_updates_both_gaps)
{
    struct vm_area_struct *a, *b;

    fresh();
    a = vma_add(&mm, PG(10), PG(20), VM_READ);
    b = vma_add(&mm, PG(40), PG(41), VM_READ);
    vma_set_range(a, PG(2), PG(39));
    CHECK_EQ(PG(2), vma_gap(a));
    CHECK_EQ(PG(1), vma_gap(b));
    vma_gaps_settle(&mm);   /* shrinks wait until settled */
    CHECK_EQ(PG(2), mm.vma_root->vm_subtree_gap);
    CHECK_EQ(0, vma_tree_check(&mm));
}

/* The walks after a change stop where nothing changes any more.  These
 * tests show it by planting a wrong value at the root, which a walk that
 * went on to the root would recompute and overwrite. */

TEST(insert_walk_stops_where_a_rotation_restores_the_height)
{
    int32_t root_height;

    fresh();
    for (uint64_t i = 0; i < 16; i++)
        vma_add(&mm, PG(2 * i + 1), PG(2 * i + 2), VM_READ);
    root_height = mm.vma_root->vm_height;
    mm.vma_root->vm_height = 99;
    /* a 17th at the top end: the 16th rotates up over its parent, and the
     * subtree there is as high as before */
    vma_add(&mm, PG(2 * 16 + 1), PG(2 * 16 + 2), VM_READ);
    CHECK_EQ(99, mm.vma_root->vm_height);
    mm.vma_root->vm_height = root_height;
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(gap_walk_stops_at_an_unchanged_subtree_gap)
{
    struct vm_area_struct *v[15];
    uint64_t root_gap;

    /* 15 VMAs of two pages in order (a perfect tree: VMA 7 at the root,
     * VMA 3 with VMAs 1 and 5 below it), two-page gaps, and ten pages in
     * front of VMA 5 */
    fresh();
    for (uint64_t i = 0; i < 15; i++) {
        uint64_t start = PG(4 * i + 2) + (i >= 5 ? PG(8) : 0);
        v[i] = vma_add(&mm, start, start + PG(2), VM_READ);
    }
    CHECK(mm.vma_root == v[7] && v[3]->vm_right == v[5]);
    root_gap = mm.vma_root->vm_subtree_gap;
    mm.vma_root->vm_subtree_gap = 1;
    /* VMA 2 shrinks: VMA 3's gap grows to three pages, but VMA 3's subtree
     * gap stays ten (VMA 5's): the walk stops there */
    vma_set_range(v[2], v[2]->vm_start, v[2]->vm_end - PAGE_SIZE);
    CHECK_EQ(PG(3), vma_gap(v[3]));
    CHECK_EQ(PG(10), v[3]->vm_subtree_gap);
    CHECK_EQ(1, mm.vma_root->vm_subtree_gap);
    mm.vma_root->vm_subtree_gap = root_gap;
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(set_range_into_a_neighbour_panics)
{
    struct vm_area_struct *a;

    fresh();
    a = vma_add(&mm, PG(10), PG(20), VM_READ);
    vma_add(&mm, PG(30), PG(31), VM_READ);
    CHECK_PANICS(vma_set_range(a, PG(10), PG(31)), "overlaps");
    a->vm_end = PG(20);                   /* undo what the panic left */
}

TEST(insert_overlapping_panics)
{
    struct vm_area_struct *v = vm_area_alloc(&mm);

    fresh();
    vma_add(&mm, PG(10), PG(20), VM_READ);
    v->vm_start = PG(19);
    v->vm_end = PG(21);
    CHECK_PANICS(vma_tree_insert(&mm, v), "overlaps");
    vm_area_free(v);
}

TEST(vma_last_is_highest)
{
    static uint64_t order[1000];

    fresh();
    CHECK(vma_last(&mm) == NULL);
    rng_seed(3);
    shuffle(order, 1000);
    insert_n(order, 1000);
    CHECK_EQ(PG(2 * 999 + 1), vma_last(&mm)->vm_start);
    CHECK(vma_last(&mm)->vm_next == NULL);
}

TEST(dup_copies_everything_but_links)
{
    struct vm_area_struct *a, *b, *d;

    fresh();
    a = vma_add(&mm, PG(1), PG(2), VM_READ | VM_WRITE);
    b = vma_add(&mm, PG(3), PG(4), VM_READ);
    b->vm_private_data = &mm;
    d = vm_area_dup(b);
    CHECK(d != NULL);
    CHECK(d->vm_prev == NULL && d->vm_next == NULL && d->vm_parent == NULL);
    CHECK(d->vm_left == NULL && d->vm_right == NULL);
    CHECK(d->vm_private_data == &mm && d->vm_mm == &mm);
    CHECK_EQ(b->vm_start, d->vm_start);
    CHECK_EQ(b->vm_flags, d->vm_flags);
    CHECK(a->vm_next == b);
    vm_area_free(d);
}

/* ---- the checker catches corruption ----------------------------------- */

/* small_tree: seven VMAs, enough for a root with grandchildren. */
static void small_tree(void)
{
    fresh();
    for (uint64_t i = 0; i < 7; i++)
        vma_add(&mm, PG(3 * i + 1), PG(3 * i + 2), VM_READ);
}

TEST(tree_check_catches_wrong_subtree_gap)
{
    struct vm_area_struct *leaf;

    small_tree();
    leaf = mm.vma_root->vm_left->vm_left;
    leaf->vm_subtree_gap += PAGE_SIZE;
    CHECK_EQ(-1, vma_tree_check(&mm));
    leaf->vm_subtree_gap -= PAGE_SIZE;
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(tree_check_catches_wrong_height)
{
    small_tree();
    mm.vma_root->vm_right->vm_height++;
    CHECK_EQ(-1, vma_tree_check(&mm));
    mm.vma_root->vm_right->vm_height--;
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(tree_check_catches_wrong_parent)
{
    struct vm_area_struct *leaf;

    small_tree();
    leaf = mm.vma_root->vm_right->vm_right;
    leaf->vm_parent = mm.vma_root;
    CHECK_EQ(-1, vma_tree_check(&mm));
    leaf->vm_parent = mm.vma_root->vm_right;
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(tree_check_catches_unbalanced_tree)
{
    struct vm_area_struct *a, *b, *c;

    fresh();
    a = vma_add(&mm, PG(1), PG(2), VM_READ);
    b = vma_add(&mm, PG(3), PG(4), VM_READ);
    c = vma_add(&mm, PG(5), PG(6), VM_READ);
    /* relink as a chain a -> b -> c, with heights and gaps made consistent */
    mm.vma_root = a;
    a->vm_parent = NULL;
    a->vm_left = NULL;
    a->vm_right = b;
    b->vm_parent = a;
    b->vm_left = NULL;
    b->vm_right = c;
    c->vm_parent = b;
    a->vm_height = 3;
    b->vm_height = 2;
    CHECK_EQ(-1, vma_tree_check(&mm));
}

TEST(tree_check_catches_wrong_map_count)
{
    small_tree();
    mm.map_count++;
    CHECK_EQ(-1, vma_tree_check(&mm));
    mm.map_count -= 2;
    CHECK_EQ(-1, vma_tree_check(&mm));
    mm.map_count++;
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(tree_check_catches_overlap_and_misalignment)
{
    struct vm_area_struct *v;

    small_tree();
    v = mm.mmap->vm_next;
    v->vm_start -= PG(3);                 /* now overlaps its predecessor */
    CHECK_EQ(-1, vma_tree_check(&mm));
    v->vm_start += PG(3) + 8;             /* not page-aligned */
    CHECK_EQ(-1, vma_tree_check(&mm));
    v->vm_start -= 8;
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(tree_check_catches_list_tree_disagreement)
{
    struct vm_area_struct *v;

    small_tree();
    v = mm.mmap;
    mm.mmap = v->vm_next;                 /* the list skips the lowest VMA */
    mm.mmap->vm_prev = NULL;
    mm.map_count--;
    CHECK_EQ(-1, vma_tree_check(&mm));
    mm.mmap->vm_prev = v;
    mm.mmap = v;
    mm.map_count++;
    CHECK_EQ(0, vma_tree_check(&mm));
}

/* ---- vma_split_range --------------------------------------------------- */

TEST(split_range_inside_one_vma_makes_three)
{
    struct vm_area_struct *first;

    fresh();
    vma_add(&mm, PG(10), PG(20), VM_READ);
    CHECK_EQ(0, vma_split_range(&mm, PG(12), PG(15), &first));
    CHECK_STR("a000-c000 c000-f000 f000-14000", vma_layout(&mm));
    CHECK_EQ(PG(12), first->vm_start);
    CHECK_EQ(PG(15), first->vm_end);
    CHECK_EQ(12, first->vm_pgoff);
    CHECK_EQ(15, first->vm_next->vm_pgoff);
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(split_range_on_boundaries_changes_nothing)
{
    struct vm_area_struct *first, *b;

    fresh();
    vma_add(&mm, PG(10), PG(20), VM_READ);
    b = vma_add(&mm, PG(20), PG(30), VM_READ);
    CHECK_EQ(0, vma_split_range(&mm, PG(20), PG(30), &first));
    CHECK(first == b);
    CHECK_EQ(2, mm.map_count);
}

TEST(split_range_over_holes_and_several_vmas)
{
    struct vm_area_struct *first;

    fresh();
    vma_add(&mm, PG(10), PG(20), VM_READ);
    vma_add(&mm, PG(25), PG(27), VM_READ);
    vma_add(&mm, PG(30), PG(40), VM_READ);
    CHECK_EQ(0, vma_split_range(&mm, PG(15), PG(35), &first));
    CHECK_STR("a000-f000 f000-14000 19000-1b000 1e000-23000 23000-28000", vma_layout(&mm));
    CHECK_EQ(PG(15), first->vm_start);
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(split_range_in_a_hole_gives_null)
{
    struct vm_area_struct *first = (struct vm_area_struct *)1;

    fresh();
    vma_add(&mm, PG(10), PG(20), VM_READ);
    vma_add(&mm, PG(30), PG(40), VM_READ);
    CHECK_EQ(0, vma_split_range(&mm, PG(20), PG(30), &first));
    CHECK(first == NULL);
    CHECK_EQ(0, vma_split_range(&mm, PG(50), PG(60), &first));
    CHECK(first == NULL);
    CHECK_EQ(2, mm.map_count);
}

TEST(split_range_hole_then_vma_gives_that_vma)
{
    struct vm_area_struct *first, *b;

    fresh();
    vma_add(&mm, PG(10), PG(20), VM_READ);
    b = vma_add(&mm, PG(30), PG(40), VM_READ);
    CHECK_EQ(0, vma_split_range(&mm, PG(22), PG(35), &first));
    CHECK(first == b);
    CHECK_STR("a000-14000 1e000-23000 23000-28000", vma_layout(&mm));
}

TEST(split_range_at_map_count_limit_changes_nothing)
{
    struct vm_area_struct *first;

    fresh();
    vma_add(&mm, PG(10), PG(20), VM_READ);
    sysctl_max_map_count = 2;             /* two splits would need 3 */
    CHECK_EQ(-ENOMEM, vma_split_range(&mm, PG(12), PG(15), &first));
    CHECK(first == NULL);
    CHECK_STR("a000-14000", vma_layout(&mm));
    CHECK_EQ(0, vma_split_range(&mm, PG(12), PG(20), &first));  /* one is fine */
    CHECK_STR("a000-c000 c000-14000", vma_layout(&mm));
    sysctl_max_map_count = 1048576;
}

TEST(split_range_allocation_failure_leaves_valid_tree)
{
    struct vm_area_struct *first;

    fresh();
    vma_add(&mm, PG(10), PG(20), VM_READ);
    vma_shim_fail_after(0);               /* the first split fails */
    CHECK_EQ(-ENOMEM, vma_split_range(&mm, PG(12), PG(15), &first));
    CHECK_STR("a000-14000", vma_layout(&mm));
    vma_shim_fail_after(1);               /* the split at end works, at start fails */
    CHECK_EQ(-ENOMEM, vma_split_range(&mm, PG(12), PG(15), &first));
    vma_shim_fail_after(-1);
    CHECK_STR("a000-f000 f000-14000", vma_layout(&mm));
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(mprotect_recipe_merges_at_both_ends)
{
    struct vm_area_struct *first;
    uint64_t s = PG(12), e = PG(16);

    /* [10,14) R and [14,20) RW; make [12,16) RW: expect [10,12) R, [12,20) RW */
    fresh();
    model_n = 0;
    vma_add(&mm, PG(10), PG(14), VM_READ);
    vma_add(&mm, PG(14), PG(20), VM_READ | VM_WRITE);
    model[model_n++] = (struct mrange){ PG(10), PG(14), VM_READ };
    model[model_n++] = (struct mrange){ PG(14), PG(20), VM_READ | VM_WRITE };
    CHECK_EQ(0, vma_split_range(&mm, s, e, &first));
    CHECK(first != NULL);
    model_cut(s);
    model_cut(e);
    set_flags(first, s, e, VM_READ | VM_WRITE);
    CHECK(mprotect_like(first->vm_start, e));
    CHECK_STR("a000-c000 c000-14000", vma_layout(&mm));
    CHECK_EQ(VM_READ | VM_WRITE, mm.mmap->vm_next->vm_flags);
    CHECK_EQ(0, vma_tree_check(&mm));
}

/* ---- a large tree ------------------------------------------------------ */

TEST(large_tree_of_100000_vmas)
{
    enum { N = 100000 };
    static uint64_t order[N];

    fresh();
    rng_seed(100000);
    shuffle(order, N);
    /* VMA i: 1 to 4 pages at page 8 i + 1: gaps of 4 to 7 pages, and a few
     * holes of 15 where i % 1000 == 999 is left out */
    for (uint64_t k = 0; k < N; k++) {
        uint64_t i = order[k];
        if (i % 1000 != 999)
            vma_add(&mm, PG(8 * i + 1), PG(8 * i + 2 + i % 4), VM_READ);
    }
    CHECK(avl_height_ok(&mm));
    CHECK_EQ(0, vma_tree_check(&mm));
    for (int q = 0; q < 200; q++) {
        uint64_t len = PG(1 + rng_below(16));
        uint64_t low = PG(rng_below(8 * N)), high = low + PG(rng_below(8 * N));
        CHECK_EQ(vma_gap_brute_force(&mm, len, low, high),
                 unmapped_area_topdown(&mm, len, low, high));
    }
    /* remove every other VMA, in random order */
    for (uint64_t k = 0; k < N; k++) {
        struct vm_area_struct *v = find_vma(&mm, PG(8 * order[k] + 1));
        if (order[k] % 2 == 0 && v && v->vm_start == PG(8 * order[k] + 1)) {
            vma_tree_remove(&mm, v);
            vm_area_free(v);
        }
    }
    CHECK(avl_height_ok(&mm));
    CHECK_EQ(0, vma_tree_check(&mm));
    vma_gaps_settle(&mm);
    CHECK_EQ(vma_gap_brute_force(&mm, PG(9), 0, PG(8 * N)),
             unmapped_area_topdown(&mm, PG(9), 0, PG(8 * N)));
}

/* Shortcuts (vma_tree.c): a shrinking gap is not carried up at once. */
TEST(gap_shrink_waits_until_settled)
{
    struct vm_area_struct *a, *b;

    fresh();
    a = vma_add(&mm, PG(10), PG(20), VM_READ);
    b = vma_add(&mm, PG(100), PG(101), VM_READ);
    CHECK_EQ(PG(80), mm.vma_root->vm_subtree_gap);
    vma_set_range(a, PG(10), PG(99));           /* b's gap: 80 pages -> 1 */
    CHECK_EQ(PG(1), vma_gap(b));
    CHECK_EQ(PG(80), mm.vma_root->vm_subtree_gap);   /* too high, but pending */
    CHECK_EQ(1, (long)mm.gap_pending_count);
    CHECK_EQ(0, vma_tree_check(&mm));          /* allowed while pending */
    vma_gaps_settle(&mm);
    CHECK_EQ(0, (long)mm.gap_pending_count);
    CHECK_EQ(PG(10), mm.vma_root->vm_subtree_gap);
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(a_too_high_gap_outside_the_pending_list_is_reported)
{
    fresh();
    vma_add(&mm, PG(10), PG(20), VM_READ);
    vma_add(&mm, PG(30), PG(31), VM_READ);
    mm.vma_root->vm_subtree_gap += PAGE_SIZE;
    CHECK_EQ(-1, vma_tree_check(&mm));
    mm.vma_root->vm_subtree_gap -= PAGE_SIZE;
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(insert_beside_the_hint_needs_no_search)
{
    struct vm_area_struct *a, *b, *c;

    fresh();
    for (uint64_t i = 0; i < 64; i++)
        vma_add(&mm, PG(4 * i + 1), PG(4 * i + 2), VM_READ);
    a = find_vma(&mm, PG(4 * 40 + 1));
    vma_set_range(a, PG(4 * 40 + 1), PG(4 * 40 + 3));   /* a becomes the hint */
    CHECK(mm.vma_hint == a);
    b = vma_add(&mm, PG(4 * 40 + 3), PG(4 * 40 + 4), VM_READ);   /* right after a */
    CHECK(a->vm_next == b && b->vm_prev == a);
    c = vma_add(&mm, PG(4 * 40), PG(4 * 40 + 1), VM_READ);       /* right before a */
    CHECK(c->vm_next == a && a->vm_prev == c);
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(hints_never_outlive_their_vma)
{
    struct vm_area_struct *a;

    fresh();
    vma_add(&mm, PG(10), PG(20), VM_READ);
    a = vma_add(&mm, PG(30), PG(40), VM_READ);
    mm.gap_hint = a;
    mm.gap_hint_len = PG(1);
    vma_tree_remove(&mm, a);
    CHECK(mm.vma_hint != a && mm.gap_hint == NULL);   /* a had no successor */
    vm_area_free(a);
    CHECK_EQ(0, vma_tree_check(&mm));
}
