/*
 * phase2-mapping/mm/filemap_unmap.c - taking a file's pages out of every
 * address space that maps them (truncate, hole punching), through the
 * file's list of VMAs (address_space.i_mmap): Linux's unmap_mapping_range.
 *
 *   file pages [first, last)  ->  for each VMA on i_mmap: the part of its
 *   range that maps those pages -> clear the entries (dirty bits go to the
 *   pages, which are about to be dropped anyway) -> flush the TLB.
 */
#include <fs/vfs.h>
#include <mm/filemap.h>
#include <mm/mmap.h>
#include <mm/page_alloc.h>
#include <mm/page_table.h>

struct unmap_walk {
    struct vm_area_struct *vma;
    struct address_space *mapping;
    bool even_cows;
};

/* unmap_entry: clear one entry -- any, with even_cows; else only one that
 * maps a page of this file's cache (a private copy stays, as on Linux). */
static void unmap_entry(pte_t *pte, uint64_t va, void *arg)
{
    struct unmap_walk *w = arg;
    struct page *page = phys_to_page(pte_addr(*pte));

    (void)va;
    if (!w->even_cows && !((page->flags & PG_CACHE) && page->owner == w->mapping))
        return;
    if ((*pte & PTE_DIRTY) && (page->flags & PG_CACHE))
        page->flags |= PG_DIRTY;
    pt_set(pte, 0);
    if (!page_is_zero(page)) {
        user_page_put(page);
        w->vma->vm_mm->rss--;
    }
}

bool mapping_vma_range(const struct vm_area_struct *vma, uint64_t first, uint64_t last,
                       uint64_t *start, uint64_t *end)
{
    uint64_t vfirst = vma->vm_pgoff;
    uint64_t vlast = vfirst + ((vma->vm_end - vma->vm_start) >> PAGE_SHIFT);

    if (last <= vfirst || first >= vlast)
        return false;
    *start = vma->vm_start + ((first > vfirst ? first - vfirst : 0) << PAGE_SHIFT);
    *end = vma->vm_start + (((last < vlast ? last : vlast) - vfirst) << PAGE_SHIFT);
    return true;
}

void unmap_mapping_range(struct address_space *mapping, uint64_t first, uint64_t last,
                         bool even_cows)
{
    for (struct list_head *p = mapping->i_mmap.next; p != &mapping->i_mmap; p = p->next) {
        struct vm_area_struct *vma = list_entry(p, struct vm_area_struct, vm_shared);
        struct unmap_walk w = { vma, mapping, even_cows };
        uint64_t start, end;

        if (!mapping_vma_range(vma, first, last, &start, &end))
            continue;
        pt_walk_range(vma->vm_mm->pgd, start, end, unmap_entry, &w, false);
        mm_flush_tlb_range(vma->vm_mm, start, end);
    }
}
