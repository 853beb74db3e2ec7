/*
 * phase2-mapping/mm/pfnmap.c - putting a frame the mapping does not own
 * into a VM_PFNMAP VMA (Linux's vmf_insert_pfn).  Phase 1's unmapping,
 * fork and check_mm leave such entries' frames alone (mm/special.h).
 */
#include <mm/mmap.h>
#include <mm/page_table.h>
#include <mm/special.h>
#include <uapi/errno.h>

int vmf_insert_pfn(struct vm_area_struct *vma, uint64_t addr, uint64_t phys, pte_t cache_bits)
{
    pte_t *pte = pt_entry(vma->vm_mm->pgd, addr, 1, pt_alloc_user_table);

    if (!pte)
        return -ENOMEM;
    if (*pte == 0)
        pt_set(pte, (phys & PTE_ADDR_MASK) | vma_pte_flags(vma->vm_flags) | cache_bits);
    return 0;
}
