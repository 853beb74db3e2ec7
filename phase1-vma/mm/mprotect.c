/*
 * phase1-vma/mm/mprotect.c - changing the rights of a range:
 *
 *   check the whole range is mapped and may get the new rights (and the
 *   protection policy allows them: W^X, phase 2)
 *   -> split the VMAs at the range's ends (lab 3)
 *   -> new flags (and protection key) on every VMA inside, and on every page-table entry
 *      (so no stale writable entry survives a change to read-only)
 *   -> merge with neighbours that now look the same (lab 4)
 *   -> flush the TLB for the range.
 */
#include <mm/mmap.h>
#include <mm/page_table.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

static const struct mm_prot_policy *prot_policy;

void mm_set_prot_policy(const struct mm_prot_policy *policy)
{
    prot_policy = policy;
}

int mm_check_prot(int prot)
{
    return prot_policy && prot_policy->check_prot ? prot_policy->check_prot(prot) : 0;
}

int mm_choose_pkey(struct mm_struct *mm, const struct vm_area_struct *vma, int prot, int pkey)
{
    if (prot_policy && prot_policy->choose_pkey)
        return prot_policy->choose_pkey(mm, vma, prot, pkey);
    if (pkey != -1)
        return pkey;
    return vma ? vma_pkey(vma) : 0;
}

/* check_range: 0 when [start, end) is covered by VMAs without holes and
 * each may take `prot`; -ENOMEM for a hole, -EACCES for too many rights. */
static int check_range(struct mm_struct *mm, uint64_t start, uint64_t end, int prot)
{
    struct vm_area_struct *vma = find_vma_hinted(mm, start);   /* split_range's too */
    uint64_t covered = start;

    for (; vma && vma->vm_start < end; vma = vma->vm_next) {
        if (vma->vm_start > covered)
            return -ENOMEM;
        if (((prot & VM_READ) && !(vma->vm_flags & VM_MAYREAD)) ||
            ((prot & VM_WRITE) && !(vma->vm_flags & VM_MAYWRITE)) ||
            ((prot & VM_EXEC) && !(vma->vm_flags & VM_MAYEXEC)))
            return -EACCES;
        covered = vma->vm_end;
    }
    return covered >= end ? 0 : -ENOMEM;
}

/* change_pte: the entry with the rights of `vm_flags`, its frame and cache
 * bits (PCD/PWT: device memory stays uncached); one marked PTE_COW
 * (phase 2) keeps its mark and stays read-only: only the write fault may
 * give it a frame of its own (Linux keeps such pages write-protected too). */
static void change_pte(pte_t *pte, uint64_t va, void *ctx)
{
    const uint32_t *vm_flags = ctx;
    pte_t keep = *pte & (PTE_ACCESSED | PTE_DIRTY | PTE_COW | PTE_PCD | PTE_PWT);
    pte_t e = pte_addr(*pte) | vma_pte_flags(*vm_flags) | keep;
    if (e & PTE_COW)
        e &= ~PTE_WRITE;
    pt_set(pte, e);
}

int do_mprotect_pkey(struct mm_struct *mm, uint64_t start, uint64_t len, int prot, int pkey)
{
    uint64_t end = start + len;
    struct vm_area_struct *vma;
    int err = mm_check_prot(prot);

    if (!err)
        err = check_range(mm, start, end, prot);
    if (!err)
        err = vma_split_range(mm, start, end, &vma);
    if (err)
        return err;
    for (struct vm_area_struct *v = vma; v && v->vm_start < end; v = v->vm_next) {
        uint32_t key = (uint32_t)mm_choose_pkey(mm, v, prot, pkey);
        v->vm_flags = (v->vm_flags & ~(VM_PROT_MASK | VM_PKEY_MASK)) |
                      ((uint32_t)prot & VM_PROT_MASK) | ((key << VM_PKEY_SHIFT) & VM_PKEY_MASK);
        pt_walk_range(mm->pgd, v->vm_start, v->vm_end, change_pte, &v->vm_flags, false);
    }
    /* merge each VMA of the range with its neighbours; one that grew into
     * its successor tries again, as the new successor may match too */
    while (vma && vma->vm_start < end) {
        uint64_t old_end = vma->vm_end;
        vma = vma_merge_neighbours(mm, vma);
        if (vma->vm_end > old_end && vma->vm_end <= end)
            continue;
        vma = vma->vm_next;
    }
    mm_flush_tlb_range(mm, start, end);
    return 0;
}
