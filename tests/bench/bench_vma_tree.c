/*
 * tests/bench/bench_vma_tree.c - how the VMA operations scale: nanoseconds
 * per operation with 1, 1,000, 100,000 and 1,000,000 VMAs in one address
 * space.  Built at -O2 without sanitizers (mk/bench.mk); run with
 * `make bench-host`.  Nothing is asserted: the numbers should grow like
 * log n, i.e. stay nearly flat across the table.
 *
 * The address space: VMA i lies in slot i (16 pages wide), covers its
 * first 3 to 12 pages, and leaves a gap of 4 to 13 pages before the next
 * slot.  The operations pick random slots and addresses:
 *
 *   find_vma        a random address, mapped or not
 *   find (local)    the same within a window of 512 neighbouring slots:
 *                   the bottom of the path stays in the cache, so what is
 *                   left is the cost of the log n steps themselves
 *   insert+remove   a one-page VMA into the free end of a slot, and out
 *   split+merge     mprotect-like: vma_split_range cuts one page out of a
 *                   VMA's middle, its flags change, change back, and
 *                   vma_merge_neighbours makes one VMA again
 *   gap search      unmapped_area_topdown, 1 to 16 pages, random limits
 *   mmap gap        unmapped_area_topdown as mmap calls it: a "stack" VMA
 *                   far above the slots, whose long gap lies above the
 *                   high limit ("mmap_base", just over the last slot), and
 *                   a length of 16 pages, which only the gap below the
 *                   lowest VMA holds: the answer is at the other end of
 *                   the tree
 */
#include "shim/vma_alloc_shim.h"

#include <mm/mm.h>
#include <mm/vma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PG(n)       ((uint64_t)(n) * PAGE_SIZE)
#define SLOT_PAGES  16
#define BASE        PG(16)
#define RUNS        5
#define RUN_NS      40e6         /* each timed run lasts at least this long */
#define BATCH       (1u << 16)   /* precomputed random inputs, reused cyclically */
#define WINDOW      512          /* slots in the window of find (local) */

static struct mm_struct mm;
static uint64_t nslots;
static uint64_t inputs[BATCH], inputs2[BATCH], local_inputs[BATCH];
static volatile uint64_t sink;   /* keeps results alive */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

/* rng: the next random number of the bench's fixed sequence. */
static uint64_t rng(void)
{
    return vma_test_rng(&rng_state);
}

/* slot_start: where slot i (and VMA i) begins. */
static uint64_t slot_start(uint64_t i)
{
    return BASE + PG(i * SLOT_PAGES);
}

/* slot_vma_pages: VMA i's length in pages, 3 to 12, fixed per slot. */
static uint64_t slot_vma_pages(uint64_t i)
{
    return 3 + (i * 7919) % 10;
}

/* now_ns: CLOCK_MONOTONIC in nanoseconds. */
static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* build: n VMAs, one per slot, inserted in random order. */
static void build(uint64_t n)
{
    uint64_t *order = malloc(n * sizeof(*order));

    mm_free_vmas(&mm);
    nslots = n;
    for (uint64_t i = 0; i < n; i++)
        order[i] = i;
    for (uint64_t i = n; i > 1; i--) {
        uint64_t j = rng() % i, t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
    for (uint64_t k = 0; k < n; k++) {
        uint64_t i = order[k];
        vma_add(&mm, slot_start(i), slot_start(i) + PG(slot_vma_pages(i)),
                VM_READ | VM_WRITE);
    }
    free(order);
}

/* bench_find .. bench_mmap_gap: `iters` operations of one kind (see the top). */
static void bench_find(uint64_t iters)
{
    for (uint64_t k = 0; k < iters; k++) {
        const struct vm_area_struct *v = find_vma(&mm, inputs[k % BATCH]);
        sink += v ? v->vm_start : 0;
    }
}

static void bench_find_local(uint64_t iters)
{
    for (uint64_t k = 0; k < iters; k++) {
        const struct vm_area_struct *v = find_vma(&mm, local_inputs[k % BATCH]);
        sink += v ? v->vm_start : 0;
    }
}

static void bench_insert_remove(uint64_t iters)
{
    static struct vm_area_struct extra;

    for (uint64_t k = 0; k < iters; k++) {
        uint64_t start = slot_start(inputs[k % BATCH] % nslots) + PG(SLOT_PAGES - 2);
        extra.vm_start = start;
        extra.vm_end = start + PAGE_SIZE;
        vma_tree_insert(&mm, &extra);
        vma_tree_remove(&mm, &extra);
    }
}

static void bench_split_merge(uint64_t iters)
{
    for (uint64_t k = 0; k < iters; k++) {
        uint64_t i = inputs[k % BATCH] % nslots;
        uint64_t page = slot_start(i) + PG(1 + inputs2[k % BATCH] % (slot_vma_pages(i) - 2));
        struct vm_area_struct *mid;

        if (vma_split_range(&mm, page, page + PAGE_SIZE, &mid) != 0) {
            fprintf(stderr, "bench: vma_split_range failed\n");
            exit(1);
        }
        mid->vm_flags = VM_READ;                  /* mprotect(PROT_READ) ... */
        mid->vm_flags = VM_READ | VM_WRITE;       /* ... and back */
        sink += vma_merge_neighbours(&mm, mid)->vm_start;
    }
}

static void bench_gap(uint64_t iters)
{
    uint64_t top = slot_start(nslots) + PG(64);

    vma_gaps_settle(&mm);                 /* the kernel settles before searching */
    for (uint64_t k = 0; k < iters; k++) {
        uint64_t r = inputs2[k % BATCH];
        uint64_t high = BASE + PG(inputs[k % BATCH] % (top / PAGE_SIZE));
        uint64_t low = (r & 1) ? 0 : PG((r >> 8) % (high / PAGE_SIZE + 1));
        sink += (uint64_t)unmapped_area_topdown(&mm, PG(1 + (r >> 1) % 16), low, high);
    }
}

static void bench_mmap_gap(uint64_t iters)
{
    uint64_t mmap_base = slot_start(nslots);

    vma_gaps_settle(&mm);
    for (uint64_t k = 0; k < iters; k++)
        sink += (uint64_t)unmapped_area_topdown(&mm, PG(SLOT_PAGES), 0, mmap_base);
}

/* add_stack, remove_stack: the far "stack" VMA of bench_mmap_gap. */
static struct vm_area_struct *add_stack(void)
{
    uint64_t start = slot_start(nslots) + (1ull << 30);
    return vma_add(&mm, start, start + PG(32), VM_READ | VM_WRITE);
}

static void remove_stack(struct vm_area_struct *stack)
{
    vma_tree_remove(&mm, stack);
    vm_area_free(stack);
}

/* compare_double: for qsort. */
static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* median_ns: ns per operation of fn, the median of RUNS timed runs.  The
 * number of operations per run doubles until a run lasts RUN_NS (which
 * also warms the caches). */
static double median_ns(void (*fn)(uint64_t))
{
    double t[RUNS], t0;
    uint64_t iters = 1000;

    for (;; iters *= 2) {
        t0 = now_ns();
        fn(iters);
        if (now_ns() - t0 >= RUN_NS)
            break;
    }
    for (int r = 0; r < RUNS; r++) {
        double t0 = now_ns();
        fn(iters);
        t[r] = (now_ns() - t0) / (double)iters;
    }
    qsort(t, RUNS, sizeof(t[0]), compare_double);
    return t[RUNS / 2];
}

/* fill_inputs: fresh random addresses and numbers for the current tree. */
static void fill_inputs(void)
{
    uint64_t span = PG(nslots * SLOT_PAGES + 64);
    uint64_t window = nslots > WINDOW ? WINDOW : nslots;
    uint64_t window_start = slot_start(rng() % (nslots - window + 1));

    for (uint32_t k = 0; k < BATCH; k++) {
        inputs[k] = rng() % (BASE + span);
        inputs2[k] = rng();
        local_inputs[k] = window_start + rng() % PG(window * SLOT_PAGES);
    }
}

int main(void)
{
    static const uint64_t sizes[] = { 1, 1000, 100000, 1000000 };

    printf("VMA tree benchmark: ns per operation, median of %d runs (-O2, no sanitizers)\n",
           RUNS);
    printf("sizeof(struct vm_area_struct) = %zu bytes\n\n", sizeof(struct vm_area_struct));
    printf("%9s %7s %10s %13s %15s %13s %12s %10s\n", "VMAs", "height", "find_vma",
           "find (local)", "insert+remove", "split+merge", "gap search", "mmap gap");
    for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
        double find, local, insrem, splmer, gap, mmap_gap;
        struct vm_area_struct *stack;

        build(sizes[s]);
        fill_inputs();
        find = median_ns(bench_find);
        local = median_ns(bench_find_local);
        insrem = median_ns(bench_insert_remove);
        splmer = median_ns(bench_split_merge);
        gap = median_ns(bench_gap);
        stack = add_stack();
        if (unmapped_area_topdown(&mm, PG(SLOT_PAGES), 0, slot_start(nslots)) != 0) {
            fprintf(stderr, "bench: the mmap gap search missed the gap below the lowest VMA\n");
            return 1;
        }
        mmap_gap = median_ns(bench_mmap_gap);
        remove_stack(stack);
        if (vma_tree_check(&mm) != 0 || mm.map_count != sizes[s]) {
            fprintf(stderr, "bench: the tree is broken after the runs\n");
            return 1;
        }
        printf("%9lu %7d %10.1f %13.1f %15.1f %13.1f %12.1f %10.1f\n", sizes[s],
               mm.vma_root->vm_height, find, local, insrem, splmer, gap, mmap_gap);
        fflush(stdout);
    }
    printf("\nheight: levels of the AVL tree (the steps of one lookup).  With random\n"
           "addresses each level below the cached top of the tree is a cache miss:\n"
           "compare find_vma with find (local) to see the memory latency apart from\n"
           "the log n steps.\n");
    mm_free_vmas(&mm);
    return 0;
}
