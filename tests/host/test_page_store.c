// sources: phase1-vma/mm/page_store.c tests/host/shim/kmalloc_shim.c
/*
 * tests/host/test_page_store.c - the radix tree that holds the pages of a
 * shared memory object, against a model: random inserts, lookups and
 * removals over sparse and dense indices, and every node freed at the end
 * (AddressSanitizer reports any leak or use after free).
 */
#include "check.h"

#include <mm/page_store.h>
#include <stdint.h>

/* Fake pages: the tree never dereferences them. */
static struct page *fake(uint64_t i)
{
    return (struct page *)(uintptr_t)((i + 1) * 64);
}

static uint64_t released;
static void count_release(struct page *p)
{
    (void)p;
    released++;
}

TEST(empty_store_finds_nothing)
{
    struct page_store ps;
    page_store_init(&ps);
    CHECK(page_store_lookup(&ps, 0) == NULL);
    CHECK(page_store_lookup(&ps, 1ull << 40) == NULL);
    CHECK(page_store_remove(&ps, 5) == NULL);
}

TEST(insert_lookup_remove_small_and_huge_indices)
{
    struct page_store ps;
    uint64_t idx[] = { 0, 1, 63, 64, 4095, 4096, 1ull << 28, (1ull << 40) + 3, ~0ull };
    page_store_init(&ps);
    for (unsigned i = 0; i < sizeof(idx) / sizeof(idx[0]); i++)
        CHECK_EQ(0, page_store_insert(&ps, idx[i], fake(i)));
    CHECK_EQ(9, ps.count);
    for (unsigned i = 0; i < sizeof(idx) / sizeof(idx[0]); i++)
        CHECK(page_store_lookup(&ps, idx[i]) == fake(i));
    CHECK(page_store_lookup(&ps, 2) == NULL);
    CHECK(page_store_remove(&ps, 64) == fake(3));
    CHECK(page_store_lookup(&ps, 64) == NULL);
    CHECK_EQ(8, ps.count);
    released = 0;
    page_store_clear(&ps, count_release);
    CHECK_EQ(8, released);
    CHECK_EQ(0, ps.count);
    CHECK(ps.root == NULL);
}

TEST(removing_everything_frees_all_nodes)
{
    struct page_store ps;
    page_store_init(&ps);
    for (uint64_t i = 0; i < 5000; i += 7)
        CHECK_EQ(0, page_store_insert(&ps, i * 1000, fake(i)));
    for (uint64_t i = 0; i < 5000; i += 7)
        CHECK(page_store_remove(&ps, i * 1000) == fake(i));
    CHECK_EQ(0, ps.count);
    CHECK(ps.root == NULL);
}

TEST(random_against_model)
{
    enum { N = 4096 };
    static uint64_t keys[N];
    static int present[N];
    struct page_store ps;
    page_store_init(&ps);
    srand(99);
    for (int i = 0; i < N; i++)
        keys[i] = (rand() % 3 == 0) ? (uint64_t)rand() * 1000003ull : (uint64_t)(rand() % 10000);
    for (int step = 0; step < 200000; step++) {
        int k = rand() % N;
        struct page *found = page_store_lookup(&ps, keys[k]);
        int model = 0;
        for (int j = 0; j < N; j++)      /* duplicates among keys share a slot */
            if (present[j] && keys[j] == keys[k]) {
                model = j + 1;
                break;
            }
        CHECK((found == NULL) == (model == 0));
        if (!found && rand() % 2) {
            CHECK_EQ(0, page_store_insert(&ps, keys[k], fake((uint64_t)k)));
            present[k] = 1;
        } else if (found) {
            CHECK(page_store_remove(&ps, keys[k]) == found);
            present[model - 1] = 0;
        }
    }
    page_store_clear(&ps, count_release);
    CHECK(ps.root == NULL);
}

TEST(next_skips_empty_subtrees)
{
    struct page_store ps;
    static const uint64_t keys[] = { 3, 64, 65, 4095, 1ull << 20, (1ull << 40) + 7 };

    page_store_init(&ps);
    CHECK_EQ(UINT64_MAX, page_store_next(&ps, 0));
    for (unsigned i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        CHECK_EQ(0, page_store_insert(&ps, keys[i], fake(keys[i])));
    CHECK_EQ(3, page_store_next(&ps, 0));
    CHECK_EQ(3, page_store_next(&ps, 3));
    CHECK_EQ(64, page_store_next(&ps, 4));
    CHECK_EQ(65, page_store_next(&ps, 65));
    CHECK_EQ(4095, page_store_next(&ps, 66));
    CHECK_EQ(1ull << 20, page_store_next(&ps, 4096));
    CHECK_EQ((1ull << 40) + 7, page_store_next(&ps, (1ull << 20) + 1));
    CHECK_EQ(UINT64_MAX, page_store_next(&ps, (1ull << 40) + 8));
    CHECK_EQ(UINT64_MAX, page_store_next(&ps, UINT64_MAX));
    page_store_clear(&ps, count_release);
}
