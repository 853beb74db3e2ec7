/*
 * phase2-mapping/mm/mlock.c - mlock, munlock, mlock2, mlockall, munlockall
 * (hooks: syscall_register, and mm_set_lock_policy for RLIMIT_MEMLOCK's
 * rules in mmap, brk, mremap and stack growth), as Linux's mm/mlock.c:
 *
 *   mlock(addr, len)        the VMAs of the range get VM_LOCKED (split at
 *                           the ends, merged with matching neighbours) and
 *                           their pages are faulted in at once
 *   mlock2(.., ONFAULT)     VM_LOCKED | VM_LOCKONFAULT: pages stay where
 *                           they are and are locked as they fault
 *   munlock                 clears both
 *   mlockall(MCL_CURRENT)   every VMA now; MCL_FUTURE: mm->def_flags, so
 *                           every later mmap, brk and new stack page too
 *   munlockall              clears every VMA and def_flags
 *
 * mm->locked_vm counts the pages of VM_LOCKED VMAs exactly (check_mm
 * checks it).  RLIMIT_MEMLOCK: a process other than root (euid 0, our
 * CAP_IPC_LOCK) may not lock more (ENOMEM; EPERM when its limit is 0).
 * Device memory (VM_SPECIAL) is skipped silently.  fork clears the locks
 * in the child (phase 1's mm_fork), exec starts without them.
 *
 * Reclaim (phase 3) must never drop a page of a VM_LOCKED VMA.  We keep no
 * PG_MLOCKED on pages (an exact one needs a count of locking VMAs per page,
 * Linux's mlock_count): reclaim finds locked memory through the VMAs --
 * it only evicts page-cache pages no PTE maps (refcount 1, the cache's) or
 * unmaps pages by walking VMAs, and skips VM_LOCKED ones.
 */
#include <fs/vfs.h>
#include <kernel/syscall.h>
#include <mm/cow.h>
#include <mm/mmap.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#define RLIMIT_MEMLOCK 8

/* capable_ipc_lock: the caller may lock beyond RLIMIT_MEMLOCK (root). */
static bool capable_ipc_lock(void)
{
    struct fs_struct *fs = task_fs(current);
    return fs && fs->euid == 0;
}

/* lock_limit: RLIMIT_MEMLOCK in pages. */
static uint64_t lock_limit(void)
{
    return current->rlimits[RLIMIT_MEMLOCK].cur >> PAGE_SHIFT;
}

/* can_do_mlock: as Linux's: a non-zero limit, or root. */
static bool can_do_mlock(void)
{
    return current->rlimits[RLIMIT_MEMLOCK].cur != 0 || capable_ipc_lock();
}

/* future_ok: `pages` more locked pages fit the limit (mlock_future_ok). */
static bool future_ok(struct mm_struct *mm, uint32_t vm_flags, uint64_t pages)
{
    return capable_ipc_lock() || mm->locked_vm + pages <= lock_limit();
}

static const struct mm_lock_policy lock_policy = { can_do_mlock, future_ok };

/* mlock_fixup: give [start, end), all inside `vma`, the lock flags
 * `lock` (VM_LOCKED, | VM_LOCKONFAULT, or 0), splitting and merging, and
 * count locked_vm.  VM_SPECIAL VMAs are left alone.  Sets *next_start to
 * where the walk goes on.  0 or -ENOMEM (split). */
static int mlock_fixup(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t start,
                       uint64_t end, uint32_t lock)
{
    uint32_t old = vma->vm_flags, new = (old & ~VM_LOCKED_MASK) | lock;
    uint64_t pages = (end - start) >> PAGE_SHIFT;
    int err;

    if (new == old || (old & VM_SPECIAL))
        return 0;
    err = vma_split_range(mm, start, end, &vma);
    if (err)
        return err;
    vma->vm_flags = new;
    if ((new & VM_LOCKED) && !(old & VM_LOCKED))
        mm->locked_vm += pages;
    else if (!(new & VM_LOCKED) && (old & VM_LOCKED))
        mm->locked_vm -= pages;
    vma_merge_neighbours(mm, vma);
    return 0;
}

/* apply_vma_lock_flags: mlock_fixup over [start, end) (page-aligned),
 * Linux's order: a hole at `start` is ENOMEM with nothing changed, a hole
 * further on ENOMEM after the VMAs before it changed. */
static int apply_vma_lock_flags(struct mm_struct *mm, uint64_t start, uint64_t end,
                                uint32_t lock)
{
    struct vm_area_struct *vma = find_vma(mm, start);
    uint64_t addr = start;

    if (end < start)
        return -EINVAL;
    if (end == start)
        return 0;
    if (!vma || vma->vm_start > start)
        return -ENOMEM;
    while (addr < end) {
        uint64_t to;
        int err;
        vma = find_vma(mm, addr);
        if (!vma || vma->vm_start > addr)
            return -ENOMEM;
        to = vma->vm_end < end ? vma->vm_end : end;
        err = mlock_fixup(mm, vma, addr, to, lock);
        if (err)
            return err;
        addr = to;
    }
    return 0;
}

/* locked_in_range: pages of [start, end) already in VM_LOCKED VMAs
 * (Linux's count_mm_mlocked_page_nr: they do not count twice). */
static uint64_t locked_in_range(struct mm_struct *mm, uint64_t start, uint64_t end)
{
    uint64_t n = 0;

    for (struct vm_area_struct *v = find_vma(mm, start); v && v->vm_start < end; v = v->vm_next) {
        uint64_t from = v->vm_start > start ? v->vm_start : start;
        uint64_t to = v->vm_end < end ? v->vm_end : end;
        if (v->vm_flags & VM_LOCKED)
            n += (to - from) >> PAGE_SHIFT;
    }
    return n;
}

/* populate_locked: fault in the pages of the VM_LOCKED (not ONFAULT) VMAs
 * in [start, end), as Linux's __mm_populate after mlock.  0, or -ENOMEM
 * when a VMA allows no access (PROT_NONE: Linux's mlock says ENOMEM there
 * too, the VMA staying locked); `ignore_errors` (mlockall) goes on. */
static int populate_locked(struct mm_struct *mm, uint64_t start, uint64_t end,
                           bool ignore_errors)
{
    for (struct vm_area_struct *v = find_vma(mm, start); v && v->vm_start < end; v = v->vm_next) {
        uint64_t from = v->vm_start > start ? v->vm_start : start;
        uint64_t to = v->vm_end < end ? v->vm_end : end;
        if (!vma_wants_populate(v->vm_flags) || (v->vm_flags & VM_SPECIAL))
            continue;
        if (!(v->vm_flags & VM_PROT_MASK)) {
            if (ignore_errors)
                continue;
            return -ENOMEM;
        }
        mm_populate(mm, from, to);
        v = find_vma(mm, to - 1);       /* (the fault path never changes VMAs; be safe) */
    }
    return 0;
}

/* do_mlock: mlock and mlock2's work (Linux's do_mlock). */
static int64_t do_mlock(uint64_t start, uint64_t len, uint32_t lock)
{
    struct mm_struct *mm = current->mm;
    uint64_t locked, end;
    int err;

    if (!can_do_mlock())
        return -EPERM;
    len = page_round_up(len + (start & ~PAGE_MASK));
    start &= PAGE_MASK;
    end = start + len;
    locked = (len >> PAGE_SHIFT) + mm->locked_vm;
    if (locked > lock_limit() && !capable_ipc_lock() && end >= start)
        locked -= locked_in_range(mm, start, end);
    if (locked > lock_limit() && !capable_ipc_lock())
        return -ENOMEM;
    err = apply_vma_lock_flags(mm, start, end, lock);
    if (err)
        return err;
    return populate_locked(mm, start, end, false);
}

int64_t sys_mlock(uint64_t start, uint64_t len)
{
    return do_mlock(start, len, VM_LOCKED);
}

int64_t sys_mlock2(uint64_t start, uint64_t len, uint64_t flags)
{
    if (flags & ~(uint64_t)MLOCK_ONFAULT)
        return -EINVAL;
    return do_mlock(start, len, VM_LOCKED | (flags & MLOCK_ONFAULT ? VM_LOCKONFAULT : 0));
}

int64_t sys_munlock(uint64_t start, uint64_t len)
{
    len = page_round_up(len + (start & ~PAGE_MASK));
    start &= PAGE_MASK;
    return apply_vma_lock_flags(current->mm, start, start + len, 0);
}

/* apply_mlockall_flags: def_flags from MCL_FUTURE, every VMA from
 * MCL_CURRENT (Linux's apply_mlockall_flags; flags 0 is munlockall). */
static int apply_mlockall_flags(struct mm_struct *mm, uint64_t flags)
{
    uint32_t lock = 0;

    mm->def_flags &= ~VM_LOCKED_MASK;
    if (flags & MCL_FUTURE) {
        mm->def_flags |= VM_LOCKED | (flags & MCL_ONFAULT ? VM_LOCKONFAULT : 0);
        if (!(flags & MCL_CURRENT))
            return 0;
    }
    if (flags & MCL_CURRENT)
        lock = VM_LOCKED | (flags & MCL_ONFAULT ? VM_LOCKONFAULT : 0);
    for (struct vm_area_struct *vma = mm->mmap; vma;) {
        uint64_t end = vma->vm_end;
        int err = mlock_fixup(mm, vma, vma->vm_start, vma->vm_end, lock);
        if (err)
            return err;
        vma = find_vma(mm, end);        /* the VMA after it (merging may have moved it) */
    }
    return 0;
}

int64_t sys_mlockall(uint64_t flags)
{
    struct mm_struct *mm = current->mm;
    int err;

    if (!flags || (flags & ~(uint64_t)(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) ||
        flags == MCL_ONFAULT)
        return -EINVAL;
    if (!can_do_mlock())
        return -EPERM;
    if ((flags & MCL_CURRENT) && mm->total_vm > lock_limit() && !capable_ipc_lock())
        return -ENOMEM;
    err = apply_mlockall_flags(mm, flags);
    if (!err && (flags & MCL_CURRENT))
        populate_locked(mm, 0, USER_TOP, true);   /* errors ignored, as Linux's mlockall */
    return err;
}

int64_t sys_munlockall(void)
{
    return apply_mlockall_flags(current->mm, 0);
}

void mlock_init(void)
{
    mm_set_lock_policy(&lock_policy);
    syscall_register(149, "mlock", SYSCALL_HANDLER(sys_mlock));
    syscall_register(150, "munlock", SYSCALL_HANDLER(sys_munlock));
    syscall_register(151, "mlockall", SYSCALL_HANDLER(sys_mlockall));
    syscall_register(152, "munlockall", SYSCALL_HANDLER(sys_munlockall));
    syscall_register(325, "mlock2", SYSCALL_HANDLER(sys_mlock2));
}
