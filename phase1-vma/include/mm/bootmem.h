/*
 * mm/bootmem.h - the allocator used before the buddy allocator exists: it
 * hands out physical memory from one usable region, never to be freed
 * (the frame descriptors and the kernel page tables).
 */
#ifndef MM_BOOTMEM_H
#define MM_BOOTMEM_H

#include <arch/boot_info.h>
#include <stdint.h>

void bootmem_init(const struct boot_info *bi);

/* bootmem_alloc: `size` bytes aligned to `align`, zeroed; returns a physical
 * address (panics when memory runs out: nothing works without it).  Only
 * memory below 1 GiB, which the boot page tables map, is used. */
uint64_t bootmem_alloc(uint64_t size, uint64_t align);

/* bootmem_range: the physical range handed out so far, [*start, *end). */
void bootmem_range(uint64_t *start, uint64_t *end);

#endif
