// sources: phase1-vma/mm/vma_tree.c tests/host/shim/vma_alloc_shim.c lab:lab3_split_vma.c
/*
 * tests/host/test_lab3_split_vma.c - Lab 3: split_vma.  The trees are
 * built with vma_tree_insert directly and VMAs are found through the list,
 * so only split_vma is under test.
 */
#include "check.h"
#include "shim/vma_alloc_shim.h"

#include <mm/mm.h>
#include <mm/vma.h>
#include <uapi/errno.h>

#define PG(n) ((uint64_t)(n) * PAGE_SIZE)

static struct mm_struct mm;
static struct file *const fake_file = (struct file *)0x1000;   /* never dereferenced */

/* What the ops saw: open() calls and the range of the last VMA opened. */
static int opens, closes;
static uint64_t opened_start, opened_end;

static void count_open(struct vm_area_struct *vma)
{
    opens++;
    opened_start = vma->vm_start;
    opened_end = vma->vm_end;
}

static void count_close(struct vm_area_struct *vma)
{
    closes++;
}

static const struct vm_operations_struct counting_ops = {
    .name = "counting", .open = count_open, .close = count_close,
};

/* fresh: an empty mm, the default limit, allocations that work (a test
 * that failed half-way may have left any of them changed). */
static void fresh(void)
{
    mm_free_vmas(&mm);
    sysctl_max_map_count = 1048576;
    vma_shim_fail_after(-1);
    opens = closes = 0;
}

/* one_file_vma: a single VMA at pages [10,20) mapping a file from page 100,
 * between two others: [2,4) and [30,31). */
static struct vm_area_struct *one_file_vma(void)
{
    struct vm_area_struct *v;

    fresh();
    vma_add(&mm, PG(2), PG(4), VM_READ);
    vma_add(&mm, PG(30), PG(31), VM_READ);
    v = vma_add(&mm, PG(10), PG(20), VM_READ | VM_WRITE);
    v->vm_file = fake_file;
    v->vm_pgoff = 100;
    v->vm_ops = &counting_ops;
    v->vm_private_data = &mm;
    return v;
}

TEST(split_new_above_takes_upper_part)
{
    struct vm_area_struct *v = one_file_vma();

    CHECK_EQ(0, split_vma(&mm, v, PG(13), 0));
    CHECK_STR("2000-4000 a000-d000 d000-14000 1e000-1f000", vma_layout(&mm));
    CHECK_EQ(PG(10), v->vm_start);                 /* vma keeps the lower part */
    CHECK_EQ(PG(13), v->vm_end);
    CHECK_EQ(PG(13), v->vm_next->vm_start);
    CHECK_EQ(PG(20), v->vm_next->vm_end);
}

TEST(split_new_below_takes_lower_part)
{
    struct vm_area_struct *v = one_file_vma();

    CHECK_EQ(0, split_vma(&mm, v, PG(13), 1));
    CHECK_STR("2000-4000 a000-d000 d000-14000 1e000-1f000", vma_layout(&mm));
    CHECK_EQ(PG(13), v->vm_start);                 /* vma keeps the upper part */
    CHECK_EQ(PG(20), v->vm_end);
    CHECK_EQ(PG(10), v->vm_prev->vm_start);
    CHECK_EQ(PG(13), v->vm_prev->vm_end);
}

TEST(split_keeps_file_offset_continuous)
{
    struct vm_area_struct *v = one_file_vma();

    CHECK_EQ(0, split_vma(&mm, v, PG(13), 0));
    CHECK_EQ(100, v->vm_pgoff);
    CHECK_EQ(103, v->vm_next->vm_pgoff);
}

TEST(split_below_keeps_file_offset_continuous)
{
    struct vm_area_struct *v = one_file_vma();

    CHECK_EQ(0, split_vma(&mm, v, PG(17), 1));
    CHECK_EQ(100, v->vm_prev->vm_pgoff);
    CHECK_EQ(107, v->vm_pgoff);
}

TEST(split_copies_flags_file_ops_and_private_data)
{
    struct vm_area_struct *v = one_file_vma(), *n;

    CHECK_EQ(0, split_vma(&mm, v, PG(11), 0));
    n = v->vm_next;
    CHECK_EQ(VM_READ | VM_WRITE, n->vm_flags);
    CHECK(n->vm_file == fake_file);
    CHECK(n->vm_ops == &counting_ops);
    CHECK(n->vm_private_data == &mm);
    CHECK(n->vm_mm == &mm);
}

TEST(split_calls_open_on_the_new_vma_only)
{
    struct vm_area_struct *v = one_file_vma();

    CHECK_EQ(0, split_vma(&mm, v, PG(12), 0));
    CHECK_EQ(1, opens);
    CHECK_EQ(0, closes);
    CHECK_EQ(PG(12), opened_start);                /* the new, upper part */
    CHECK_EQ(PG(20), opened_end);
    CHECK_EQ(0, split_vma(&mm, v, PG(11), 1));
    CHECK_EQ(2, opens);
    CHECK_EQ(PG(10), opened_start);                /* the new, lower part */
    CHECK_EQ(PG(11), opened_end);
}

TEST(split_without_ops_is_fine)
{
    struct vm_area_struct *v = one_file_vma();

    v->vm_ops = NULL;
    CHECK_EQ(0, split_vma(&mm, v, PG(15), 0));
    CHECK_EQ(0, opens);
    CHECK_EQ(4, mm.map_count);
}

TEST(split_grows_map_count_and_keeps_tree_valid)
{
    struct vm_area_struct *v = one_file_vma();

    CHECK_EQ(0, split_vma(&mm, v, PG(15), 0));
    CHECK_EQ(4, mm.map_count);
    CHECK_EQ(0, vma_tree_check(&mm));
    CHECK_EQ(0, split_vma(&mm, v, PG(12), 1));
    CHECK_EQ(5, mm.map_count);
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(split_leaves_no_gap_between_the_parts)
{
    struct vm_area_struct *v = one_file_vma();

    CHECK_EQ(0, split_vma(&mm, v, PG(14), 0));
    CHECK_EQ(0, vma_gap(v->vm_next));
    CHECK_EQ(PG(6), vma_gap(v));
    CHECK_EQ(PG(10), vma_gap(v->vm_next->vm_next));  /* [20,30) above */
    vma_gaps_settle(&mm);   /* shrinks wait until settled */
    CHECK_EQ(PG(10), mm.vma_root->vm_subtree_gap);   /* the largest: [20,30) */
}

TEST(split_refuses_at_max_map_count)
{
    struct vm_area_struct *v = one_file_vma();
    long live = vma_shim_live;

    sysctl_max_map_count = 3;
    CHECK_EQ(-ENOMEM, split_vma(&mm, v, PG(15), 0));
    sysctl_max_map_count = 1048576;
    CHECK_EQ(live, vma_shim_live);                 /* nothing allocated */
    CHECK_EQ(3, mm.map_count);
    CHECK_STR("2000-4000 a000-14000 1e000-1f000", vma_layout(&mm));
    CHECK_EQ(0, opens);
}

TEST(split_allowed_just_below_max_map_count)
{
    struct vm_area_struct *v = one_file_vma();

    sysctl_max_map_count = 4;
    CHECK_EQ(0, split_vma(&mm, v, PG(15), 0));
    sysctl_max_map_count = 1048576;
    CHECK_EQ(4, mm.map_count);
}

TEST(split_returns_enomem_when_allocation_fails)
{
    struct vm_area_struct *v = one_file_vma();

    vma_shim_fail_after(0);
    CHECK_EQ(-ENOMEM, split_vma(&mm, v, PG(15), 0));
    vma_shim_fail_after(-1);
    CHECK_STR("2000-4000 a000-14000 1e000-1f000", vma_layout(&mm));
    CHECK_EQ(100, v->vm_pgoff);
    CHECK_EQ(0, opens);
    CHECK_EQ(0, vma_tree_check(&mm));
}

TEST(split_every_page_of_a_large_vma)
{
    struct vm_area_struct *v;

    fresh();
    v = vma_add(&mm, PG(1000), PG(1300), VM_READ);
    /* cut 299 times, alternating sides, always inside what v still covers */
    for (int i = 0; i < 299; i++) {
        int below = i % 2;
        uint64_t addr = below ? v->vm_start + PAGE_SIZE : v->vm_end - PAGE_SIZE;
        CHECK_EQ(0, split_vma(&mm, v, addr, below));
    }
    CHECK_EQ(300, mm.map_count);
    CHECK_EQ(0, vma_tree_check(&mm));
    for (const struct vm_area_struct *w = mm.mmap; w; w = w->vm_next) {
        CHECK_EQ(PAGE_SIZE, w->vm_end - w->vm_start);
        CHECK_EQ(w->vm_start >> PAGE_SHIFT, w->vm_pgoff);
    }
}
