// phases: 1 3
/*
 * mremap_basics: mremap grows a mapping in place when the gap after it
 * allows, moves it otherwise (MREMAP_MAYMOVE) -- moving the page-table
 * entries, not copying the pages -- shrinks it, moves it over another
 * mapping (MREMAP_FIXED), or moves it and leaves the old range mapped and
 * empty (MREMAP_DONTUNMAP); with Linux's errors for everything else.
 */
#include "utest.h"
#include <usmm.h>

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif

#define PAGE 4096ul
#define AREA ((char *)0x600000000000ul)     /* nothing else lives near here */

/* user_pages: frames holding user memory, machine-wide (page tables and
 * other kernel memory aside: a move frees and makes page-table pages) */
static uint64_t user_pages(void)
{
    struct usmm_meminfo m;
    usmm_meminfo(&m);
    return m.user_pages;
}

static char *map_at(char *where, unsigned long pages)
{
    return mmap(where, pages * PAGE, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
}

static void fill(char *p, unsigned long pages, char seed)
{
    for (unsigned long i = 0; i < pages; i++)
        p[i * PAGE + 7] = (char)(seed + i);
}

static int holds(const char *p, unsigned long pages, char seed)
{
    for (unsigned long i = 0; i < pages; i++)
        if (p[i * PAGE + 7] != (char)(seed + i))
            return 0;
    return 1;
}

static volatile char sink;

int main(void)
{
    char *p, *q, *r;
    uint64_t before;

    /* grow in place: the gap after the mapping is free */
    p = map_at(AREA, 2);
    fill(p, 2, 10);
    EXPECT_EQ("grow_in_place_keeps_the_address", (long)p, (long)mremap(p, 2 * PAGE, 8 * PAGE, 0));
    EXPECT_TRUE("grow_in_place_keeps_the_contents", holds(p, 2, 10));
    EXPECT_EQ("grown_pages_read_zero", 0, p[6 * PAGE]);

    /* a mapping right after: no room, and without MAYMOVE no move */
    q = map_at(AREA + 8 * PAGE, 1);
    EXPECT_ERRNO("grow_without_room_or_maymove_is_enomem", mremap(p, 8 * PAGE, 16 * PAGE, 0),
                 ENOMEM);

    /* grow by moving: the frames move with their entries, none is copied */
    fill(p, 8, 20);
    before = user_pages();
    r = mremap(p, 8 * PAGE, 16 * PAGE, MREMAP_MAYMOVE);
    EXPECT_TRUE("grow_by_moving_gives_a_new_address", r != MAP_FAILED && r != p);
    EXPECT_TRUE("moved_mapping_keeps_the_contents", r != MAP_FAILED && holds(r, 8, 20));
    EXPECT_EQ("moving_copies_no_page", before, user_pages());
    EXPECT_SIGNAL("old_address_is_gone_after_a_move", SIGSEGV, sink = p[0]);
    EXPECT_EQ("the_neighbour_is_untouched", 0, q[0]);

    /* shrink: the tail goes */
    EXPECT_EQ("shrink_keeps_the_address", (long)r, (long)mremap(r, 16 * PAGE, 4 * PAGE, 0));
    EXPECT_TRUE("shrink_keeps_the_head", holds(r, 4, 20));
    EXPECT_SIGNAL("the_tail_is_gone_after_a_shrink", SIGSEGV, sink = r[5 * PAGE]);

    /* MREMAP_FIXED: onto q's place, replacing q */
    q[0] = 99;
    p = mremap(r, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, AREA + 8 * PAGE);
    EXPECT_EQ("fixed_moves_exactly_there", (long)(AREA + 8 * PAGE), (long)p);
    EXPECT_TRUE("fixed_move_keeps_the_contents", p != MAP_FAILED && holds(p, 4, 20));
    EXPECT_SIGNAL("fixed_move_unmaps_the_old_range", SIGSEGV, sink = r[0]);

    /* MREMAP_DONTUNMAP: the old range stays, empty */
    fill(p, 4, 40);
    before = user_pages();
    r = mremap(p, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
    EXPECT_TRUE("dontunmap_moves", r != MAP_FAILED && r != p);
    EXPECT_TRUE("dontunmap_moves_the_contents", r != MAP_FAILED && holds(r, 4, 40));
    EXPECT_EQ("dontunmap_copies_no_page", before, user_pages());
    EXPECT_EQ("dontunmap_leaves_the_old_range_mapped_and_empty", 0, p[7]);

    /* Linux's errors */
    EXPECT_ERRNO("unaligned_address_is_einval", mremap(p + 1, PAGE, 2 * PAGE, 0), EINVAL);
    EXPECT_ERRNO("unknown_flag_is_einval", mremap(p, PAGE, PAGE, 8), EINVAL);
    EXPECT_ERRNO("fixed_without_maymove_is_einval", mremap(p, PAGE, PAGE, MREMAP_FIXED, AREA),
                 EINVAL);
    EXPECT_ERRNO("dontunmap_with_another_length_is_einval",
                 mremap(p, PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP), EINVAL);
    EXPECT_ERRNO("new_length_zero_is_einval", mremap(p, PAGE, 0, MREMAP_MAYMOVE), EINVAL);
    EXPECT_ERRNO("growing_what_is_not_mapped_is_efault",
                 mremap(AREA + 1024 * PAGE, PAGE, 2 * PAGE, MREMAP_MAYMOVE), EFAULT);
    EXPECT_ERRNO("a_range_past_its_mapping_is_efault",
                 mremap(p, 64 * PAGE, 128 * PAGE, MREMAP_MAYMOVE), EFAULT);
    EXPECT_ERRNO("overlapping_fixed_move_is_einval",
                 mremap(p, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, p + PAGE), EINVAL);
    EXPECT_ERRNO("unaligned_fixed_target_is_einval",
                 mremap(p, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, AREA + 5), EINVAL);
    EXPECT_EQ("same_length_without_flags_returns_the_address", (long)p,
              (long)mremap(p, PAGE, PAGE, 0));
    EXPECT_ERRNO("same_length_of_nothing_is_efault",
                 mremap(AREA + 2048 * PAGE, PAGE, PAGE, 0), EFAULT);
    EXPECT_ERRNO("old_length_zero_is_einval", mremap(p, 0, PAGE, MREMAP_MAYMOVE), EINVAL);
    EXPECT_EQ("check_mm_after_mremap", 0, usmm_check_mm(0));
    return utest_finish();
}
