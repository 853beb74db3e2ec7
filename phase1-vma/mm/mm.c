/*
 * phase1-vma/mm/mm.c - creating, switching and destroying address spaces.
 */
#include <arch/cpu.h>
#include <arch/printk.h>
#include <lib/string.h>
#include <mm/kernel_map.h>
#include <mm/layout.h>
#include <mm/mmap.h>
#include <mm/page_alloc.h>
#include <mm/page_table.h>
#include <mm/slab.h>
#include <mm/vmstat.h>

#define TLB_FLUSH_ALL_THRESHOLD 32  /* pages; beyond this a CR3 reload is cheaper */

static struct kmem_cache mm_cache;
static struct mm_struct *active_mm;

void mm_init(void)
{
    kmem_cache_init(&mm_cache, "mm_struct", sizeof(struct mm_struct));
    vma_cache_init();
}

/* pgd_alloc: a top-level table whose kernel half is the kernel's. */
static int pgd_alloc(struct mm_struct *mm)
{
    uint64_t pa = pt_alloc_user_table();
    if (!pa)
        return -1;
    mm->pgd_phys = pa;
    mm->pgd = phys_to_virt(pa);
    for (int i = KERNEL_PML4_FIRST; i < PT_ENTRIES; i++)
        pt_set(&mm->pgd[i], kernel_pml4[i]);
    return 0;
}

static void pgd_free(struct mm_struct *mm)
{
    for (int i = KERNEL_PML4_FIRST; i < PT_ENTRIES; i++)
        pt_set(&mm->pgd[i], 0);
    pt_free_table(mm->pgd_phys);
}

struct mm_struct *mm_create(void)
{
    struct mm_struct *mm = kmem_cache_zalloc(&mm_cache);
    if (!mm)
        return NULL;
    if (pgd_alloc(mm) < 0) {
        kmem_cache_free(&mm_cache, mm);
        return NULL;
    }
    mm->users = 1;
    if (cpu_features.ospke) {         /* as Linux's init_new_context */
        mm->pkey_allocation_map = 1;  /* key 0: the default key */
        mm->execute_only_pkey = -1;
    }
    layout_init(mm);
    return mm;
}

void mm_destroy(struct mm_struct *mm)
{
    if (active_mm == mm)
        mm_activate(NULL);
    mm_remove_all_vmas(mm);
    pt_free_user_tables(mm->pgd);
    pgd_free(mm);
    kmem_cache_free(&mm_cache, mm);
}

void mmget(struct mm_struct *mm)
{
    mm->users++;
}

void mmput(struct mm_struct *mm)
{
    if (--mm->users == 0)
        mm_destroy(mm);
}

void mm_activate(struct mm_struct *mm)
{
    if (mm == active_mm)
        return;
    active_mm = mm;
    load_page_table(mm ? mm->pgd_phys : kernel_pml4_phys);
}

struct mm_struct *mm_current(void)
{
    return active_mm;
}

void mm_flush_tlb_range(struct mm_struct *mm, uint64_t start, uint64_t end)
{
    if (mm != active_mm)
        return;     /* its translations were dropped when CR3 changed */
    if ((end - start) / PAGE_SIZE > TLB_FLUSH_ALL_THRESHOLD) {
        tlb_flush_all_user();
        return;
    }
    for (uint64_t va = start; va < end; va += PAGE_SIZE)
        tlb_flush_page(va);
}
