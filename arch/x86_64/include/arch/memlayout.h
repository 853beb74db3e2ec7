/*
 * arch/memlayout.h - the fixed shape of the 48-bit virtual address space.
 *
 *  0xffffffffffffffff +--------------------------+
 *                     | kernel image (2 GiB)     |  text RX, rodata R, data RW
 *  0xffffffff80000000 +--------------------------+  = KERNEL_VMA + physical
 *                     |        (unused)          |
 *  0xffff900000000000 +--------------------------+
 *                     | direct map of all RAM    |  RW, NX, 1 GiB/2 MiB pages
 *  0xffff800000000000 +--------------------------+  = PHYS_MAP_BASE + physical
 *                     | non-canonical hole       |  #GP on any access
 *  0x0000800000000000 +--------------------------+  = USER_TOP
 *                     | user space (128 TiB)     |  laid out per process by
 *                     |                          |  the kernel (mm/layout.h)
 *  0x0000000000000000 +--------------------------+
 *
 * The upper half (PML4 entries 256..511) is the same in every address space:
 * each process's PML4 shares the kernel's page-table pages below those entries.
 */
#ifndef ARCH_MEMLAYOUT_H
#define ARCH_MEMLAYOUT_H

#include <stdint.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE  4096ul
#define PAGE_MASK  (~(PAGE_SIZE - 1))

#define KERNEL_VMA      0xffffffff80000000ul
#define PHYS_MAP_BASE   0xffff800000000000ul
#define PHYS_MAP_MAX    0x0000100000000000ul /* 16 TiB of RAM at most */
#define USER_TOP        0x0000800000000000ul /* first address above user space */
#define KERNEL_PML4_FIRST 256                /* PML4 slots 256..511 are the kernel's */

/* Boundaries of the kernel image, from arch/x86_64/kernel.ld. */
extern char __kernel_phys_start[], __kernel_phys_end[];
extern char __text_start[], __text_end[];
extern char __rodata_start[], __rodata_end[];
extern char __data_start[], __bss_start[], __bss_end[], __kernel_end[];

static inline uint64_t page_round_down(uint64_t a) { return a & PAGE_MASK; }
static inline uint64_t page_round_up(uint64_t a) { return (a + PAGE_SIZE - 1) & PAGE_MASK; }

/* phys_to_virt: where physical address `pa` appears in the direct map. */
static inline void *phys_to_virt(uint64_t pa)
{
    return (void *)(pa + PHYS_MAP_BASE);
}

/* virt_to_phys: the physical address behind a direct-map or kernel-image
 * address.  Not for user addresses: those need a page-table walk. */
static inline uint64_t virt_to_phys(const void *va)
{
    uint64_t a = (uint64_t)va;
    return a >= KERNEL_VMA ? a - KERNEL_VMA : a - PHYS_MAP_BASE;
}

#endif
