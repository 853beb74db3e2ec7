/*
 * phase1-vma/mm/bootmem.c - a bump allocator for the first allocations,
 * before the buddy allocator has its frame descriptors.
 *
 * It picks the usable region with the most room above the kernel image
 * (and below 1 GiB, the part of memory the boot page tables map) and hands
 * out memory from its start upwards.  page_alloc_init() later keeps the
 * range it used out of the buddy allocator.
 */
#include <arch/memlayout.h>
#include <arch/printk.h>
#include <lib/string.h>
#include <mm/bootmem.h>

#define BOOT_MAPPED_LIMIT (1ul << 30)
#define LOW_MEMORY_END    0x100000ul  /* firmware and real-mode leftovers */

static uint64_t region_start, cursor, region_end;

void bootmem_init(const struct boot_info *bi)
{
    uint64_t floor = page_round_up(bi->kernel_phys_end);
    if (floor < LOW_MEMORY_END)
        floor = LOW_MEMORY_END;

    for (int i = 0; i < bi->nregions; i++) {
        const struct mem_region *r = &bi->regions[i];
        uint64_t start = page_round_up(r->base), end = page_round_down(r->base + r->length);
        if (r->type != MEM_USABLE)
            continue;
        if (start < floor)
            start = floor;
        if (end > BOOT_MAPPED_LIMIT)
            end = BOOT_MAPPED_LIMIT;
        if (end > start && end - start > region_end - region_start) {
            region_start = cursor = start;
            region_end = end;
        }
    }
    if (region_end == region_start)
        panic("bootmem: no usable memory between the kernel and 1 GiB");
}

uint64_t bootmem_alloc(uint64_t size, uint64_t align)
{
    uint64_t start = (cursor + align - 1) & ~(align - 1);
    if (start + size > region_end || start + size < start)
        panic("bootmem: out of memory allocating %lu bytes (region [%#lx-%#lx))",
              size, region_start, region_end);
    cursor = start + size;
    memset(phys_to_virt(start), 0, size);
    return start;
}

void bootmem_range(uint64_t *start, uint64_t *end)
{
    *start = region_start;
    *end = page_round_up(cursor);
}
