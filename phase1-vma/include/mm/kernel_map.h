/*
 * mm/kernel_map.h - the kernel half of every address space.
 *
 * kernel_map_init() builds the kernel's page tables once: the kernel image
 * with per-section rights (text read-only and executable, rodata read-only,
 * data and bss read-write, both no-execute) and a direct map of all RAM
 * (read-write, no-execute, with 1 GiB or 2 MiB pages).  Nothing in the
 * kernel half is user-accessible.  Each process's top-level table copies
 * entries 256..511 from here, so the kernel half is shared by all.
 */
#ifndef MM_KERNEL_MAP_H
#define MM_KERNEL_MAP_H

#include <arch/paging.h>

extern pte_t *kernel_pml4;          /* direct-map address */
extern uint64_t kernel_pml4_phys;

/* kernel_map_init: build the tables (memory from bootmem) and switch to them. */
void kernel_map_init(uint64_t phys_end);

/* kernel_map_describe: boot-log lines about the kernel mappings. */
void kernel_map_print(void);

#endif
