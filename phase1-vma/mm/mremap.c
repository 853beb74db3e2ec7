/*
 * phase1-vma/mm/mremap.c - mremap(): make a mapping shorter or longer,
 * moving it when it cannot grow where it is.
 *
 *   shrink         [ vma ............ )        ->  [ vma .. )      the tail unmapped
 *   grow in place  [ vma )   free   [ next     ->  [ vma ...... ) [ next
 *   move           [ vma )[ next               ->  [ new VMA ............ )  elsewhere
 *
 * A move never copies a page: the page-table entries are moved to the new
 * addresses and the frames stay where they are (musl's realloc of a large
 * block relies on it).  The new VMA is a copy of the old one -- same
 * rights, same backing object, its offset continued -- and merges with its
 * new neighbours (lab 4); the old range is unmapped, or with
 * MREMAP_DONTUNMAP stays mapped and empty (its next touch is a fresh page).
 * Linux's checks come first, in sys_mm.c; the errors are Linux's.
 * Locked memory (VM_LOCKED, phase 2): growth must fit RLIMIT_MEMLOCK
 * (EAGAIN) and is faulted in at once; locked_vm follows the VMAs; the
 * range MREMAP_DONTUNMAP leaves behind is no longer locked, as on Linux.
 */
#include <mm/mmap.h>
#include <mm/page_table.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

struct pte_move {
    struct mm_struct *mm;
    uint64_t delta;             /* new address - old address */
    bool failed;
};

/* reserve_table: make sure the destination of one entry has a table
 * (pass 1: all allocation happens before anything moves). */
static void reserve_table(pte_t *pte, uint64_t va, void *ctx)
{
    struct pte_move *m = ctx;
    if (!m->failed && !pt_entry(m->mm->pgd, va + m->delta, 1, pt_alloc_user_table))
        m->failed = true;
}

/* move_pte: pass 2: the entry changes address; its frame does not move. */
static void move_pte(pte_t *pte, uint64_t va, void *ctx)
{
    struct pte_move *m = ctx;
    pte_t *dst = pt_lookup(m->mm->pgd, va + m->delta);
    pt_set(dst, *pte);
    pt_set(pte, 0);
}

static void nothing(pte_t *pte, uint64_t va, void *ctx)
{
}

/* move_page_tables: move the entries of [old, old + len) to [new, ...).
 * 0, or -ENOMEM with nothing moved (no table could be had). */
static int move_page_tables(struct mm_struct *mm, uint64_t old, uint64_t new, uint64_t len)
{
    struct pte_move m = { mm, new - old, false };

    pt_walk_range(mm->pgd, old, old + len, reserve_table, &m, false);
    if (m.failed) {     /* give back the tables made for nothing */
        pt_walk_range(mm->pgd, new, new + len, nothing, NULL, true);
        return -ENOMEM;
    }
    pt_walk_range(mm->pgd, old, old + len, move_pte, &m, true);
    mm_flush_tlb_range(mm, old, old + len);
    return 0;
}

/* unlock_range: clear VM_LOCKED and VM_LOCKONFAULT on [start, end)
 * (what MREMAP_DONTUNMAP leaves behind), splitting at its ends. */
static void unlock_range(struct mm_struct *mm, uint64_t start, uint64_t end)
{
    struct vm_area_struct *vma;

    if (vma_split_range(mm, start, end, &vma) != 0)
        return;
    for (; vma && vma->vm_start < end; vma = vma->vm_next) {
        if (vma->vm_flags & VM_LOCKED)
            mm->locked_vm -= (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
        vma->vm_flags &= ~VM_LOCKED_MASK;
    }
}

/* move_vma: [old, old + old_len), which lies inside `vma`, becomes
 * [new, new + new_len) (new_len >= old_len), free until now. */
static int64_t move_vma(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t old,
                        uint64_t old_len, uint64_t new, uint64_t new_len, int flags)
{
    struct vm_area_struct *moved;
    int err;

    if (mm->map_count + 3 > sysctl_max_map_count)  /* two splits, one new VMA */
        return -ENOMEM;
    moved = vm_area_dup(vma);
    if (!moved)
        return -ENOMEM;
    moved->vm_start = new;
    moved->vm_end = new + new_len;
    moved->vm_pgoff = vma->vm_pgoff + ((old - vma->vm_start) >> PAGE_SHIFT);
    err = move_page_tables(mm, old, new, old_len);
    if (err) {
        vm_area_free(moved);
        return err;
    }
    vma_tree_insert(mm, moved);
    vm_stat_account(mm, moved->vm_flags, (int64_t)(new_len >> PAGE_SHIFT));
    if (moved->vm_ops && moved->vm_ops->open)
        moved->vm_ops->open(moved);
    if (!(flags & MREMAP_DONTUNMAP)) {
        err = do_munmap(mm, old, old_len);       /* its pages are gone already */
        if (err)
            return err;
    } else if (vma->vm_flags & VM_LOCKED_MASK) {
        unlock_range(mm, old, old + old_len);
    }
    moved = vma_merge_neighbours(mm, moved);
    if (vma_wants_populate(moved->vm_flags) && new_len > old_len)
        mm_populate(mm, new + old_len, new + new_len);
    return (int64_t)new;
}

/* can_grow_in_place: nothing lies in [end, new_end) and it is user space. */
static bool can_grow_in_place(struct vm_area_struct *vma, uint64_t new_end)
{
    return new_end <= USER_TOP && (!vma->vm_next || vma->vm_next->vm_start >= new_end);
}

/* vma_to_resize: the VMA holding all of [addr, addr + old_len), or NULL
 * (-EFAULT for the caller); NULL too, as Linux, when a VM_DONTEXPAND VMA
 * (a special mapping) would grow, or a special one would be kept by
 * MREMAP_DONTUNMAP. */
static struct vm_area_struct *vma_to_resize(struct mm_struct *mm, uint64_t addr,
                                            uint64_t old_len, uint64_t new_len, int flags)
{
    struct vm_area_struct *vma = find_vma(mm, addr);
    if (!vma || vma->vm_start > addr || old_len > vma->vm_end - addr)
        return NULL;
    if ((vma->vm_flags & VM_DONTEXPAND) && new_len > old_len)
        return NULL;
    if ((flags & MREMAP_DONTUNMAP) && (vma->vm_flags & (VM_DONTEXPAND | VM_PFNMAP)))
        return NULL;
    return vma;
}

/* mremap_to: MREMAP_FIXED or MREMAP_DONTUNMAP: always a move, to new_addr
 * (FIXED: exactly there, replacing what was there; else a hint). */
static int64_t mremap_to(struct mm_struct *mm, uint64_t addr, uint64_t old_len,
                         uint64_t new_len, int flags, uint64_t new_addr)
{
    struct vm_area_struct *vma;
    int64_t target;
    int err;

    if (flags & MREMAP_FIXED) {
        if ((new_addr & ~PAGE_MASK) || new_len > USER_TOP || new_addr > USER_TOP - new_len)
            return -EINVAL;
        if (new_addr < addr + old_len && addr < new_addr + new_len)
            return -EINVAL;                     /* the ranges overlap */
        target = get_unmapped_area(mm, new_addr, new_len, MAP_FIXED);
        if (target < 0)
            return target;
        err = do_munmap(mm, new_addr, new_len);
        if (err)
            return err;
    }
    if (old_len > new_len) {
        err = do_munmap(mm, addr + new_len, old_len - new_len);
        if (err)
            return err;
        old_len = new_len;
    }
    vma = vma_to_resize(mm, addr, old_len, new_len, flags);
    if (!vma)
        return -EFAULT;
    if (new_len > old_len && !mlock_future_ok(mm, vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT))
        return -EAGAIN;
    if (!(flags & MREMAP_FIXED)) {
        target = get_unmapped_area(mm, new_addr, new_len, 0);
        if (target < 0)
            return target;
        new_addr = (uint64_t)target;
    }
    return move_vma(mm, vma, addr, old_len, new_addr, new_len, flags);
}

int64_t do_mremap(struct mm_struct *mm, uint64_t addr, uint64_t old_len, uint64_t new_len,
                  int flags, uint64_t new_addr)
{
    struct vm_area_struct *vma = find_vma(mm, addr);
    int64_t target;

    if (!vma || vma->vm_start > addr)           /* as Linux 6.x: always looked up */
        return -EFAULT;
    if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
        return mremap_to(mm, addr, old_len, new_len, flags, new_addr);
    if (old_len >= new_len) {                   /* shrink (or nothing) */
        if (old_len > new_len) {
            int err = do_munmap(mm, addr + new_len, old_len - new_len);
            if (err)
                return err;
        }
        return (int64_t)addr;
    }
    vma = vma_to_resize(mm, addr, old_len, new_len, flags);
    if (!vma)
        return -EFAULT;
    if (!mlock_future_ok(mm, vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT))
        return -EAGAIN;
    if (vma->vm_end == addr + old_len && can_grow_in_place(vma, addr + new_len)) {
        uint32_t vm_flags = vma->vm_flags;
        vma_set_range(vma, vma->vm_start, addr + new_len);
        vm_stat_account(mm, vm_flags, (int64_t)((new_len - old_len) >> PAGE_SHIFT));
        vma_merge_neighbours(mm, vma);
        if (vma_wants_populate(vm_flags))
            mm_populate(mm, addr + old_len, addr + new_len);
        return (int64_t)addr;
    }
    if (!(flags & MREMAP_MAYMOVE))
        return -ENOMEM;
    target = get_unmapped_area(mm, 0, new_len, 0);
    if (target < 0)
        return target;
    return move_vma(mm, vma, addr, old_len, (uint64_t)target, new_len, flags);
}
