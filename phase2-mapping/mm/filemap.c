/*
 * phase2-mapping/mm/filemap.c - the page cache (see mm/filemap.h): one
 * page store per file, filled by the file system's readpage, emptied by
 * truncate, hole punching and the inode's eviction.
 *
 *   find_get_page ---- is it cached?
 *   filemap_get_page - cached, or a new frame filled by a_ops->readpage
 *                      (with readahead around it, mm/readahead.c)
 *   truncate_inode_pages - the pages past a new end of file go, from
 *                      every mapping first (mm/filemap_unmap.c)
 *   mapping_release -- the inode is evicted: write back, free everything
 *
 * Reference counts: the cache holds one on each of its pages; every page
 * table entry that maps it one more.  A page whose count is 1 is mapped
 * nowhere: when clean, it could be dropped and read again later
 * (filemap_drop_clean_page: the hook phase 3's reclaim uses).
 */
#include <arch/printk.h>
#include <fs/vfs.h>
#include <lib/string.h>
#include <mm/filemap.h>
#include <mm/mmap.h>
#include <mm/page_alloc.h>
#include <mm/vmstat.h>
#include <uapi/errno.h>

static LIST_HEAD_DEFINE(cached_mappings);

void mapping_init(struct address_space *mapping, struct inode *host,
                  const struct address_space_operations *a_ops)
{
    mapping->host = host;
    mapping->a_ops = a_ops;
    page_store_init(&mapping->pages);
    mapping->nrpages = 0;
    list_init(&mapping->i_mmap);
    list_init(&mapping->mappings);
    mapping->nr_shared_writable = 0;
    memset(&mapping->ra, 0, sizeof(mapping->ra));
}

struct page *find_get_page(struct address_space *mapping, uint64_t index)
{
    if (!mapping->nrpages)
        return NULL;
    return page_store_lookup(&mapping->pages, index);
}

struct page *find_next_page(struct address_space *mapping, uint64_t *index, uint64_t last)
{
    uint64_t i = mapping->nrpages ? page_store_next(&mapping->pages, *index) : UINT64_MAX;

    if (i >= last)
        return NULL;
    *index = i + 1;             /* i < last <= UINT64_MAX: no overflow */
    return page_store_lookup(&mapping->pages, i);
}

bool filemap_page_cached(struct inode *inode, uint64_t index)
{
    bool cached;

    vfs_lock();
    cached = find_get_page(&inode->i_mapping, index) != NULL;
    vfs_unlock();
    return cached;
}

/* add_to_page_cache: a new zeroed frame for page `index` (not there yet),
 * in the cache with the cache's reference; NULL without memory. */
struct page *add_to_page_cache(struct address_space *mapping, uint64_t index)
{
    struct page *page = user_page_alloc();

    if (!page)
        return NULL;
    if (page_store_insert(&mapping->pages, index, page) != 0) {
        user_page_put(page);
        return NULL;
    }
    page->flags |= PG_CACHE;
    page->owner = mapping;
    page->index = index;
    if (mapping->nrpages++ == 0)
        list_add_tail(&mapping->mappings, &cached_mappings);
    vmstat.page_cache_pages++;
    return page;
}

/* delete_from_page_cache: take `page` out of the cache and drop the
 * cache's reference (the frame is freed unless someone still maps it). */
static void delete_from_page_cache(struct address_space *mapping, struct page *page)
{
    page_store_remove(&mapping->pages, page->index);
    if (--mapping->nrpages == 0)
        list_del(&mapping->mappings);
    vmstat.page_cache_pages--;
    page->flags &= (uint16_t)~(PG_CACHE | PG_DIRTY | PG_REFERENCED);
    page->owner = NULL;
    user_page_put(page);
}

uint64_t mapping_end_index(const struct address_space *mapping)
{
    return (mapping->host->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT;
}

struct page *filemap_read_page(struct address_space *mapping, uint64_t index, int *err)
{
    struct page *page = add_to_page_cache(mapping, index);

    *err = 0;
    if (!page) {
        *err = -ENOMEM;
        return NULL;
    }
    if (mapping->a_ops->readpage) {
        *err = mapping->a_ops->readpage(mapping->host, index, page_address(page));
        if (*err) {
            delete_from_page_cache(mapping, page);
            return NULL;
        }
    }
    return page;
}

struct page *filemap_get_page(struct address_space *mapping, uint64_t index,
                              uint32_t vm_flags, bool *major, int *err)
{
    struct page *page = find_get_page(mapping, index);
    bool miss = !page;

    *err = 0;
    if (miss) {
        page = filemap_read_page(mapping, index, err);
        if (!page)
            return NULL;
        *major = mapping->a_ops->readpage != NULL;   /* ramfs: a hole, no I/O */
    }
    page->flags |= PG_REFERENCED;
    if (mapping->a_ops->readpage)
        page_cache_readahead(mapping, index, miss, vm_flags);
    return page;
}

/* truncate_pages: drop the cached pages [first, last) of mapping; a dirty
 * one is lost, as truncate and hole punching want.  The caller unmapped
 * them from every VMA first. */
static void truncate_pages(struct address_space *mapping, uint64_t first, uint64_t last)
{
    struct page *page;

    while ((page = find_next_page(mapping, &first, last)))
        delete_from_page_cache(mapping, page);
}

/* zero_page_tail: the bytes of the cached page holding offset `size` from
 * there to the page's end become zeros (nothing when size is page-aligned
 * or the page is not cached). */
static void zero_page_tail(struct address_space *mapping, uint64_t size)
{
    struct page *page = size % PAGE_SIZE ? find_get_page(mapping, size >> PAGE_SHIFT) : NULL;

    if (page)
        memset((uint8_t *)page_address(page) + size % PAGE_SIZE, 0,
               PAGE_SIZE - size % PAGE_SIZE);
}

void truncate_inode_pages(struct inode *inode, uint64_t newsize)
{
    struct address_space *mapping = &inode->i_mapping;
    uint64_t first = (newsize + PAGE_SIZE - 1) >> PAGE_SHIFT;

    if (!mapping->a_ops)
        return;
    /* every mapping loses its entries past the new end -- private copies
     * too, as Linux: the bytes past EOF are gone for everyone (SIGBUS) */
    unmap_mapping_range(mapping, first, UINT64_MAX, true);
    truncate_pages(mapping, first, UINT64_MAX);
    zero_page_tail(mapping, newsize);   /* should the file grow again */
}

void filemap_size_grows(struct inode *inode, uint64_t oldsize)
{
    /* a store through a shared mapping may have left bytes past the old
     * end in the last page: they never become part of the file */
    zero_page_tail(&inode->i_mapping, oldsize);
}

void truncate_pagecache(struct inode *inode, uint64_t newsize)
{
    if (newsize < inode->i_size)
        truncate_inode_pages(inode, newsize);
    else
        filemap_size_grows(inode, inode->i_size);
}

int filemap_punch_hole(struct inode *inode, uint64_t start, uint64_t end)
{
    struct address_space *mapping = &inode->i_mapping;
    uint64_t first = (start + PAGE_SIZE - 1) >> PAGE_SHIFT, last = end >> PAGE_SHIFT;

    if (!mapping->a_ops || mapping->a_ops->writepage)
        return -EOPNOTSUPP;         /* on a disk: ext2 cannot punch holes */
    vfs_lock();
    if (first < last) {
        unmap_mapping_range(mapping, first, last, false);
        truncate_pages(mapping, first, last);
    }
    vfs_unlock();
    return 0;
}

void mapping_release(struct inode *inode)
{
    struct address_space *mapping = &inode->i_mapping;

    if (!mapping->a_ops || !mapping->nrpages)
        return;
    if (inode->i_nlink > 0)
        write_dirty_pages(mapping, 0, UINT64_MAX);
    truncate_pages(mapping, 0, UINT64_MAX);
}

bool filemap_drop_clean_page(struct page *page)
{
    struct address_space *mapping = page->owner;

    if (!(page->flags & PG_CACHE) || (page->flags & (PG_DIRTY | PG_MLOCKED)) ||
        page->refcount != 1 || !mapping->a_ops->writepage)
        return false;       /* mapped, dirty, locked, or nowhere else to read it from */
    delete_from_page_cache(mapping, page);
    return true;
}

/* drop_mapping_clean: drop every page of mapping filemap_drop_clean_page
 * allows. */
static void drop_mapping_clean(struct address_space *mapping, void *arg)
{
    uint64_t i = 0;
    struct page *page;

    (void)arg;
    while ((page = find_next_page(mapping, &i, UINT64_MAX)))
        filemap_drop_clean_page(page);
}

void drop_clean_caches(void)
{
    vfs_lock();
    for_each_cached_mapping(drop_mapping_clean, NULL);
    vfs_unlock();
}

void for_each_cached_mapping(void (*fn)(struct address_space *mapping, void *arg), void *arg)
{
    struct list_head *p = cached_mappings.next;

    while (p != &cached_mappings) {
        struct address_space *mapping = list_entry(p, struct address_space, mappings);
        p = p->next;    /* fn may empty the mapping (and unlink it) */
        fn(mapping, arg);
    }
}
