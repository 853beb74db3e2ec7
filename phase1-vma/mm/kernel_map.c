/*
 * phase1-vma/mm/kernel_map.c - the kernel's page tables (see
 * mm/kernel_map.h).  Built once at boot from bootmem, then loaded into CR3;
 * from then on the boot tables, and with them the identity mapping of low
 * memory, are gone: a stray access to a small address faults.
 */
#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <arch/printk.h>
#include <mm/bootmem.h>
#include <mm/kernel_map.h>
#include <mm/page_table.h>

pte_t *kernel_pml4;
uint64_t kernel_pml4_phys;
static uint64_t direct_map_bytes, direct_map_page_size;

static uint64_t bootmem_table(void)
{
    return bootmem_alloc(PAGE_SIZE, PAGE_SIZE);
}

static void map_direct(uint64_t phys_end)
{
    int level = cpu_features.gbpages ? 3 : 2;
    uint64_t size = pt_level_size(level);
    pte_t global = cpu_features.pge ? PTE_GLOBAL : 0;
    pte_t nx = cpu_features.nx ? PTE_NX : 0;

    direct_map_page_size = size;
    direct_map_bytes = (phys_end + size - 1) & ~(size - 1);
    for (uint64_t pa = 0; pa < direct_map_bytes; pa += size) {
        pte_t *e = pt_entry(kernel_pml4, PHYS_MAP_BASE + pa, level, bootmem_table);
        pt_set(e, pa | PTE_PRESENT | PTE_WRITE | PTE_HUGE | global | nx);
    }
}

static void map_image_range(const char *start, const char *end, pte_t flags)
{
    pte_t global = cpu_features.pge ? PTE_GLOBAL : 0;
    for (uint64_t va = (uint64_t)start; va < (uint64_t)end; va += PAGE_SIZE) {
        pte_t *e = pt_entry(kernel_pml4, va, 1, bootmem_table);
        pt_set(e, (va - KERNEL_VMA) | PTE_PRESENT | global | flags);
    }
}

void kernel_map_init(uint64_t phys_end)
{
    pte_t nx = cpu_features.nx ? PTE_NX : 0;

    kernel_pml4_phys = bootmem_table();
    kernel_pml4 = phys_to_virt(kernel_pml4_phys);

    /* every kernel-half top-level entry exists from the start, so the
     * copies in process page tables never go stale */
    for (int i = KERNEL_PML4_FIRST; i < PT_ENTRIES; i++)
        pt_set(&kernel_pml4[i], bootmem_table() | PTE_PRESENT | PTE_WRITE);

    map_direct(phys_end);
    map_image_range(__text_start, __rodata_start, 0);
    map_image_range(__rodata_start, __rodata_end, nx);
    map_image_range(__rodata_end, __kernel_end, PTE_WRITE | nx);
    load_page_table(kernel_pml4_phys);
}

void kernel_map_print(void)
{
    pr_info("mem: kernel page tables: text r-x, rodata r--, data rw-, direct map "
            "%lu MiB rw- in %s pages at %#lx\n",
            direct_map_bytes >> 20, direct_map_page_size == (1ul << 30) ? "1 GiB" : "2 MiB",
            PHYS_MAP_BASE);
}
