/*
 * phase1-vma/mm/mmap.c - creating and removing mappings: get_unmapped_area,
 * do_mmap and do_munmap.
 *
 *   mmap:    where? (get_unmapped_area: MAP_FIXED, the hint, or the gap
 *            search of lab 2) -> a new VMA -> into the tree -> merge with
 *            its neighbours (lab 4).  No frame is allocated: the first
 *            touch of each page faults it in (lab 5).
 *   munmap:  split the VMAs at the range's ends (lab 3) -> unmap their
 *            pages -> drop them from the tree.
 */
#include <mm/layout.h>
#include <mm/mmap.h>
#include <mm/page_alloc.h>
#include <mm/page_table.h>
#include <uapi/errno.h>
#include <uapi/mman.h>
#include <kernel/file.h>
#include <mm/shmem.h>

/* range_is_free: no VMA intersects [start, end). */
static bool range_is_free(struct mm_struct *mm, uint64_t start, uint64_t end)
{
    struct vm_area_struct *vma = find_vma(mm, start);
    return !vma || vma->vm_start >= end;
}

/* hint_is_free: [start, end) is free and not inside the guard gap below
 * a stack (the next VMA's vm_start_gap), as a hint must be. */
static bool hint_is_free(struct mm_struct *mm, uint64_t start, uint64_t end)
{
    struct vm_area_struct *vma = find_vma(mm, start);
    return !vma || (vma->vm_start >= end && vm_start_gap(vma) >= end);
}

/* topdown_from_hint: where the gap search would place `len` in the mmap
 * area, from mm->gap_hint alone, or -1 when the hint cannot tell: no gap
 * above the hint's fits the hint's length (vma_tree.c, Shortcuts), so
 * for a request at least that long the highest fitting gap is the hint's
 * own when that one fits. */
static int64_t topdown_from_hint(struct mm_struct *mm, uint64_t len)
{
    struct vm_area_struct *h = mm->gap_hint;
    uint64_t lo, hi;

    if (!h || len < mm->gap_hint_len)
        return -1;
    lo = h->vm_prev ? h->vm_prev->vm_end : 0;
    lo = lo > mm->mmap_min_addr ? lo : mm->mmap_min_addr;
    hi = vm_start_gap(h) < mm->mmap_base ? vm_start_gap(h) : mm->mmap_base;
    if (hi < lo || hi - lo < len)
        return -1;
    mm->vma_hint = h;                   /* the new VMA goes right before h */
    return (int64_t)(hi - len);
}

/* mmap_topdown: the highest place for `len` in the mmap area: from the
 * hint, or by the gap search of lab 2 (on exact gaps).  *in_area says
 * whether it was found there (not above mmap_base). */
static int64_t mmap_topdown(struct mm_struct *mm, uint64_t len, bool *in_area)
{
    int64_t found = topdown_from_hint(mm, len);

    *in_area = true;
    if (found >= 0)
        return found;
    vma_gaps_settle(mm);
    found = unmapped_area_topdown(mm, len, mm->mmap_min_addr, mm->mmap_base);
    if (found < 0) {    /* below the base is full: try above it, as Linux does */
        *in_area = false;
        found = unmapped_area_topdown(mm, len, mm->mmap_base, USER_TOP);
    }
    return found;
}

/* unmapped_area_for: get_unmapped_area's work; *searched says whether
 * the answer is the highest fit in the mmap area (hint or search), which
 * do_mmap may then remember as mm->gap_hint. */
static int64_t unmapped_area_for(struct mm_struct *mm, uint64_t addr, uint64_t len, int flags,
                                 bool *searched)
{
    *searched = false;

    if (len > USER_TOP - mm->mmap_min_addr)
        return -ENOMEM;
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (addr & ~PAGE_MASK)
            return -EINVAL;
        if (addr > USER_TOP - len)
            return -ENOMEM;
        if (addr < mm->mmap_min_addr)
            return -EPERM;
        return (int64_t)addr;
    }
    if (addr) {
        addr = page_round_down(addr);   /* as Linux: the hint is rounded down */
        if (addr >= mm->mmap_min_addr && addr <= USER_TOP - len &&
            hint_is_free(mm, addr, addr + len))
            return (int64_t)addr;
    }
    return mmap_topdown(mm, len, searched);
}

int64_t get_unmapped_area(struct mm_struct *mm, uint64_t addr, uint64_t len, int flags)
{
    bool searched;
    return unmapped_area_for(mm, addr, len, flags, &searched);
}

/* vm_flags_for: the VMA flags of a new mapping. */
static uint32_t vm_flags_for(int prot, int flags)
{
    uint32_t vm = (uint32_t)prot & VM_PROT_MASK;
    vm |= VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
    if ((flags & MAP_TYPE) == MAP_SHARED || (flags & MAP_TYPE) == MAP_SHARED_VALIDATE)
        vm |= VM_SHARED | VM_MAYSHARE;
    if (flags & MAP_NORESERVE)
        vm |= VM_NORESERVE;
    if (flags & MAP_GROWSDOWN)
        vm |= VM_GROWSDOWN;
    return vm;
}

struct vm_area_struct *mm_insert_vma(struct mm_struct *mm, uint64_t start, uint64_t end,
                                     uint32_t vm_flags)
{
    struct vm_area_struct *vma;

    if (mm->map_count >= sysctl_max_map_count || !(vma = vm_area_alloc(mm)))
        return NULL;
    vma->vm_start = start;
    vma->vm_end = end;
    vma->vm_flags = vm_flags;
    vma->vm_ops = &anon_vm_ops;
    vma_tree_insert(mm, vma);
    vm_stat_account(mm, vm_flags, (int64_t)((end - start) >> PAGE_SHIFT));
    return vma;
}

static void zap_range(struct mm_struct *mm, uint64_t start, uint64_t end, bool pfnmap);

/* release_vma: unmap a VMA's pages, close and free it; the tree and list
 * are the caller's business. */
static void release_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
    zap_range(mm, vma->vm_start, vma->vm_end, (vma->vm_flags & VM_PFNMAP) != 0);
    vm_stat_account(mm, vma->vm_flags, -(int64_t)((vma->vm_end - vma->vm_start) >> PAGE_SHIFT));
    if (vma->vm_ops && vma->vm_ops->close)
        vma->vm_ops->close(vma);
    vm_area_free(vma);
}

void mm_remove_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
    vma_tree_remove(mm, vma);
    release_vma(mm, vma);
}

void mm_remove_all_vmas(struct mm_struct *mm)
{
    struct vm_area_struct *vma = mm->mmap;

    /* the whole tree goes: no rebalancing on the way */
    mm->mmap = mm->vma_root = NULL;
    mm->vma_hint = mm->gap_hint = NULL;
    mm->gap_pending_count = 0;
    mm->map_count = 0;
    while (vma) {
        struct vm_area_struct *next = vma->vm_next;
        release_vma(mm, vma);
        vma = next;
    }
}

/* attach_file: let the file set up the new VMA (its ops, private data). */
static int attach_file(struct vm_area_struct *vma, struct file *file, uint64_t pgoff)
{
    if (!file->f_op->mmap)
        return -ENODEV;
    vma->vm_file = file;
    vma->vm_pgoff = pgoff;
    return file->f_op->mmap(file, vma);
}

int64_t do_mmap(struct mm_struct *mm, uint64_t addr, uint64_t len, int prot, int flags,
                struct file *file, uint64_t pgoff)
{
    struct vm_area_struct *vma;
    bool searched;
    int64_t start;
    int err = mm_check_prot(prot);
    uint32_t vm_flags = vm_flags_for(prot, flags) | mm->def_flags;

    if (err)
        return err;
    start = unmapped_area_for(mm, addr, len, flags, &searched);
    if (start < 0)
        return start;
    if ((flags & MAP_FIXED_NOREPLACE) && !range_is_free(mm, (uint64_t)start, start + len))
        return -EEXIST;
    if ((flags & MAP_LOCKED) && mm_locks_memory()) {  /* phase 1 ignores it */
        if (!mm_can_do_mlock())
            return -EPERM;
        vm_flags |= VM_LOCKED;
    }
    if (!mlock_future_ok(mm, vm_flags, len >> PAGE_SHIFT))
        return -EAGAIN;                 /* RLIMIT_MEMLOCK */
    if (flags & MAP_FIXED) {
        err = do_munmap(mm, (uint64_t)start, len);
        if (err)
            return err;
    }
    vma = mm_insert_vma(mm, (uint64_t)start, (uint64_t)start + len,
                        vm_flags | ((uint32_t)mm_choose_pkey(mm, NULL, prot, -1) << VM_PKEY_SHIFT));
    if (!vma)
        return -ENOMEM;
    if (file)
        err = attach_file(vma, file, pgoff);
    else if (vma->vm_flags & VM_SHARED)
        err = shmem_zero_setup(vma);   /* its own shmem object */
    else
        err = 0;
    if (err) {
        vma->vm_file = NULL;
        vma->vm_ops = &anon_vm_ops;
        mm_remove_vma(mm, vma);
        return err;
    }
    if ((vma->vm_flags & VM_SPECIAL) && (vma->vm_flags & VM_LOCKED_MASK)) {
        /* device memory is never locked (Linux's mmap_region) */
        mm->locked_vm -= len >> PAGE_SHIFT;
        vma->vm_flags &= ~VM_LOCKED_MASK;
    }
    vm_flags = vma->vm_flags;
    vma = vma_merge_neighbours(mm, vma);
    if (searched) {             /* the highest fit: nothing above fits len */
        mm->gap_hint = vma;
        mm->gap_hint_len = len;
    }
    if ((flags & MAP_POPULATE) || vma_wants_populate(vm_flags))
        mm_populate(mm, (uint64_t)start, (uint64_t)start + len);
    return start;
}

struct zap {
    struct mm_struct *mm;
    bool pfnmap;        /* a VM_PFNMAP VMA: device or kernel frames */
};

static void zap_pte(pte_t *pte, uint64_t va, void *ctx)
{
    struct zap *z = ctx;
    struct page *page = phys_to_page(pte_addr(*pte));
    pte_t e = *pte;

    pt_set(pte, 0);
    if (z->pfnmap || page_is_zero(page))
        return;     /* the zero page, a VM_PFNMAP frame: not counted, never freed */
    if ((e & PTE_DIRTY) && (page->flags & PG_CACHE))
        page->flags |= PG_DIRTY;    /* a store through a shared file mapping: the
                                     * page cache writes it back later */
    user_page_put(page);
    z->mm->rss--;
}

/* zap_range: clear the entries of [start, end); `pfnmap` when they belong
 * to a VM_PFNMAP VMA, whose frames the mapping neither counts nor owns. */
static void zap_range(struct mm_struct *mm, uint64_t start, uint64_t end, bool pfnmap)
{
    struct zap z = { mm, pfnmap };
    pt_walk_range(mm->pgd, start, end, zap_pte, &z, true);
}

void unmap_vma_pages(struct mm_struct *mm, uint64_t start, uint64_t end)
{
    struct vm_area_struct *vma = find_vma(mm, start);
    zap_range(mm, start, end, vma && vma->vm_start < end && (vma->vm_flags & VM_PFNMAP));
}

int do_munmap(struct mm_struct *mm, uint64_t start, uint64_t len)
{
    uint64_t end = start + len;
    struct vm_area_struct *vma;
    int err = vma_split_range(mm, start, end, &vma);

    if (err)
        return err;
    while (vma && vma->vm_start < end) {
        struct vm_area_struct *next = vma->vm_next;
        mm_remove_vma(mm, vma);
        vma = next;
    }
    mm_flush_tlb_range(mm, start, end);
    return 0;
}
