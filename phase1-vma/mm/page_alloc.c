/*
 * phase1-vma/mm/page_alloc.c - set up physical memory at boot:
 *
 *   1. bootmem_init: a region to allocate from before anything else exists
 *   2. the frame descriptor array (struct page for every frame up to the
 *      highest usable address), all marked reserved
 *   3. the kernel's own page tables (kernel_map.c), replacing the boot ones
 *   4. every usable frame that is not the first 1 MiB, the kernel image or
 *      bootmem's range goes to the buddy allocator
 */
#include <arch/printk.h>
#include <lib/string.h>
#include <mm/bootmem.h>
#include <mm/kernel_map.h>
#include <mm/page_alloc.h>

#define LOW_MEMORY_END 0x100000ul

struct page *page_array;
uint64_t max_pfn;

static uint64_t highest_usable_address(const struct boot_info *bi)
{
    uint64_t top = 0;
    for (int i = 0; i < bi->nregions; i++) {
        const struct mem_region *r = &bi->regions[i];
        if (r->type == MEM_USABLE && r->base + r->length > top)
            top = r->base + r->length;
    }
    return page_round_down(top);
}

static void init_page_array(void)
{
    uint64_t bytes = max_pfn * sizeof(struct page);
    page_array = phys_to_virt(bootmem_alloc(bytes, PAGE_SIZE));
    for (uint64_t pfn = 0; pfn < max_pfn; pfn++) {
        struct page *p = &page_array[pfn];
        p->next = p->prev = PFN_NONE;
        p->flags = PG_RESERVED;
    }
}

struct range {
    uint64_t start, end;
};

/* add_free: hand [start, end) minus the holes from index `i` on to the
 * buddy allocator. */
static void add_free(uint64_t start, uint64_t end, const struct range *holes, int n, int i)
{
    for (; i < n; i++) {
        if (holes[i].start < end && holes[i].end > start) {
            if (holes[i].start > start)
                add_free(start, holes[i].start, holes, n, i + 1);
            if (holes[i].end < end)
                add_free(holes[i].end, end, holes, n, i + 1);
            return;
        }
    }
    if (start < end)
        buddy_add_free_range(start >> PAGE_SHIFT, end >> PAGE_SHIFT);
}

void page_alloc_init(const struct boot_info *bi)
{
    struct range holes[3] = {
        { 0, LOW_MEMORY_END },
        { page_round_down(bi->kernel_phys_start), page_round_up(bi->kernel_phys_end) },
        { 0, 0 }, /* bootmem's range, known once the page tables are built */
    };

    bootmem_init(bi);
    max_pfn = highest_usable_address(bi) >> PAGE_SHIFT;
    init_page_array();
    kernel_map_init(max_pfn << PAGE_SHIFT);
    bootmem_range(&holes[2].start, &holes[2].end);
    buddy_init();

    for (int i = 0; i < bi->nregions; i++) {
        const struct mem_region *r = &bi->regions[i];
        if (r->type == MEM_USABLE)
            add_free(page_round_up(r->base), page_round_down(r->base + r->length),
                     holes, 3, 0);
    }
}

void page_alloc_print(void)
{
    struct buddy_stats st;
    uint64_t meta = max_pfn * sizeof(struct page);

    buddy_get_stats(&st);
    pr_info("mem: %lu MiB managed by the buddy allocator, %lu MiB free\n",
            st.managed_pages >> 8, st.free_pages >> 8);
    pr_info("mem: frame metadata %lu KiB: %zu bytes per 4 KiB frame (%lu.%02lu%% of memory)\n",
            meta >> 10, sizeof(struct page), sizeof(struct page) * 100 / PAGE_SIZE,
            sizeof(struct page) * 10000 / PAGE_SIZE % 100);
}
