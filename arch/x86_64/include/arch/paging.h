/*
 * arch/paging.h - the x86-64 page-table entry format and the TLB.
 *
 * Four levels, 9 bits of the virtual address each, 4 KiB pages:
 *
 *   47      39 38      30 29      21 20      12 11         0
 *  +----------+----------+----------+----------+------------+
 *  |  PML4    |  PDPT    |   PD     |   PT     |  offset    |
 *  +----------+----------+----------+----------+------------+
 *    level 4    level 3    level 2    level 1
 *
 * A page-table entry (any level):
 *
 *   63  62..59  58..52  51 ............. 12  11..9  8  7  6  5  4   3   2  1  0
 *  +--+-------+-------+---------------------+-----+--+--+--+--+---+---+--+--+--+
 *  |NX| PKEY  | avail | physical frame      |avail|G |PS|D |A |PCD|PWT|U |W |P |
 *  +--+-------+-------+---------------------+-----+--+--+--+--+---+---+--+--+--+
 *
 * P present, W writable, U user-accessible, A accessed, D dirty (last level),
 * PS 2 MiB / 1 GiB page (levels 2 and 3), G global (not flushed by a CR3
 * write), NX no-execute (needs EFER.NXE), PKEY protection key (needs CR4.PKE).
 */
#ifndef ARCH_PAGING_H
#define ARCH_PAGING_H

#include <stdint.h>
#include <arch/memlayout.h>

typedef uint64_t pte_t;

#define PTE_PRESENT  (1ull << 0)
#define PTE_WRITE    (1ull << 1)
#define PTE_USER     (1ull << 2)
#define PTE_PWT      (1ull << 3)
#define PTE_PCD      (1ull << 4)
#define PTE_ACCESSED (1ull << 5)
#define PTE_DIRTY    (1ull << 6)
#define PTE_HUGE     (1ull << 7)
#define PTE_GLOBAL   (1ull << 8)
#define PTE_SOFT0    (1ull << 9)   /* free for the kernel's own use */
#define PTE_SOFT1    (1ull << 10)
#define PTE_SOFT2    (1ull << 11)
#define PTE_NX       (1ull << 63)
#define PTE_PKEY_SHIFT 59
#define PTE_PKEY_MASK  (0xfull << PTE_PKEY_SHIFT)
#define PTE_ADDR_MASK  0x000ffffffffff000ull

#define PT_LEVELS   4
#define PT_ENTRIES  512

/* pt_index: the index of `va` in a table of `level` (4 = PML4 ... 1 = PT). */
static inline unsigned pt_index(uint64_t va, int level)
{
    return (unsigned)(va >> (PAGE_SHIFT + 9 * (level - 1))) & (PT_ENTRIES - 1);
}

/* pt_level_size: bytes one entry of a table at `level` covers. */
static inline uint64_t pt_level_size(int level)
{
    return 1ull << (PAGE_SHIFT + 9 * (level - 1));
}

static inline uint64_t pte_addr(pte_t e) { return e & PTE_ADDR_MASK; }
static inline int pte_present(pte_t e) { return (e & PTE_PRESENT) != 0; }

/* tlb_flush_page: forget the translation of one page of the current space. */
static inline void tlb_flush_page(uint64_t va)
{
    __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/* tlb_flush_all_user: reload CR3, dropping every non-global translation. */
static inline void tlb_flush_all_user(void)
{
    uint64_t cr3;
    __asm__ volatile("mov %%cr3, %0; mov %0, %%cr3" : "=r"(cr3) : : "memory");
}

static inline void load_page_table(uint64_t pml4_phys)
{
    __asm__ volatile("mov %0, %%cr3" : : "r"(pml4_phys) : "memory");
}

static inline uint64_t current_page_table(void)
{
    uint64_t cr3;
    __asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
    return cr3 & PTE_ADDR_MASK;
}

#endif
