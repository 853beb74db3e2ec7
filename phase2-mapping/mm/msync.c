/*
 * phase2-mapping/mm/msync.c - msync(addr, length, flags) (hook:
 * syscall_register): a MAP_SHARED file mapping's stores go to its file.
 *
 *   every flag     the PTE dirty bits of the range move to the cached
 *                  pages (vma_sync_dirty): a later writeback sees them
 *   MS_SYNC        and the file's dirty pages holding those bytes are
 *                  written to the disk now (filemap_write_range)
 *   MS_ASYNC       nothing more: periodic writeback does it (as Linux)
 *   MS_INVALIDATE  nothing to do (one cache: every mapping sees the file
 *                  already), but EBUSY on a locked VMA, as Linux
 *
 * Linux's checks and order: EINVAL for an unaligned addr, unknown flags,
 * MS_SYNC with MS_ASYNC; ENOMEM when the rounded range wraps; a hole is
 * ENOMEM -- at once for flags == MS_SYNC, else after the mapped parts are
 * done.  Anonymous and private mappings: nothing to write, 0.
 */
#include <kernel/syscall.h>
#include <mm/filemap.h>
#include <mm/mcalls.h>
#include <mm/mmap.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

/* msync_vma: the work for [start, end), inside `vma`. 0 or -EIO. */
static int msync_vma(struct vm_area_struct *vma, uint64_t start, uint64_t end, uint64_t flags)
{
    uint64_t fstart;

    if (!vma_is_file(vma) || !(vma->vm_flags & VM_SHARED))
        return 0;
    vma_sync_dirty(vma, start, end);
    if (!(flags & MS_SYNC))
        return 0;
    fstart = (vma->vm_pgoff << PAGE_SHIFT) + (start - vma->vm_start);
    return filemap_write_range(vma_file_inode(vma), fstart, fstart + (end - start));
}

int64_t sys_msync(uint64_t start, uint64_t len, uint64_t flags)
{
    struct mm_struct *mm = current->mm;
    int unmapped_error = 0;
    uint64_t end;

    if (flags & ~(uint64_t)(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
        return -EINVAL;
    if (start & ~PAGE_MASK)
        return -EINVAL;
    if ((flags & MS_ASYNC) && (flags & MS_SYNC))
        return -EINVAL;
    len = page_round_up(len);
    end = start + len;
    if (end < start)
        return -ENOMEM;
    while (start < end) {
        struct vm_area_struct *vma = find_vma(mm, start);
        uint64_t to;
        int err;
        if (!vma)
            return -ENOMEM;
        if (start < vma->vm_start) {
            if (flags == MS_SYNC)
                return -ENOMEM;
            start = vma->vm_start;
            if (start >= end)
                return -ENOMEM;
            unmapped_error = -ENOMEM;
        }
        if ((flags & MS_INVALIDATE) && (vma->vm_flags & VM_LOCKED))
            return -EBUSY;
        to = vma->vm_end < end ? vma->vm_end : end;
        err = msync_vma(vma, start, to, flags);
        if (err)
            return err;
        start = to;
    }
    return unmapped_error;
}

void msync_init(void)
{
    syscall_register(26, "msync", SYSCALL_HANDLER(sys_msync));
}
