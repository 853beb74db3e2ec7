// sources: phase1-vma/mm/vma_tree.c tests/host/shim/vma_alloc_shim.c lab:lab2_unmapped_area.c
/*
 * tests/host/test_lab2_unmapped_area.c - Lab 2: unmapped_area_topdown.
 * The trees are built with vma_tree_insert directly, so only the gap
 * search is under test.
 */
#include "check.h"
#include "shim/vma_alloc_shim.h"

#include <mm/mm.h>
#include <mm/vma.h>
#include <uapi/errno.h>

#define PG(n) ((uint64_t)(n) * PAGE_SIZE)

static struct mm_struct mm;

/* gaps_1_4_2: VMAs at pages [10,20) [21,30) [34,40) [42,50): gaps of 10
 * (below the first), 1, 4 and 2 pages, and the top gap from page 50. */
static void gaps_1_4_2(void)
{
    mm_free_vmas(&mm);
    vma_add(&mm, PG(34), PG(40), VM_READ);
    vma_add(&mm, PG(10), PG(20), VM_READ);
    vma_add(&mm, PG(42), PG(50), VM_READ);
    vma_add(&mm, PG(21), PG(30), VM_READ);
}

TEST(gap_search_on_empty_mm_returns_top_of_window)
{
    mm_free_vmas(&mm);
    CHECK_EQ(PG(99), unmapped_area_topdown(&mm, PG(1), PG(0), PG(100)));
    CHECK_EQ(USER_TOP - PG(16), unmapped_area_topdown(&mm, PG(16), PG(1), USER_TOP));
}

TEST(gap_search_takes_top_gap_first)
{
    gaps_1_4_2();
    CHECK_EQ(PG(60), unmapped_area_topdown(&mm, PG(4), 0, PG(64)));
}

TEST(gap_search_top_gap_starts_at_last_vma_end)
{
    gaps_1_4_2();
    CHECK_EQ(PG(50), unmapped_area_topdown(&mm, PG(4), 0, PG(54)));
    /* one page short above page 50: the 4-page gap at [30,34) is next */
    CHECK_EQ(PG(30), unmapped_area_topdown(&mm, PG(4), 0, PG(53)));
}

TEST(gap_search_finds_highest_gap_that_fits)
{
    gaps_1_4_2();
    CHECK_EQ(PG(40), unmapped_area_topdown(&mm, PG(2), 0, PG(50)));
    CHECK_EQ(PG(31), unmapped_area_topdown(&mm, PG(3), 0, PG(50)));
    CHECK_EQ(PG(30), unmapped_area_topdown(&mm, PG(4), 0, PG(50)));
    CHECK_EQ(PG(5), unmapped_area_topdown(&mm, PG(5), 0, PG(50)));
}

TEST(gap_search_honours_high_limit)
{
    gaps_1_4_2();
    /* high_limit inside the 4-page gap: the fit ends there */
    CHECK_EQ(PG(30), unmapped_area_topdown(&mm, PG(2), 0, PG(32)));
    /* high_limit inside a VMA: the gaps below it count, not the one above */
    CHECK_EQ(PG(32), unmapped_area_topdown(&mm, PG(2), 0, PG(38)));
    CHECK_EQ(PG(20), unmapped_area_topdown(&mm, PG(1), 0, PG(25)));
}

TEST(gap_search_honours_low_limit)
{
    gaps_1_4_2();
    /* low_limit inside the 4-page gap: only [32,34) of it is left */
    CHECK_EQ(PG(32), unmapped_area_topdown(&mm, PG(2), PG(32), PG(40)));
    CHECK_EQ(-ENOMEM, unmapped_area_topdown(&mm, PG(3), PG(32), PG(40)));
    /* the gap below the first VMA, cut at low_limit */
    CHECK_EQ(PG(4), unmapped_area_topdown(&mm, PG(6), PG(4), PG(20)));
    CHECK_EQ(-ENOMEM, unmapped_area_topdown(&mm, PG(7), PG(4), PG(20)));
}

TEST(gap_search_uses_gap_below_lowest_vma)
{
    gaps_1_4_2();
    CHECK_EQ(PG(0), unmapped_area_topdown(&mm, PG(10), 0, PG(50)));
    CHECK_EQ(PG(3), unmapped_area_topdown(&mm, PG(7), 0, PG(50)));
}

TEST(gap_search_exact_fit)
{
    gaps_1_4_2();
    CHECK_EQ(PG(40), unmapped_area_topdown(&mm, PG(2), PG(40), PG(42)));
    CHECK_EQ(PG(20), unmapped_area_topdown(&mm, PG(1), PG(20), PG(21)));
}

TEST(gap_search_returns_enomem_when_nothing_fits)
{
    gaps_1_4_2();
    CHECK_EQ(-ENOMEM, unmapped_area_topdown(&mm, PG(11), 0, PG(50)));
    CHECK_EQ(-ENOMEM, unmapped_area_topdown(&mm, PG(1), PG(10), PG(20)));  /* all mapped */
    CHECK_EQ(-ENOMEM, unmapped_area_topdown(&mm, PG(2), PG(30), PG(20)));  /* low > high */
    CHECK_EQ(-ENOMEM, unmapped_area_topdown(&mm, PG(8), PG(40), PG(44)));  /* window too small */
}

TEST(gap_search_with_huge_length_does_not_overflow)
{
    gaps_1_4_2();
    CHECK_EQ(-ENOMEM, unmapped_area_topdown(&mm, UINT64_MAX & PAGE_MASK, 0, USER_TOP));
    CHECK_EQ(-ENOMEM, unmapped_area_topdown(&mm, USER_TOP, PG(1), USER_TOP));
}

TEST(gap_search_skips_subtrees_whose_gap_is_too_small)
{
    struct vm_area_struct *left;

    /* 31 one-page VMAs with one-page gaps, inserted in order (a perfect
     * tree, VMA 15 at the root), and one 6-page gap: in front of VMA 3,
     * deep in the root's left subtree.  The top gap is out of reach. */
    mm_free_vmas(&mm);
    for (uint64_t i = 0; i < 31; i++) {
        uint64_t page = 2 * i + 1 + (i >= 3 ? 5 : 0);
        vma_add(&mm, PG(page), PG(page + 1), VM_READ);
    }
    CHECK_EQ(PG(7), unmapped_area_topdown(&mm, PG(5), 0, PG(66)));
    /* pretend the root's left subtree has no long gap: a search that prunes
     * with vm_subtree_gap no longer looks there (a scan of every gap still
     * would) and finds nothing -- while short gaps elsewhere still count */
    left = mm.vma_root->vm_left;
    left->vm_subtree_gap = 0;
    CHECK_EQ(-ENOMEM, unmapped_area_topdown(&mm, PG(5), 0, PG(66)));
    CHECK_EQ(PG(65), unmapped_area_topdown(&mm, PG(1), 0, PG(66)));
    left->vm_subtree_gap = PG(6);
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(gap_search_ignores_long_gap_above_high_limit)
{
    /* the shape of a process: a program low down, mappings under
     * mmap_base (here page 1000), a stack far above it.  The gap in front
     * of the stack is the longest, but only its first 10 pages lie below
     * mmap_base */
    mm_free_vmas(&mm);
    vma_add(&mm, PG(10), PG(20), VM_READ);
    for (uint64_t i = 0; i < 40; i++)
        vma_add(&mm, PG(911 + 2 * i), PG(912 + 2 * i), VM_READ);   /* up to 990 */
    vma_add(&mm, PG(1 << 20), PG((1 << 20) + 8), VM_READ);
    CHECK_EQ(PG(1000 - 10), unmapped_area_topdown(&mm, PG(10), PG(16), PG(1000)));
    /* 11 pages do not fit up there: the gap below the mappings does */
    CHECK_EQ(PG(911 - 11), unmapped_area_topdown(&mm, PG(11), PG(16), PG(1000)));
    CHECK_EQ(-ENOMEM, unmapped_area_topdown(&mm, PG(900), PG(16), PG(1000)));
}

TEST(gap_search_matches_brute_force_on_random_trees)
{
    uint64_t seed = 12345;

    for (int tree = 0; tree < 10; tree++) {
        uint64_t page = 1;
        mm_free_vmas(&mm);
        for (int i = 0; i < 2000; i++) {
            uint64_t pages = 1 + vma_test_rng(&seed) % 4;
            page += 1 + vma_test_rng(&seed) % 16;      /* gaps of 1 to 16 pages */
            vma_add(&mm, PG(page), PG(page + pages), VM_READ);
            page += pages;
        }
        for (int q = 0; q < 2000; q++) {
            uint64_t len = PG(1 + vma_test_rng(&seed) % 32);
            uint64_t low = PG(vma_test_rng(&seed) % (page + 100));
            uint64_t high = low + PG(vma_test_rng(&seed) % (page + 100));
            CHECK_EQ(vma_gap_brute_force(&mm, len, low, high),
                     unmapped_area_topdown(&mm, len, low, high));
        }
    }
}
