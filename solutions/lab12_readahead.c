/*
 * solutions/lab12_readahead.c - Lab 12, the reference: the readahead
 * window.  (The student's version is labs/lab12_readahead.c; the hand-out
 * is labs/README.md.)  Built into the phase-2 and phase-3 kernels only
 * (in phase 1 this file compiles to nothing); phase 2's page cache
 * calls it (phase2-mapping/mm/readahead.c).
 */
#if __has_include(<mm/filemap.h>)
#include <fs/vfs.h>
#include <mm/filemap.h>
#include <mm/vma.h>

/*
 * ra_window: page `index` of a file was just used -- a miss (it had to be
 * read) or a hit (it was cached).  Decide which pages to read ahead, and
 * update `ra`:
 *   - VM_RAND_READ in vm_flags: none;
 *   - a miss that is sequential (index 0, index == ra->prev_index + 1, or
 *     VM_SEQ_READ): a new window right after index: RA_INIT_PAGES pages
 *     (RA_MAX_PAGES with VM_SEQ_READ);
 *   - any other miss: none, and the window is forgotten (size 0);
 *   - a hit on the window's marker (ra->size != 0 and index ==
 *     ra->async_start): the next window, right after the current one,
 *     twice its size but at most RA_MAX_PAGES;
 *   - any other hit: none.
 * A new window [start, start + size) is recorded in ra->start / ra->size,
 * and its marker is its first page (ra->async_start = start).  In every
 * case ra->prev_index becomes index.  Returns the number of pages to read
 * (0: none) and their first index in *start.
 */
uint64_t ra_window(struct file_ra_state *ra, uint64_t index, bool miss, uint32_t vm_flags,
                   uint64_t *start)
{
    uint64_t size = 0;

    if (vm_flags & VM_RAND_READ) {
        size = 0;
    } else if (miss) {
        if (index == 0 || index == ra->prev_index + 1 || (vm_flags & VM_SEQ_READ)) {
            ra->start = index + 1;
            size = vm_flags & VM_SEQ_READ ? RA_MAX_PAGES : RA_INIT_PAGES;
        }
        ra->size = size;
    } else if (ra->size && index == ra->async_start) {
        ra->start += ra->size;
        size = ra->size * 2 < RA_MAX_PAGES ? ra->size * 2 : RA_MAX_PAGES;
        ra->size = size;
    }
    if (size) {
        ra->async_start = ra->start;
        *start = ra->start;
    }
    ra->prev_index = index;
    return size;
}
#endif
