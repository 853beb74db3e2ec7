// sources: phase1-vma/mm/vma_tree.c tests/host/shim/vma_alloc_shim.c lab:lab4_vma_merge.c
/*
 * tests/host/test_lab4_vma_merge.c - Lab 4: vma_can_merge and
 * vma_merge_neighbours.  The trees are built with vma_tree_insert
 * directly, so only the merge functions are under test.
 */
#include "check.h"
#include "shim/vma_alloc_shim.h"

#include <mm/mm.h>
#include <mm/vma.h>

#define PG(n) ((uint64_t)(n) * PAGE_SIZE)

static struct mm_struct mm;
static struct file *const file_a = (struct file *)0x1000;   /* never dereferenced */
static struct file *const file_b = (struct file *)0x2000;

/* What close() saw: how many calls, and the ranges closed in order. */
static int closes;
static uint64_t closed_start[4];

static void count_close(struct vm_area_struct *vma)
{
    if (closes < 4)
        closed_start[closes] = vma->vm_start;
    closes++;
}

static const struct vm_operations_struct ops_one = { .name = "one", .close = count_close };
static const struct vm_operations_struct ops_two = { .name = "two", .close = count_close };

/* three: VMAs at pages [10,20) [20,30) [30,40), all alike (anonymous,
 * read-write, ops_one), with a lone one at [50,51) above. */
static struct vm_area_struct *p, *v, *n;

static void three(void)
{
    mm_free_vmas(&mm);
    closes = 0;
    p = vma_add(&mm, PG(10), PG(20), VM_READ | VM_WRITE);
    n = vma_add(&mm, PG(30), PG(40), VM_READ | VM_WRITE);
    v = vma_add(&mm, PG(20), PG(30), VM_READ | VM_WRITE);
    vma_add(&mm, PG(50), PG(51), VM_READ);
    p->vm_ops = v->vm_ops = n->vm_ops = &ops_one;
}

/* ---- vma_can_merge ----------------------------------------------------- */

TEST(can_merge_touching_identical_vmas)
{
    three();
    CHECK(vma_can_merge(p, v));
    CHECK(vma_can_merge(v, n));
}

TEST(merge_refuses_gap_between)
{
    three();
    CHECK(!vma_can_merge(p, n));
    CHECK(!vma_can_merge(n, n->vm_next));
}

TEST(merge_refuses_different_flags)
{
    three();
    v->vm_flags = VM_READ;
    CHECK(!vma_can_merge(p, v));
    CHECK(!vma_can_merge(v, n));
}

TEST(merge_refuses_different_ops)
{
    three();
    v->vm_ops = &ops_two;
    CHECK(!vma_can_merge(p, v));
    v->vm_ops = NULL;
    CHECK(!vma_can_merge(v, n));
}

TEST(merge_refuses_different_private_data)
{
    three();
    v->vm_private_data = &mm;
    CHECK(!vma_can_merge(p, v));
}

TEST(merge_refuses_different_files)
{
    three();
    p->vm_file = file_a;
    v->vm_file = file_b;
    v->vm_pgoff = p->vm_pgoff + 10;
    CHECK(!vma_can_merge(p, v));
    n->vm_file = file_b;
    n->vm_pgoff = 0;
    v->vm_file = NULL;
    CHECK(!vma_can_merge(v, n));       /* anonymous next to a file */
}

TEST(merge_requires_continuous_file_offset)
{
    three();
    p->vm_file = v->vm_file = file_a;
    p->vm_pgoff = 7;
    v->vm_pgoff = 17;                  /* p is 10 pages: 7 + 10 */
    CHECK(vma_can_merge(p, v));
    v->vm_pgoff = 18;
    CHECK(!vma_can_merge(p, v));
    v->vm_pgoff = 7 + PG(10);          /* bytes, not pages */
    CHECK(!vma_can_merge(p, v));
}

TEST(anonymous_merge_ignores_offset)
{
    three();
    p->vm_pgoff = 1;
    v->vm_pgoff = 99;
    CHECK(vma_can_merge(p, v));
}

/* ---- vma_merge_neighbours ---------------------------------------------- */

TEST(merge_with_both_neighbours_leaves_one)
{
    struct vm_area_struct *got;

    three();
    got = vma_merge_neighbours(&mm, v);
    CHECK_VMA(p, got);
    CHECK_STR("a000-28000 32000-33000", vma_layout(&mm));
    CHECK_EQ(2, mm.map_count);
    CHECK_EQ(2, vma_shim_live);        /* v and n were freed */
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(merge_with_next_keeps_vma)
{
    struct vm_area_struct *got;

    three();
    p->vm_flags = VM_READ;
    got = vma_merge_neighbours(&mm, v);
    CHECK_VMA(v, got);
    CHECK_STR("a000-14000 14000-28000 32000-33000", vma_layout(&mm));
    CHECK_EQ(PG(20), v->vm_start);
    CHECK_EQ(PG(40), v->vm_end);
    CHECK_EQ(3, mm.map_count);
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(merge_with_prev_returns_prev)
{
    struct vm_area_struct *got;

    three();
    n->vm_flags = VM_READ;
    got = vma_merge_neighbours(&mm, v);
    CHECK_VMA(p, got);
    CHECK_STR("a000-1e000 1e000-28000 32000-33000", vma_layout(&mm));
    CHECK_EQ(PG(30), p->vm_end);
    CHECK_EQ(3, mm.map_count);
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(merge_nothing_returns_vma_unchanged)
{
    struct vm_area_struct *got;

    three();
    v->vm_flags = VM_READ;
    got = vma_merge_neighbours(&mm, v);
    CHECK_VMA(v, got);
    CHECK_STR("a000-14000 14000-1e000 1e000-28000 32000-33000", vma_layout(&mm));
    CHECK_EQ(0, closes);
    CHECK_EQ(4, mm.map_count);
}

TEST(merge_of_lowest_and_highest_vma)
{
    struct vm_area_struct *got, *top;

    three();
    got = vma_merge_neighbours(&mm, p);            /* no predecessor */
    CHECK_VMA(p, got);
    CHECK_STR("a000-1e000 1e000-28000 32000-33000", vma_layout(&mm));
    top = vma_add(&mm, PG(51), PG(60), VM_READ);
    got = vma_merge_neighbours(&mm, top);          /* no successor */
    CHECK_EQ(PG(50), got->vm_start);
    CHECK_EQ(PG(60), got->vm_end);
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(merge_calls_close_on_each_absorbed_vma)
{
    three();
    vma_merge_neighbours(&mm, v);
    CHECK_EQ(2, closes);
    CHECK_EQ(PG(30), closed_start[0]);  /* n, absorbed by v */
    CHECK_EQ(PG(20), closed_start[1]);  /* v, absorbed by p */
}

TEST(merge_keeps_lower_file_offset)
{
    struct vm_area_struct *got;

    three();
    p->vm_file = v->vm_file = n->vm_file = file_a;
    p->vm_pgoff = 5;
    v->vm_pgoff = 15;
    n->vm_pgoff = 25;
    got = vma_merge_neighbours(&mm, v);
    CHECK_VMA(p, got);
    CHECK_EQ(5, p->vm_pgoff);
    CHECK_EQ(PG(40), p->vm_end);
}

TEST(merge_updates_gaps)
{
    struct vm_area_struct *top;

    three();
    top = mm.mmap->vm_next->vm_next->vm_next;      /* [50,51) */
    vma_merge_neighbours(&mm, v);
    CHECK_EQ(PG(10), vma_gap(top));
    vma_gaps_settle(&mm);   /* shrinks wait until settled */
    CHECK_EQ(PG(10), mm.vma_root->vm_subtree_gap);
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(merge_a_long_run_one_by_one)
{
    struct vm_area_struct *w;

    mm_free_vmas(&mm);
    for (uint64_t i = 0; i < 500; i++)
        vma_add(&mm, PG(i + 1), PG(i + 2), VM_READ);
    /* merging the lowest again and again swallows its successor each time */
    for (int i = 0; i < 499; i++) {
        w = vma_merge_neighbours(&mm, mm.mmap);
        CHECK_VMA(mm.mmap, w);
    }
    CHECK_STR("1000-1f5000", vma_layout(&mm));
    CHECK_EQ(1, mm.map_count);
    CHECK_EQ(0, vma_tree_check(&mm));
}
