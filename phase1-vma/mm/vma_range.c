/*
 * mm/vma_range.c - cutting the VMAs at the edges of a range, on top of the
 * lab functions find_vma and split_vma; and find_vma with a shortcut.
 *
 * vma_split_range is the first half of munmap and mprotect: after it,
 * every VMA that meets [start, end) lies wholly inside, so the caller can
 * remove or change whole VMAs and never a part of one:
 *
 *   before:   [ A            )  [ B )  [ C              )
 *   range:           [start                  end)
 *   after:    [ A1  )[ A2    )  [ B )  [ C1     )[ C2   )
 *                    ^ *first: A2, B and C1 lie inside [start, end)
 */
#include <arch/memlayout.h>
#include <arch/kassert.h>
#include <mm/mm.h>
#include <mm/vma.h>
#include <uapi/errno.h>

/* straddles: vma holds addresses on both sides of addr. */
static bool straddles(const struct vm_area_struct *vma, uint64_t addr)
{
    return vma && vma->vm_start < addr && addr < vma->vm_end;
}

/* find_vma_hinted: contract in vma.h.  The hint is the answer when addr
 * lies inside it or in the gap just before it. */
struct vm_area_struct *find_vma_hinted(struct mm_struct *mm, uint64_t addr)
{
    struct vm_area_struct *h = mm->vma_hint;

    if (h && addr < h->vm_end && (!h->vm_prev || h->vm_prev->vm_end <= addr))
        return h;
    h = find_vma(mm, addr);
    if (h)
        mm->vma_hint = h;
    return h;
}

/* vma_split_range: contract in vma.h.  The split at `end` comes first: the
 * VMA that straddles `start` keeps its lower part, so the pointer `lo`
 * still names it afterwards even when one VMA straddles both ends. */
int vma_split_range(struct mm_struct *mm, uint64_t start, uint64_t end,
                    struct vm_area_struct **first)
{
    struct vm_area_struct *lo, *hi;
    uint64_t splits;
    int err;

    KASSERT(start < end && !((start | end) & ~PAGE_MASK));
    *first = NULL;
    lo = find_vma_hinted(mm, start);
    if (!lo || lo->vm_start >= end)
        return 0;                       /* nothing mapped in the range */
    hi = lo->vm_end >= end ? lo : find_vma(mm, end - 1);  /* often one VMA */

    /* refuse before changing anything, rather than half-way */
    splits = straddles(lo, start) + straddles(hi, end);
    if (mm->map_count + splits > sysctl_max_map_count)
        return -ENOMEM;

    if (straddles(hi, end)) {
        err = split_vma(mm, hi, end, 0);
        if (err)
            return err;
    }
    if (straddles(lo, start)) {
        err = split_vma(mm, lo, start, 0);
        if (err)
            return err;
        lo = lo->vm_next;
    }
    *first = lo;
    return 0;
}
