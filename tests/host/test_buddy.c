// sources: phase1-vma/mm/buddy.c phase1-vma/mm/pfn_list.c
/*
 * tests/host/test_buddy.c - the buddy allocator against a model: random
 * allocations and frees of random orders, checking after every step that
 * no two live blocks overlap, the free count is exact and the free lists
 * are consistent (buddy_check), and that everything merges back at the end.
 */
#include "check.h"

#include <mm/page_alloc.h>
#include <stdint.h>

#define FRAMES 4096

static void setup(uint64_t frames, uint64_t first_free)
{
    host_frames_init(frames);
    buddy_init();
    buddy_add_free_range(first_free, frames);
}

static uint64_t free_pages_now(void)
{
    struct buddy_stats st;
    buddy_get_stats(&st);
    return st.free_pages;
}

TEST(buddy_starts_with_largest_blocks)
{
    struct buddy_stats st;
    setup(FRAMES, 0);
    buddy_get_stats(&st);
    CHECK_EQ(FRAMES, st.managed_pages);
    CHECK_EQ(FRAMES, st.free_pages);
    CHECK_EQ(FRAMES >> MAX_ORDER, st.free_blocks[MAX_ORDER]);
    CHECK_EQ(0, st.free_blocks[0]);
    CHECK_EQ(0, buddy_check());
}

TEST(buddy_unaligned_range_is_cut_into_aligned_blocks)
{
    struct buddy_stats st;
    setup(1000, 3);   /* frames 3..999 */
    buddy_get_stats(&st);
    CHECK_EQ(997, st.free_pages);
    CHECK_EQ(1, st.free_blocks[0]);   /* frame 3 */
    CHECK_EQ(1, st.free_blocks[2]);   /* frames 4-7 */
    CHECK_EQ(0, buddy_check());
}

TEST(buddy_split_then_merge_back)
{
    struct page *p;
    setup(FRAMES, 0);
    p = alloc_pages(0);
    CHECK(p != NULL);
    CHECK_EQ(1, p->refcount);
    CHECK_EQ(FRAMES - 1, free_pages_now());
    CHECK_EQ(0, buddy_check());
    free_pages(p, 0);
    CHECK_EQ(FRAMES, free_pages_now());
    {
        struct buddy_stats st;
        buddy_get_stats(&st);
        CHECK_EQ(FRAMES >> MAX_ORDER, st.free_blocks[MAX_ORDER]);
        for (int o = 0; o < MAX_ORDER; o++)
            CHECK_EQ(0, st.free_blocks[o]);
    }
}

TEST(buddy_blocks_are_aligned_to_their_order)
{
    setup(FRAMES, 0);
    for (unsigned order = 0; order <= 6; order++) {
        struct page *p = alloc_pages(order);
        CHECK(p != NULL);
        CHECK_EQ(0, page_to_pfn(p) & ((1u << order) - 1));
    }
    CHECK_EQ(0, buddy_check());
}

TEST(buddy_exhaustion_returns_null)
{
    setup(16, 0);
    for (int i = 0; i < 16; i++)
        CHECK(alloc_pages(0) != NULL);
    CHECK(alloc_pages(0) == NULL);
    CHECK(alloc_pages(MAX_ORDER + 1) == NULL);
}

TEST(buddy_random_against_model)
{
    enum { LIVE = 512 };
    struct { struct page *p; unsigned order; } live[LIVE];
    uint8_t owner[FRAMES] = { 0 };   /* model: 1 where a live block is */
    int nlive = 0;
    uint64_t expected_free = FRAMES;

    setup(FRAMES, 0);
    srand(12345);
    for (int step = 0; step < 200000; step++) {
        if (nlive < LIVE && (nlive == 0 || rand() % 2)) {
            unsigned order = (unsigned)(rand() % 5);
            struct page *p = alloc_pages(order);
            if (!p) {
                CHECK(expected_free < (1u << order) * 64);  /* only when nearly full */
                continue;
            }
            for (uint64_t i = 0; i < (1u << order); i++) {
                CHECK_EQ(0, owner[page_to_pfn(p) + i]);
                owner[page_to_pfn(p) + i] = 1;
            }
            live[nlive].p = p;
            live[nlive].order = order;
            nlive++;
            expected_free -= 1u << order;
        } else {
            int k = rand() % nlive;
            for (uint64_t i = 0; i < (1u << live[k].order); i++)
                owner[page_to_pfn(live[k].p) + i] = 0;
            free_pages(live[k].p, live[k].order);
            expected_free += 1u << live[k].order;
            live[k] = live[--nlive];
        }
        CHECK_EQ(expected_free, free_pages_now());
        if (step % 1000 == 0)
            CHECK_EQ(0, buddy_check());
    }
    while (nlive > 0) {
        nlive--;
        free_pages(live[nlive].p, live[nlive].order);
    }
    CHECK_EQ(FRAMES, free_pages_now());
    CHECK_EQ(0, buddy_check());
    {
        struct buddy_stats st;
        buddy_get_stats(&st);
        CHECK_EQ(FRAMES >> MAX_ORDER, st.free_blocks[MAX_ORDER]);
    }
}

TEST(buddy_double_free_panics)
{
    struct page *p;
    setup(FRAMES, 0);
    p = alloc_pages(0);
    free_pages(p, 0);
    CHECK_PANICS(free_pages(p, 0), "double free");
}
