// sources: phase1-vma/mm/vma_tree.c tests/host/shim/vma_alloc_shim.c lab:lab1_find_vma.c
/*
 * tests/host/test_lab1_find_vma.c - Lab 1: find_vma.  The trees are built
 * with vma_tree_insert directly, so only find_vma is under test.
 */
#include "check.h"
#include "shim/vma_alloc_shim.h"

#include <mm/mm.h>
#include <mm/vma.h>

#define PG(n) ((uint64_t)(n) * PAGE_SIZE)

static struct mm_struct mm;
static struct vm_area_struct *a, *b, *c;

/* three_vmas: [16,18) [32,48) [64,65) in pages, inserted out of order. */
static void three_vmas(void)
{
    mm_free_vmas(&mm);
    b = vma_add(&mm, PG(32), PG(48), VM_READ);
    c = vma_add(&mm, PG(64), PG(65), VM_READ);
    a = vma_add(&mm, PG(16), PG(18), VM_READ);
}

TEST(find_vma_returns_containing_vma)
{
    three_vmas();
    CHECK_VMA(b, find_vma(&mm, PG(40)));
    CHECK_VMA(a, find_vma(&mm, PG(16) + 123));
    CHECK_VMA(c, find_vma(&mm, PG(64)));
}

TEST(find_vma_start_is_inside_end_is_not)
{
    three_vmas();
    CHECK_VMA(b, find_vma(&mm, PG(32)));        /* vm_start belongs to the VMA */
    CHECK_VMA(b, find_vma(&mm, PG(48) - 1));    /* so does the last byte */
    CHECK_VMA(c, find_vma(&mm, PG(48)));        /* vm_end is the next one's business */
}

TEST(find_vma_in_gap_returns_next)
{
    three_vmas();
    CHECK_VMA(b, find_vma(&mm, PG(20)));
    CHECK_VMA(c, find_vma(&mm, PG(50)));
}

TEST(find_vma_below_all_returns_lowest)
{
    three_vmas();
    CHECK_VMA(a, find_vma(&mm, 0));
    CHECK_VMA(a, find_vma(&mm, PG(15)));
}

TEST(find_vma_above_all_returns_null)
{
    three_vmas();
    CHECK_VMA(NULL, find_vma(&mm, PG(65)));
    CHECK_VMA(NULL, find_vma(&mm, USER_TOP));
    CHECK_VMA(NULL, find_vma(&mm, UINT64_MAX));
}

TEST(find_vma_on_empty_mm_returns_null)
{
    mm_free_vmas(&mm);
    CHECK_VMA(NULL, find_vma(&mm, 0));
    CHECK_VMA(NULL, find_vma(&mm, PG(100)));
}

TEST(find_vma_agrees_with_list_in_large_tree)
{
    mm_free_vmas(&mm);
    /* 5000 VMAs of 1 to 3 pages, 4 pages apart, inserted from both ends */
    for (uint64_t i = 0; i < 5000; i++) {
        uint64_t k = i % 2 ? i / 2 : 4999 - i / 2;
        vma_add(&mm, PG(4 * k + 1), PG(4 * k + 2 + k % 3), VM_READ);
    }
    for (const struct vm_area_struct *v = mm.mmap; v; v = v->vm_next) {
        CHECK_VMA(v, find_vma(&mm, v->vm_start));
        CHECK_VMA(v, find_vma(&mm, v->vm_end - 1));
        CHECK_VMA(v, find_vma(&mm, v->vm_start - 1));   /* the gap in front of v */
        CHECK_VMA(v->vm_next, find_vma(&mm, v->vm_end));
    }
}

TEST(find_vma_uses_the_tree_not_the_list)
{
    struct vm_area_struct *saved_mmap, *in_gap, *inside;

    three_vmas();
    /* hide the list for a moment: a walk down the tree does not notice */
    saved_mmap = mm.mmap;
    mm.mmap = NULL;
    a->vm_next = b->vm_next = NULL;
    in_gap = find_vma(&mm, PG(50));
    inside = find_vma(&mm, PG(40));
    mm.mmap = saved_mmap;
    a->vm_next = b;
    b->vm_next = c;
    CHECK_VMA(c, in_gap);
    CHECK_VMA(b, inside);
}

TEST(find_vma_changes_nothing)
{
    three_vmas();
    find_vma(&mm, PG(40));
    find_vma(&mm, PG(100));
    CHECK_EQ(0, vma_tree_check(&mm));
    CHECK_STR("10000-12000 20000-30000 40000-41000", vma_layout(&mm));
}
