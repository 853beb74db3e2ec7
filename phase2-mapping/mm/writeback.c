/*
 * phase2-mapping/mm/writeback.c - putting dirty pages of the page cache
 * back on their files: Linux's writeback, in its simplest form.
 *
 * Where dirtiness comes from:
 *   - write() sets PG_DIRTY on the pages it changed (mm/filemap_rw.c);
 *   - a store through a MAP_SHARED mapping sets the DIRTY bit of the page
 *     table entry -- the CPU does it, the kernel is not told.  Those bits
 *     are collected into PG_DIRTY (and cleared, so the next store sets
 *     them again) by walking the file's shared VMAs (vma_sync_dirty), and
 *     by unmapping (phase 1's zap moves the bit of a cached page).
 *
 * When pages are written (a_ops->writepage; the block cache reaches the
 * disk when vfs_lock is released):
 *   - msync(MS_SYNC), fsync, fdatasync: that file (filemap_write_range);
 *   - sync, and the orderly power-off: every file (writeback_all);
 *   - periodically: every DIRTY_WRITEBACK_TICKS, on some task's way back
 *     to user mode (there are no kernel threads here; Linux's flusher
 *     threads do it every 5 s) -- the same work acts on vm.drop_caches;
 *   - when the inode is evicted (mapping_release, mm/filemap.c).
 * Closing a file or unmapping it writes nothing (as on Linux).
 * The page written is first zeroed past the end of the file: bytes a
 * shared mapping stored there never reach the file.
 */
#include <arch/printk.h>
#include <fs/vfs.h>
#include <kernel/entry.h>
#include <kernel/power.h>
#include <kernel/sysctl.h>
#include <lib/string.h>
#include <mm/filemap.h>
#include <mm/mmap.h>
#include <mm/page.h>
#include <mm/page_table.h>
#include <mm/vmstat.h>
#include <proc/sched.h>
#include <uapi/errno.h>

#define DIRTY_WRITEBACK_TICKS (5 * TIMER_HZ)


/* collect_dirty: one entry of a shared file VMA: its dirty bit, if set,
 * moves to the page. */
static void collect_dirty(pte_t *pte, uint64_t va, void *arg)
{
    struct page *page = phys_to_page(pte_addr(*pte));
    bool *flush = arg;

    (void)va;
    if (!(*pte & PTE_DIRTY) || !(page->flags & PG_CACHE))
        return;
    pt_set(pte, *pte & ~PTE_DIRTY);
    page->flags |= PG_DIRTY;
    *flush = true;
}

void vma_sync_dirty(struct vm_area_struct *vma, uint64_t start, uint64_t end)
{
    bool flush = false;

    if (!vma_is_file(vma) || !(vma->vm_flags & VM_SHARED))
        return;
    pt_walk_range(vma->vm_mm->pgd, start, end, collect_dirty, &flush, false);
    if (flush)      /* a TLB entry that still says dirty would let stores go unseen */
        mm_flush_tlb_range(vma->vm_mm, start, end);
}

/* collect_mapping_dirty: the dirty bits of every shared writable mapping
 * of file pages [first, last). */
static void collect_mapping_dirty(struct address_space *mapping, uint64_t first, uint64_t last)
{
    if (!mapping->nr_shared_writable)
        return;
    for (struct list_head *p = mapping->i_mmap.next; p != &mapping->i_mmap; p = p->next) {
        struct vm_area_struct *vma = list_entry(p, struct vm_area_struct, vm_shared);
        uint64_t start, end;
        if ((vma->vm_flags & VM_SHARED) && mapping_vma_range(vma, first, last, &start, &end))
            vma_sync_dirty(vma, start, end);
    }
}

/* write_page: one dirty page to the file: the part inside the file, with
 * the rest of the page zeroed first. */
static int write_page(struct address_space *mapping, struct page *page)
{
    struct inode *inode = mapping->host;
    uint64_t pos = page->index << PAGE_SHIFT;
    uint64_t len = inode->i_size > pos ? inode->i_size - pos : 0;
    int err;

    page->flags &= (uint16_t)~PG_DIRTY;
    if (len == 0)
        return 0;               /* wholly past the end (truncated meanwhile) */
    if (len < PAGE_SIZE)
        memset((uint8_t *)page_address(page) + len, 0, PAGE_SIZE - len);
    else
        len = PAGE_SIZE;
    err = mapping->a_ops->writepage(inode, page->index, page_address(page), (unsigned)len);
    if (err) {
        page->flags |= PG_DIRTY;    /* still to be written */
        printk("writeback: %s inode %lu page %lu: error %d\n", inode->i_sb->s_type,
               inode->i_ino, page->index, err);
        return err;
    }
    vmstat.writeback_pages++;
    return 0;
}

int write_dirty_pages(struct address_space *mapping, uint64_t first, uint64_t last)
{
    int result = 0;

    if (!mapping->a_ops || !mapping->a_ops->writepage || !mapping->nrpages)
        return 0;               /* memory only (ramfs): nothing to write to */
    collect_mapping_dirty(mapping, first, last);
    for (struct page *page; (page = find_next_page(mapping, &first, last));) {
        if (page->flags & PG_DIRTY) {
            int err = write_page(mapping, page);
            if (err && !result)
                result = err;
        }
    }
    return result;
}

int filemap_write_range(struct inode *inode, uint64_t start, uint64_t end)
{
    int err;

    if (end <= start)
        return 0;
    vfs_lock();
    err = write_dirty_pages(&inode->i_mapping, start >> PAGE_SHIFT,
                            end >= UINT64_MAX - PAGE_SIZE ? UINT64_MAX
                                                          : (end + PAGE_SIZE - 1) >> PAGE_SHIFT);
    vfs_unlock();               /* and the blocks go to the disk */
    return err;
}

/* writeback_mapping: all of one file; the first error is kept in *arg. */
static void writeback_mapping(struct address_space *mapping, void *arg)
{
    int *first_err = arg, err = write_dirty_pages(mapping, 0, UINT64_MAX);

    if (err && !*first_err)
        *first_err = err;
}

int writeback_all(void)
{
    int err = 0;

    vfs_lock();
    for_each_cached_mapping(writeback_mapping, &err);
    vfs_unlock();
    return err;
}

/* vm.drop_caches: set to 1 (usmm_sysctl), the clean pages nobody maps
 * are dropped before the call returns to user mode -- Linux's
 * /proc/sys/vm/drop_caches (which also writes nothing back first). */
static int64_t sysctl_drop_caches;

/* cache_upkeep: the user-return work (kernel/entry.h): vm.drop_caches,
 * and every DIRTY_WRITEBACK_TICKS a writeback of every dirty page. */
static void cache_upkeep(void)
{
    static uint64_t next = DIRTY_WRITEBACK_TICKS;

    if (sysctl_drop_caches) {
        sysctl_drop_caches = 0;
        drop_clean_caches();
    }
    if (ticks < next)
        return;
    next = ticks + DIRTY_WRITEBACK_TICKS;
    writeback_all();
}

static void sync_before_power_off(void)
{
    writeback_all();
}

void writeback_init(void)
{
    entry_set_user_work(cache_upkeep);
    sysctl_register("vm.drop_caches", &sysctl_drop_caches, 0, 1);
    power_off_set_hook(sync_before_power_off);
}
