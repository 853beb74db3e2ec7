/*
 * phase2-mapping/mm/readahead.c - reading a file's pages before they are
 * asked for.  A program that reads (or faults) a file page after page
 * should find the next pages already cached: one disk command then fetches
 * many pages, and most faults are minor.
 *
 *   miss at page i, sequential (i is 0, or follows the last page used):
 *        read [i+1, i+1+4)          the first window, 4 pages
 *   hit on the window's first page (the "marker"): the reader has caught
 *        up: read the next window, twice as big (up to 32 pages: 128 KiB)
 *   miss somewhere else: random access: no readahead
 *   MADV_SEQUENTIAL: every window 32 pages; MADV_RANDOM: never.
 *
 * The window itself is lab 12 (ra_window, labs/lab12_readahead.c); here
 * it is applied: the pages it names that are not cached yet are read
 * (page_cache_readahead), never past the end of the file.  The state
 * (struct file_ra_state) is per file, in its address_space.
 */
#include <fs/vfs.h>
#include <mm/filemap.h>
#include <mm/vmstat.h>


/* read_pages: pages [start, start + count) not cached yet into the cache,
 * never past the end of the file; stops at the first failure (no memory,
 * a read error: a later fault will report it).  Returns the pages read. */
static uint64_t read_pages(struct address_space *mapping, uint64_t start, uint64_t count)
{
    uint64_t end = mapping_end_index(mapping), read = 0;

    for (uint64_t i = start; i < end && i - start < count; i++) {
        int err;
        if (find_get_page(mapping, i))
            continue;
        if (!filemap_read_page(mapping, i, &err))
            break;
        read++;
    }
    return read;
}

void page_cache_readahead(struct address_space *mapping, uint64_t index, bool miss,
                          uint32_t vm_flags)
{
    uint64_t start, count = ra_window(&mapping->ra, index, miss, vm_flags, &start);

    if (count && mapping->a_ops->readpage)
        vmstat.readahead_pages += read_pages(mapping, start, count);
}

void filemap_readahead(struct inode *inode, uint64_t index, uint64_t count)
{
    if (!inode->i_mapping.a_ops)
        return;
    vfs_lock();
    read_pages(&inode->i_mapping, index, count);
    vfs_unlock();
}
