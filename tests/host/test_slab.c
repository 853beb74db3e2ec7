// sources: phase1-vma/mm/slab.c phase1-vma/mm/kmalloc.c phase1-vma/mm/buddy.c phase1-vma/mm/pfn_list.c phase1-vma/mm/vmstat.c
/*
 * tests/host/test_slab.c - the slab caches and kmalloc against a model:
 * random allocations and frees of random sizes, each object filled with a
 * pattern that must survive until it is freed (so no two live objects
 * overlap), exact object and slab counts, every frame back at the end, and
 * the debug checks: double free, bad pointer, wrong cache, use after free.
 */
#include "check.h"

#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <mm/vmstat.h>
#include <stdint.h>

#define FRAMES 8192

static void setup(void)
{
    host_frames_init(FRAMES);
    buddy_init();
    buddy_add_free_range(0, FRAMES);
    list_init(&slab_caches);
    memset(&vmstat, 0, sizeof(vmstat));
}

static uint64_t free_frames(void)
{
    struct buddy_stats st;
    buddy_get_stats(&st);
    return st.free_pages;
}

static void fill(void *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        ((uint8_t *)p)[i] = (uint8_t)(seed * 31 + i);
}

static int intact(const void *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        if (((const uint8_t *)p)[i] != (uint8_t)(seed * 31 + i))
            return 0;
    return 1;
}

TEST(cache_objects_are_distinct_and_aligned)
{
    struct kmem_cache c;
    void *a, *b;
    setup();
    kmem_cache_init(&c, "t48", 48);
    a = kmem_cache_alloc(&c);
    b = kmem_cache_alloc(&c);
    CHECK(a && b && a != b);
    CHECK_EQ(0, (uintptr_t)a % 16);
    CHECK_EQ(48, c.object_size);
    CHECK_EQ(4096 / 48, c.objects_per_slab);
    CHECK_EQ(2, c.active_objects);
    CHECK_EQ(1, c.total_slabs);
    CHECK_EQ(1, vmstat.slab_pages);
}

TEST(cache_rounds_odd_sizes_to_8)
{
    struct kmem_cache c;
    setup();
    kmem_cache_init(&c, "t13", 13);
    CHECK_EQ(16, c.object_size);
    kmem_cache_init(&c, "t1", 1);
    CHECK_EQ(8, c.object_size);
}

TEST(empty_slab_goes_back_to_buddy)
{
    struct kmem_cache c;
    void *objs[200];
    uint64_t before;
    setup();
    before = free_frames();
    kmem_cache_init(&c, "t64", 64);
    for (int i = 0; i < 200; i++)
        objs[i] = kmem_cache_alloc(&c);
    CHECK_EQ(4, c.total_slabs);            /* 64 per slab: 200 -> 4 slabs */
    for (int i = 0; i < 200; i++)
        kmem_cache_free(&c, objs[i]);
    CHECK_EQ(0, c.active_objects);
    CHECK_EQ(0, c.total_slabs);
    CHECK_EQ(before, free_frames());
    CHECK_EQ(0, vmstat.slab_pages);
}

TEST(random_alloc_free_against_model)
{
    enum { LIVE = 3000 };
    static struct { void *p; size_t size; unsigned seed; } live[LIVE];
    int nlive = 0;
    uint64_t before;

    setup();
    kmalloc_init();
    before = free_frames();
    srand(777);
    for (int step = 0; step < 200000; step++) {
        if (nlive < LIVE && (nlive == 0 || rand() % 100 < 55)) {
            size_t size = (rand() % 4 == 0) ? (size_t)(rand() % 20000 + 1) : (size_t)(rand() % 300 + 1);
            void *p = kmalloc(size);
            CHECK(p != NULL);
            fill(p, size, (unsigned)step);
            live[nlive].p = p;
            live[nlive].size = size;
            live[nlive].seed = (unsigned)step;
            nlive++;
        } else {
            int k = rand() % nlive;
            if (!intact(live[k].p, live[k].size, live[k].seed)) {
                check_failed(__FILE__, __LINE__, "object %p (%zu bytes) was overwritten",
                             live[k].p, live[k].size);
                return;
            }
            kfree(live[k].p);
            live[k] = live[--nlive];
        }
    }
    while (nlive > 0) {
        nlive--;
        CHECK(intact(live[nlive].p, live[nlive].size, live[nlive].seed));
        kfree(live[nlive].p);
    }
    CHECK_EQ(before, free_frames());
    CHECK_EQ(0, vmstat.slab_pages);
    CHECK_EQ(0, vmstat.large_kmalloc_pages);
    CHECK_EQ(0, buddy_check());
}

TEST(kzalloc_zeroes)
{
    uint8_t *p;
    int nonzero = 0;
    setup();
    kmalloc_init();
    p = kmalloc(100);
    memset(p, 0xff, 100);
    kfree(p);
    p = kzalloc(100);
    for (int i = 0; i < 100; i++)
        nonzero += p[i] != 0;
    CHECK_EQ(0, nonzero);
    kfree(NULL);   /* allowed, does nothing */
}

TEST(large_kmalloc_uses_whole_frames)
{
    void *p;
    setup();
    kmalloc_init();
    p = kmalloc(3 * 4096 + 1);              /* needs 4 frames: order 2 */
    CHECK(p != NULL);
    CHECK_EQ(0, (uintptr_t)virt_to_phys(p) % (4 * 4096));
    CHECK_EQ(4, vmstat.large_kmalloc_pages);
    kfree(p);
    CHECK_EQ(0, vmstat.large_kmalloc_pages);
}

TEST(double_free_panics)
{
    struct kmem_cache c;
    void *a, *b;
    setup();
    kmem_cache_init(&c, "t32", 32);
    a = kmem_cache_alloc(&c);
    b = kmem_cache_alloc(&c);   /* keeps the slab alive after a is freed */
    (void)b;
    kmem_cache_free(&c, a);
    CHECK_PANICS(kmem_cache_free(&c, a), "double free");
}

TEST(free_of_interior_pointer_panics)
{
    struct kmem_cache c;
    char *a;
    setup();
    kmem_cache_init(&c, "t32", 32);
    a = kmem_cache_alloc(&c);
    CHECK_PANICS(kmem_cache_free(&c, a + 8), "not the start of an object");
}

TEST(free_to_wrong_cache_panics)
{
    struct kmem_cache c1, c2;
    void *a;
    setup();
    kmem_cache_init(&c1, "one", 32);
    kmem_cache_init(&c2, "two", 32);
    a = kmem_cache_alloc(&c1);
    CHECK_PANICS(kmem_cache_free(&c2, a), "belongs to cache one");
}

TEST(kfree_of_non_kmalloc_pointer_panics)
{
    static char not_heap[64];
    setup();
    kmalloc_init();
    CHECK_PANICS(kfree(not_heap), "not a kmalloc() address");
}

TEST(use_after_free_is_detected)
{
    struct kmem_cache c;
    char *a, *b;
    setup();
    kmem_cache_init(&c, "t64", 64);
    a = kmem_cache_alloc(&c);
    b = kmem_cache_alloc(&c);
    (void)b;
    kmem_cache_free(&c, a);
    a[20] = 1;                   /* the bug: a write after free */
    CHECK_PANICS(kmem_cache_alloc(&c), "written after it was freed");
}
