/*
 * labs/lab12_readahead.c - Lab 12: the readahead window.
 * Read the hand-out in labs/README.md first.  (Phase 2: in phase 1 this file
 * compiles to nothing.)
 */
#if __has_include(<mm/filemap.h>)
#include <fs/vfs.h>
#include <kernel/lab.h>
#include <mm/filemap.h>
#include <mm/vma.h>

/*
 * ra_window: page `index` of a file was just used -- a miss (it had to be
 * read) or a hit (it was cached).  Decide which pages to read ahead, and
 * update `ra`:
 *   - VM_RAND_READ in vm_flags (MADV_RANDOM): none;
 *   - a miss that is sequential (index 0, index == ra->prev_index + 1, or
 *     VM_SEQ_READ in vm_flags): a new window right after index:
 *     RA_INIT_PAGES pages (RA_MAX_PAGES with VM_SEQ_READ);
 *   - any other miss: none, and the window is forgotten (ra->size = 0);
 *   - a hit on the window's marker (ra->size != 0 and index ==
 *     ra->async_start): the next window, right after the current one,
 *     twice its size but at most RA_MAX_PAGES;
 *   - any other hit: none.
 * A new window [start, start + size) is recorded in ra->start / ra->size,
 * and its marker is its first page (ra->async_start = start).  In every
 * case ra->prev_index becomes index.  Returns the number of pages to read
 * (0: none) and their first index in *start.
 *
 * Stuck?  labs/HINTS.md has a step-by-step recipe (try without it first).
 *
 * Example: a program reads a file page by page from 0: miss 0 -> read
 * 1..4 (marker 1); hit 1 -> 5..12 (marker 5); hit 5 -> 13..28; hit 13 ->
 * 29..60; hit 29 -> 61..92; ...  One disk command can fetch each window.
 *
 * Test: make check (the lab12 tests), or boot phase 2 and run
 * `tests/lab12_readahead` (make check also runs the host test
 * tests/host/test_lab12_readahead.c).
 */
uint64_t ra_window(struct file_ra_state *ra, uint64_t index, bool miss, uint32_t vm_flags,
                   uint64_t *start)
{
    LAB_NOT_DONE(12);   /* delete this line when you start */
    (void)ra;
    (void)index;
    (void)miss;
    (void)vm_flags;
    (void)start;
    return 0; /* TODO: replace with your implementation */
}
#endif
