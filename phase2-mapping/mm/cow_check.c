/*
 * phase2-mapping/mm/cow_check.c - the invariants of copy-on-write, taught
 * to check_mm (hook: check_mm_set_ops).
 *
 * For every used entry of a private VMA check_mm walks:
 *   - a writable entry's frame has no other user (refcount 1): a frame
 *     shared by fork must never be writable, or one process's write would
 *     show in the other;
 *   - a read-only present entry of a writable private anonymous VMA has a
 *     reason: it is marked PTE_COW (fork shared it, or it maps the zero
 *     page).  Its frame may have other users now (refcount > 1) or not any
 *     more (the other side copied or exited: the next write reuses it).
 *
 *   - a page of a file's page cache in a private VMA is read-only and
 *     PTE_COW: a store must copy it, never reach the file.
 *
 * And, when a test asks (usmm_check_mm), across the whole system: every
 * frame's reference count equals the number of entries that map it, plus
 * one for the shared-memory object or the page cache holding it (see
 * mm/shmem.c, mm/filemap.c); entries of other kinds of mapping may have
 * more kernel users.  The zero page is
 * left out.  Cost: one walk of every address space plus one pass over the
 * frame descriptors, so it is not run on every return to user mode.
 */
#include <arch/printk.h>
#include <lib/string.h>
#include <mm/cow.h>
#include <mm/filemap.h>
#include <mm/mmap.h>
#include <mm/page_alloc.h>
#include <mm/page_table.h>
#include <mm/shmem.h>
#include <mm/slab.h>
#include <proc/task.h>

/* cow_check_pte: the check_mm_ops.check_pte hook (contract in mm/mmap.h). */
static const char *cow_check_pte(struct vm_area_struct *vma, uint64_t va, pte_t e,
                                 struct page *page)
{
    if ((vma->vm_flags & VM_SHARED) || !pte_present(e))
        return NULL;
    if ((page->flags & PG_CACHE) && ((e & PTE_WRITE) || !(e & PTE_COW)))
        return "maps a file's cached page in a private VMA without copy-on-write";
    if ((e & PTE_WRITE) && page->refcount != 1)
        return "is writable in a private VMA but its frame has other users";
    if ((vma->vm_flags & VM_WRITE) && !(e & PTE_WRITE) && !(e & PTE_COW) &&
        vma->vm_ops == &anon_vm_ops)
        return "is read-only in a writable private VMA for no reason (not PTE_COW)";
    return NULL;
}

/* ---- the system-wide audit ------------------------------------------- */

#define MAP_COUNT_MASK 0x3fffffffu
#define MAP_SHMEM      0x40000000u  /* mapped by shared anonymous memory */
#define MAP_OTHER      0x80000000u  /* mapped by a VMA that may hold kernel refs */
#define MAX_SHARED_MMS 64

struct audit {
    uint32_t *maps;             /* per frame: entries mapping it (+ MAP_OTHER) */
    const struct vm_area_struct *vma;
    struct mm_struct *seen[MAX_SHARED_MMS];   /* address spaces shared by tasks */
    int nseen;
};

static void count_map(pte_t *pte, uint64_t va, void *arg)
{
    struct audit *a = arg;
    uint64_t pfn = pte_addr(*pte) >> PAGE_SHIFT;

    if (pfn >= max_pfn || page_is_zero(pfn_to_page(pfn)))
        return;
    a->maps[pfn]++;
    if (a->vma->vm_ops == &shmem_vm_ops)
        a->maps[pfn] |= MAP_SHMEM;
    else if (a->vma->vm_ops != &anon_vm_ops && !vma_is_file(a->vma))
        a->maps[pfn] |= MAP_OTHER;  /* (a file VMA's private copies: exact) */
}

/* visited_shared: an address space shared by several tasks (vfork) is
 * counted once. */
static bool visited_shared(struct audit *a, struct mm_struct *mm)
{
    if (mm->users <= 1)
        return false;
    for (int i = 0; i < a->nseen; i++)
        if (a->seen[i] == mm)
            return true;
    if (a->nseen < MAX_SHARED_MMS)
        a->seen[a->nseen++] = mm;
    return false;
}

static int count_task(struct task *t, void *arg)
{
    struct audit *a = arg;

    if (!t->mm || visited_shared(a, t->mm))
        return 0;
    for (a->vma = t->mm->mmap; a->vma; a->vma = a->vma->vm_next)
        if (!(a->vma->vm_flags & VM_PFNMAP))    /* device, vDSO: no references */
            pt_walk_range(t->mm->pgd, a->vma->vm_start, a->vma->vm_end, count_map, a, false);
    return 0;
}

/* frame_ok: is the frame's refcount right for `maps`, its mappings?
 * Private anonymous: exactly the mappings; shared anonymous and the page
 * cache: one more (the object's, the cache's); other kinds: at least the
 * mappings (kernel users unknown). */
static bool frame_ok(const struct page *page, uint32_t maps)
{
    int32_t n = (int32_t)(maps & MAP_COUNT_MASK);

    if (page->flags & PG_CACHE)
        return page->refcount == n + 1;
    if (maps & MAP_OTHER)
        return page->refcount >= n;
    if (maps & MAP_SHMEM)
        return page->refcount == n + 1;
    return page->refcount == n;
}

static int cow_audit(void)
{
    struct audit a;
    int bad = 0;

    memset(&a, 0, sizeof(a));
    a.maps = kzalloc(max_pfn * sizeof(uint32_t));
    if (!a.maps)
        return 0;       /* no memory to audit with: nothing to say */
    task_for_each(count_task, &a);
    for (uint64_t pfn = 0; pfn < max_pfn && !bad; pfn++) {
        struct page *page = pfn_to_page(pfn);
        uint32_t n = a.maps[pfn] & MAP_COUNT_MASK;
        if (!n)
            continue;
        if (!frame_ok(page, a.maps[pfn])) {
            printk("check_mm: frame %#lx has refcount %d but %u mappings (%s)\n",
                   pfn << PAGE_SHIFT, page->refcount, n,
                   a.maps[pfn] & MAP_SHMEM ? "shared memory" : "private memory");
            bad = 1;
        }
    }
    kfree(a.maps);
    return bad ? -1 : 0;
}

static const struct check_mm_ops cow_check_ops = {
    .check_pte = cow_check_pte,
    .audit = cow_audit,
};

void cow_check_init(void)
{
    check_mm_set_ops(&cow_check_ops);
}
