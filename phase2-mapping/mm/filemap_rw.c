/*
 * phase2-mapping/mm/filemap_rw.c - read() and write() of a regular file,
 * through its page cache (see mm/filemap.h).
 *
 *   read:  page by page: filemap_get_page (cached, or read with readahead)
 *          -> copy to the user's buffer.
 *   write: page by page: a_ops->write_begin (ext2 allocates the blocks:
 *          ENOSPC now, not at writeback) -> the page (read first when only
 *          part of it is overwritten) -> copy from the user -> PG_DIRTY.
 *          The file grows as the bytes arrive; writeback (mm/writeback.c)
 *          puts the pages on the disk later.
 *
 * Because every mapping of the file maps these same frames, a write() is
 * seen at once through MAP_SHARED (and not yet copied MAP_PRIVATE) pages,
 * and a store through a MAP_SHARED mapping at once by read().
 * Callers hold vfs_lock().
 */
#include <fs/vfs.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <mm/filemap.h>
#include <mm/page_alloc.h>
#include <uapi/errno.h>

static uint64_t chunk_in_page(uint64_t pos, uint64_t left)
{
    uint64_t room = PAGE_SIZE - (pos & (PAGE_SIZE - 1));
    return room < left ? room : left;
}

int64_t filemap_read(struct inode *inode, void *buf, uint64_t n, uint64_t pos, bool user)
{
    struct address_space *mapping = &inode->i_mapping;
    uint64_t done = 0;

    if (pos >= inode->i_size)
        return 0;
    if (n > inode->i_size - pos)
        n = inode->i_size - pos;
    while (done < n) {
        uint64_t at = pos + done, chunk = chunk_in_page(at, n - done);
        bool major = false;
        int err;
        struct page *page = filemap_get_page(mapping, at >> PAGE_SHIFT, 0, &major, &err);
        const uint8_t *from;
        uint8_t *to = (uint8_t *)buf + done;

        if (!page)
            return done ? (int64_t)done : err;
        from = (const uint8_t *)page_address(page) + (at & (PAGE_SIZE - 1));
        if (!user)
            memcpy(to, from, chunk);
        else if (copy_to_user(to, from, chunk))
            return done ? (int64_t)done : -EFAULT;
        done += chunk;
    }
    return (int64_t)done;
}

/* page_for_write: the cached page `index`, for a write of [off, off + len)
 * inside it: read from the file first when the write leaves some of the
 * file's bytes in it as they were. */
static struct page *page_for_write(struct inode *inode, uint64_t index, uint64_t off,
                                   uint64_t len, int *err)
{
    struct address_space *mapping = &inode->i_mapping;
    struct page *page = find_get_page(mapping, index);
    bool whole = off == 0 && len == PAGE_SIZE;

    *err = 0;
    if (page)
        return page;
    if (!whole && (index << PAGE_SHIFT) < inode->i_size)
        return filemap_read_page(mapping, index, err);
    page = add_to_page_cache(mapping, index);   /* all new bytes (or past the end) */
    if (!page)
        *err = -ENOMEM;
    return page;
}

int64_t filemap_write(struct inode *inode, const void *buf, uint64_t n, uint64_t pos,
                      bool user)
{
    const struct address_space_operations *a_ops = inode->i_mapping.a_ops;
    uint64_t max = inode->i_sb->s_maxbytes ? inode->i_sb->s_maxbytes : UINT64_MAX;
    uint64_t done = 0;
    int err = 0;

    if (pos >= max)
        return -EFBIG;
    if (n > max - pos)
        n = max - pos;
    if (n && pos + n > inode->i_size)
        filemap_size_grows(inode, inode->i_size);
    while (done < n) {
        uint64_t at = pos + done, chunk = chunk_in_page(at, n - done);
        uint64_t off = at & (PAGE_SIZE - 1);
        const uint8_t *from = (const uint8_t *)buf + done;
        struct page *page = page_for_write(inode, at >> PAGE_SHIFT, off, chunk, &err);
        uint8_t *to;

        if (!page)
            break;
        if (a_ops->write_begin && (err = a_ops->write_begin(inode, at, chunk)) != 0)
            break;
        page->flags |= PG_DIRTY | PG_REFERENCED;    /* its blocks exist now: write it */
        to = (uint8_t *)page_address(page) + off;
        if (!user) {
            memcpy(to, from, chunk);
        } else if (copy_from_user(to, from, chunk)) {
            err = -EFAULT;
            break;
        }
        done += chunk;
        if (pos + done > inode->i_size)
            inode->i_size = pos + done;
    }
    if (!done)
        return err;
    inode_touch(inode, 6);      /* mtime, ctime; the new size reaches the disk */
    return (int64_t)done;
}
