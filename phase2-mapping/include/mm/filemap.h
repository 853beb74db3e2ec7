/*
 * mm/filemap.h (phase 2) - the page cache and file mappings: what
 * phase2-mapping/mm/filemap*.c offer the rest of phase 2 (msync, mincore,
 * madvise, mlock, exec, the file system calls).
 *
 * Every regular file's inode has one address_space (inode->i_mapping): a
 * page store of its cached pages, indexed by page offset in the file.
 * read(), write() and every mapping of the file use those same frames:
 *
 *   read()/write() --copy--> [ page 0 | page 1 | ... ]  <--PTE-- MAP_SHARED VMA
 *                                     |                 <--PTE-- MAP_PRIVATE VMA (read;
 *                     a_ops->readpage / writepage            a write copies: COW)
 *                                     v
 *                              the file system (ext2 blocks, ramfs: nothing)
 *
 * A cached page is PG_CACHE, page->owner is the address_space and
 * page->index its offset; the cache holds one reference and every PTE that
 * maps it one more.  PG_DIRTY: write() changed it, or a PTE's dirty bit
 * was found set (on unmap, msync, fsync, sync, periodic writeback).
 * Callers of the functions below hold vfs_lock() unless a comment says
 * otherwise.
 */
#ifndef PHASE2_MM_FILEMAP_H
#define PHASE2_MM_FILEMAP_H

#include <stdbool.h>
#include <stdint.h>

struct address_space;
struct inode;
struct page;
struct vm_area_struct;

/* find_get_page: the cached page at `index`, or NULL (no reference is
 * taken: the caller holds vfs_lock, and nothing drops pages under it). */
struct page *find_get_page(struct address_space *mapping, uint64_t index);

/* filemap_page_cached: is page `index` of the inode's file in the cache?
 * (mincore of a file page not mapped in the page tables, as Linux reports
 * it.)  Takes vfs_lock itself. */
bool filemap_page_cached(struct inode *inode, uint64_t index);

/* vma_sync_dirty: move the dirty bits of the PTEs of [start, end) in a
 * MAP_SHARED file VMA to the pages (PG_DIRTY), write-protecting nothing:
 * the next store sets the PTE's bit again. */
void vma_sync_dirty(struct vm_area_struct *vma, uint64_t start, uint64_t end);

/* filemap_write_range: write the dirty cached pages of the inode's file
 * that hold bytes [start, end) back to the file system (and, after
 * vfs_unlock, to the disk).  Collects the dirty bits of every mapping
 * first.  0 or -EIO.  Takes vfs_lock itself. */
int filemap_write_range(struct inode *inode, uint64_t start, uint64_t end);

/* filemap_readahead: start reading pages [index, index + count) of the
 * file into the cache (MADV_WILLNEED); stops at end of file.  Takes
 * vfs_lock itself. */
void filemap_readahead(struct inode *inode, uint64_t index, uint64_t count);

/* filemap_punch_hole: drop the cached pages wholly inside [start, end)
 * of a file whose pages live only in memory (ramfs: /tmp, /dev/shm), so
 * that they read as zeros again (MADV_REMOVE), unmapping them from every
 * mapping.  0, or -EOPNOTSUPP for a file on disk (as ext2 on Linux).
 * Takes vfs_lock itself. */
int filemap_punch_hole(struct inode *inode, uint64_t start, uint64_t end);

/* vma_is_file: the VMA maps a file through the page cache. */
bool vma_is_file(const struct vm_area_struct *vma);

/* vma_file_inode: the inode a file VMA maps (NULL for other VMAs). */
struct inode *vma_file_inode(const struct vm_area_struct *vma);

#endif
