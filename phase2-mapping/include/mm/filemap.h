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
struct address_space_operations;
struct file;
struct file_ra_state;
struct inode;
struct page;
struct vm_area_struct;

/* ---- the cache (mm/filemap.c) ---------------------------------------- */

/* mapping_init: an empty cache for `host`, moving pages with `a_ops`
 * (NULL: the file is not cached: a device, a pipe). */
void mapping_init(struct address_space *mapping, struct inode *host,
                  const struct address_space_operations *a_ops);

/* add_to_page_cache: a new zeroed page at `index` (which must be free),
 * with the cache's reference; NULL without memory. */
struct page *add_to_page_cache(struct address_space *mapping, uint64_t index);

/* filemap_read_page: a new page at `index` filled by a_ops->readpage (a
 * hole when there is none).  NULL with *err -ENOMEM or the read's error. */
struct page *filemap_read_page(struct address_space *mapping, uint64_t index, int *err);

/* filemap_get_page: page `index` of the file: from the cache, or read
 * (then *major is set); either way readahead may read the pages after it
 * (vm_flags: the faulting VMA's, for MADV_SEQUENTIAL / MADV_RANDOM; 0 for
 * read()).  NULL
 * with *err on failure.  The page stays the cache's: take a reference to
 * keep it past vfs_unlock. */
struct page *filemap_get_page(struct address_space *mapping, uint64_t index,
                              uint32_t vm_flags, bool *major, int *err);

/* mapping_end_index: the first page index wholly past the end of file. */
uint64_t mapping_end_index(const struct address_space *mapping);

/* truncate_inode_pages: the file is now `newsize` bytes: every page past
 * it leaves every mapping and the cache, and the last page's bytes past
 * the end become zeros. */
void truncate_inode_pages(struct inode *inode, uint64_t newsize);

/* filemap_size_grows: the file grew from `oldsize`: zero the old last
 * page's bytes past oldsize (a shared mapping may have stored there). */
void filemap_size_grows(struct inode *inode, uint64_t oldsize);

/* truncate_pagecache: the file is about to become `newsize` bytes (the
 * file system checked the size; i_size is still the old one): the cache
 * follows -- truncate_inode_pages when it shrinks, filemap_size_grows when
 * it grows. */
void truncate_pagecache(struct inode *inode, uint64_t newsize);

/* mapping_release: the inode is being evicted: its dirty pages are
 * written (unless the file was deleted) and every page freed. */
void mapping_release(struct inode *inode);

/* filemap_drop_clean_page: drop a cached page that no one maps and that
 * is clean and not locked (the file system can read it again): true if it
 * was dropped.  The hook phase 3's reclaim will use. */
bool filemap_drop_clean_page(struct page *page);

/* drop_clean_caches: drop every cached page filemap_drop_clean_page
 * allows, in every file (vm.drop_caches, as Linux's
 * /proc/sys/vm/drop_caches).  Takes vfs_lock itself. */
void drop_clean_caches(void);

/* for_each_cached_mapping: call fn(mapping, arg) for every cache holding
 * pages (fn may empty it). */
void for_each_cached_mapping(void (*fn)(struct address_space *mapping, void *arg), void *arg);

/* ---- read() and write() through the cache (mm/filemap_rw.c) ----------- */

/* filemap_read / filemap_write: inode_operations.read / .write of a
 * regular file whose pages are cached (contract in fs/vfs.h).  write
 * marks the pages dirty; writeback puts them on the disk later. */
int64_t filemap_read(struct inode *inode, void *buf, uint64_t n, uint64_t pos, bool user);
int64_t filemap_write(struct inode *inode, const void *buf, uint64_t n, uint64_t pos,
                      bool user);

/* ---- mappings (mm/filemap_mmap.c, mm/filemap_unmap.c) ----------------- */

/* filemap_mmap: f_op->mmap of a regular file: Linux's checks against the
 * open mode (EACCES), VM_MAY* limited by it, the file VMA operations. */
int filemap_mmap(struct file *file, struct vm_area_struct *vma);

/* Lab 10 (labs/lab10_filemap_fault.c): the fault of a file VMA where no
 * entry is present: map page vm_pgoff + (addr - vm_start) / PAGE_SIZE of
 * the file from the page cache -- shared, or private (read: the cache's
 * frame read-only and PTE_COW; write: a copy).  0, VM_FAULT_MAJOR, -EIO
 * past the end of the file (SIGBUS), -ENOMEM.  Caller holds vfs_lock. */
int filemap_fault(struct vm_area_struct *vma, uint64_t addr, unsigned fault_flags);

/* unmap_mapping_range: clear every page-table entry, in every VMA mapping
 * the file, of the pages [first, last) -- with `even_cows`, private copies
 * of them too (truncate), else only entries of the cached pages. */
void unmap_mapping_range(struct address_space *mapping, uint64_t first, uint64_t last,
                         bool even_cows);

/* mapping_vma_range: the addresses in `vma` (a VMA of the file) of file
 * pages [first, last); false when it maps none of them. */
bool mapping_vma_range(const struct vm_area_struct *vma, uint64_t first, uint64_t last,
                       uint64_t *start, uint64_t *end);

/* ---- readahead (mm/readahead.c; lab 12 decides the window) ------------ */

#define RA_INIT_PAGES 4         /* the first window after a sequential miss */
#define RA_MAX_PAGES  32        /* the largest: 128 KiB, Linux's read_ahead_kb */

/* Lab 12 (labs/lab12_readahead.c): page `index` was just used, a miss or
 * a hit; vm_flags is the faulting VMA's (0 for read()): VM_SEQ_READ and
 * VM_RAND_READ change the policy.  Returns how many pages to read ahead
 * from *start (0: none) and updates ra (the rules: mm/readahead.c). */
uint64_t ra_window(struct file_ra_state *ra, uint64_t index, bool miss, uint32_t vm_flags,
                   uint64_t *start);

/* page_cache_readahead: after page `index` was used (a miss, or a hit),
 * read the pages ra_window names that are not cached yet, up to the end of
 * the file. */
void page_cache_readahead(struct address_space *mapping, uint64_t index, bool miss,
                          uint32_t vm_flags);

/* ---- writeback (mm/writeback.c) -------------------------------------- */

/* write_dirty_pages: write the dirty pages of [first, last) back, after
 * collecting the dirty bits of every shared mapping.  0 or the first error. */
int write_dirty_pages(struct address_space *mapping, uint64_t first, uint64_t last);

/* writeback_all: every dirty page of every file (sync, power-off). */
int writeback_all(void);

/* writeback_init: periodic writeback and the sync at power-off. */
void writeback_init(void);

/* ---- what the rest of phase 2 asks (msync, mincore, madvise) ----------- */

/* find_get_page: the cached page at `index`, or NULL (no reference is
 * taken: the caller holds vfs_lock, and nothing drops pages under it). */
struct page *find_get_page(struct address_space *mapping, uint64_t index);

/* find_next_page: the cached page with the lowest index in [*index, last),
 * or NULL; *index moves past it.  Walks only what is cached (the store
 * skips empty subtrees), so a loop over a sparse range costs what it finds:
 *     for (uint64_t i = first; (page = find_next_page(m, &i, last));) ... */
struct page *find_next_page(struct address_space *mapping, uint64_t *index, uint64_t last);

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
