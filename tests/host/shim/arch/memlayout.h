/*
 * tests/host/shim/arch/memlayout.h - "physical memory" on the host is a
 * buffer (host_ram, set up by host_ram_init() in shim.c); physical address
 * pa lives at host_ram + pa.  Everything else is as in the kernel.
 */
#ifndef ARCH_MEMLAYOUT_H
#define ARCH_MEMLAYOUT_H

#include <stdint.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE  4096ul
#define PAGE_MASK  (~(PAGE_SIZE - 1))

extern uint8_t *host_ram;
extern uint64_t host_ram_size;

#define KERNEL_VMA        0xffffffff80000000ul
#define PHYS_MAP_BASE     ((uint64_t)host_ram)
#define USER_TOP          0x0000800000000000ul
#define KERNEL_PML4_FIRST 256

static inline uint64_t page_round_down(uint64_t a) { return a & PAGE_MASK; }
static inline uint64_t page_round_up(uint64_t a) { return (a + PAGE_SIZE - 1) & PAGE_MASK; }

static inline void *phys_to_virt(uint64_t pa)
{
    return host_ram + pa;
}

static inline uint64_t virt_to_phys(const void *va)
{
    return (uint64_t)((const uint8_t *)va - host_ram);
}

/* host_ram_init: `pages` frames of zeroed, page-aligned "RAM". */
void host_ram_init(uint64_t pages);

/* host_frames_init: that RAM plus page_array/max_pfn describing it, every
 * frame reserved (a test then hands frames to the buddy allocator). */
void host_frames_init(uint64_t frames);

#endif
