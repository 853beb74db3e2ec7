// sources: phase1-vma/mm/vma_tree.c tests/host/shim/vma_alloc_shim.c lab:lab8_stack_growth.c
/*
 * tests/host/test_lab8_stack_growth.c - Lab 8: stack_growth_allowed, on
 * VMAs built with vma_tree_insert: the limit, the guard gap, the VMA below.
 */
#include "check.h"
#include "shim/vma_alloc_shim.h"

#include <mm/mm.h>
#include <mm/vma.h>
#include <uapi/errno.h>

int stack_growth_allowed(const struct vm_area_struct *vma, uint64_t new_start, uint64_t limit);

#define PG(n) ((uint64_t)(n) * PAGE_SIZE)
#define GAP PG(256)

static struct mm_struct mm;

/* a stack [1000, 1032) pages (128 KiB), and optionally a VMA below it */
static struct vm_area_struct *stack_over(uint64_t below_end, uint32_t below_flags)
{
    mm_free_vmas(&mm);
    mm.mmap_min_addr = PG(16);
    stack_guard_gap = GAP;
    if (below_end)
        vma_add(&mm, below_end - PG(4), below_end, below_flags);
    return vma_add(&mm, PG(1000), PG(1032), VM_READ | VM_WRITE | VM_GROWSDOWN);
}

TEST(growth_within_the_limit_is_allowed)
{
    struct vm_area_struct *s = stack_over(0, 0);
    CHECK_EQ(0, stack_growth_allowed(s, PG(999), PG(2048)));
    CHECK_EQ(0, stack_growth_allowed(s, PG(100), PG(2048)));
}

TEST(the_limit_is_on_the_whole_stack)
{
    struct vm_area_struct *s = stack_over(0, 0);
    CHECK_EQ(0, stack_growth_allowed(s, PG(1032 - 64), PG(64)));          /* exactly */
    CHECK_EQ(-ENOMEM, stack_growth_allowed(s, PG(1032 - 65), PG(64)));    /* one page more */
}

TEST(the_guard_gap_stays_free)
{
    struct vm_area_struct *s = stack_over(PG(500), VM_READ);
    CHECK_EQ(0, stack_growth_allowed(s, PG(500) + GAP, PG(4096)));
    CHECK_EQ(-ENOMEM, stack_growth_allowed(s, PG(500) + GAP - PG(1), PG(4096)));
    CHECK_EQ(-ENOMEM, stack_growth_allowed(s, PG(500), PG(4096)));
}

TEST(no_gap_needed_below_a_stack_or_prot_none)
{
    struct vm_area_struct *s = stack_over(PG(900), VM_READ | VM_GROWSDOWN);
    CHECK_EQ(0, stack_growth_allowed(s, PG(900), PG(4096)));
    s = stack_over(PG(900), 0);                                        /* PROT_NONE */
    CHECK_EQ(0, stack_growth_allowed(s, PG(901), PG(4096)));
}

TEST(never_into_the_vma_below)
{
    struct vm_area_struct *s = stack_over(PG(900), VM_READ | VM_GROWSDOWN);
    CHECK_EQ(-ENOMEM, stack_growth_allowed(s, PG(899), PG(4096)));
}

TEST(bad_requests)
{
    struct vm_area_struct *s = stack_over(0, 0);
    CHECK_EQ(-EPERM, stack_growth_allowed(s, PG(15), PG(1 << 20)));
    CHECK_EQ(-EINVAL, stack_growth_allowed(s, PG(1000), PG(4096)));      /* not below */
    CHECK_EQ(-EINVAL, stack_growth_allowed(s, PG(999) + 8, PG(4096)));   /* unaligned */
    s->vm_flags &= ~VM_GROWSDOWN;
    CHECK_EQ(-EINVAL, stack_growth_allowed(s, PG(999), PG(4096)));
}
