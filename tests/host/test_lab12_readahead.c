// sources: lab:lab12_readahead.c
/*
 * tests/host/test_lab12_readahead.c - Lab 12: ra_window, the readahead
 * window, on its own: sequential reads grow the window 4, 8, 16, 32, 32;
 * a random miss reads nothing and forgets the window; MADV_SEQUENTIAL
 * starts at 32; MADV_RANDOM never reads ahead.
 */
#include "check.h"

#include <fs/vfs.h>
#include <mm/filemap.h>
#include <mm/vma.h>

TEST(lab12_sequential_windows_double_up_to_32)
{
    struct file_ra_state ra = { 0 };
    uint64_t start = 99;

    CHECK_EQ(4, ra_window(&ra, 0, true, 0, &start));      /* miss at the start */
    CHECK_EQ(1, start);
    CHECK_EQ(1, ra.async_start);
    CHECK_EQ(0, ra_window(&ra, 0, false, 0, &start));     /* not the marker */
    CHECK_EQ(8, ra_window(&ra, 1, false, 0, &start));     /* the marker */
    CHECK_EQ(5, start);
    CHECK_EQ(0, ra_window(&ra, 2, false, 0, &start));
    CHECK_EQ(16, ra_window(&ra, 5, false, 0, &start));
    CHECK_EQ(13, start);
    CHECK_EQ(32, ra_window(&ra, 13, false, 0, &start));
    CHECK_EQ(29, start);
    CHECK_EQ(32, ra_window(&ra, 29, false, 0, &start));   /* RA_MAX_PAGES */
    CHECK_EQ(61, start);
    CHECK_EQ(61, ra.async_start);
    CHECK_EQ(29, ra.prev_index);
}

TEST(lab12_miss_after_previous_page_is_sequential)
{
    struct file_ra_state ra = { 0 };
    uint64_t start = 0;

    CHECK_EQ(0, ra_window(&ra, 10, true, 0, &start));     /* random: nothing */
    CHECK_EQ(0, ra.size);
    CHECK_EQ(10, ra.prev_index);
    CHECK_EQ(4, ra_window(&ra, 11, true, 0, &start));     /* follows 10 */
    CHECK_EQ(12, start);
    CHECK_EQ(0, ra_window(&ra, 40, true, 0, &start));     /* a jump: forgotten */
    CHECK_EQ(0, ra.size);
    CHECK_EQ(0, ra_window(&ra, 12, false, 0, &start));    /* old marker: no window */
}

TEST(lab12_sequential_and_random_advice)
{
    struct file_ra_state ra = { 0 };
    uint64_t start = 0;

    CHECK_EQ(RA_MAX_PAGES, ra_window(&ra, 7, true, VM_SEQ_READ, &start));
    CHECK_EQ(8, start);
    CHECK_EQ(RA_MAX_PAGES, ra_window(&ra, 8, false, VM_SEQ_READ, &start));
    CHECK_EQ(40, start);
    CHECK_EQ(0, ra_window(&ra, 9, true, VM_RAND_READ, &start));
    CHECK_EQ(0, ra_window(&ra, 40, false, VM_RAND_READ, &start));
    CHECK_EQ(40, ra.prev_index);
}
