/*
 * phase1-vma/mm/populate.c - filling pages of an address space from the
 * kernel: exec copies the program and its arguments in, MAP_POPULATE
 * faults a whole mapping in at once.  Both go through the VMA's own fault
 * handler, exactly as a first touch from user space would.
 */
#include <arch/memlayout.h>
#include <lib/string.h>
#include <mm/mmap.h>
#include <arch/trap.h>
#include <mm/page_table.h>
#include <uapi/errno.h>

/* populate_page: make the page at `addr` present -- for a write by the
 * kernel (`write`: a page of its own, never a frame shared copy-on-write or
 * from a file's cache) or as a read would; return its direct-map address,
 * or NULL with *err set. */
static uint8_t *populate_page(struct mm_struct *mm, uint64_t addr, bool write, int *err)
{
    struct vm_area_struct *vma = find_vma_hinted(mm, addr);   /* O(1) page after page */
    pte_t *pte;
    int r;

    if (!vma || vma->vm_start > addr) {
        *err = -EFAULT;
        return NULL;
    }
    pte = pt_lookup(mm->pgd, addr);
    if (!pte || *pte == 0) {
        r = vma->vm_ops->fault(vma, addr, write ? FAULT_FLAG_WRITE : 0);
    } else if (write && (*pte & PTE_COW)) {     /* shared: break it first */
        r = handle_mm_fault(mm, addr, FAULT_FLAG_WRITE, PF_PRESENT | PF_WRITE);
    } else {
        r = 0;
    }
    *err = r < 0 ? r : 0;       /* VM_FAULT_MAJOR is a success */
    if (r < 0)
        return NULL;
    pte = pt_lookup(mm->pgd, addr);
    return phys_to_virt(pte_addr(*pte));
}

int mm_populate_write(struct mm_struct *mm, uint64_t uaddr, const void *src, uint64_t len)
{
    const uint8_t *from = src;

    while (len > 0) {
        uint64_t page = page_round_down(uaddr), offset = uaddr - page;
        uint64_t chunk = PAGE_SIZE - offset < len ? PAGE_SIZE - offset : len;
        int err = 0;
        uint8_t *kaddr = populate_page(mm, page, true, &err);
        if (!kaddr)
            return err;
        memcpy(kaddr + offset, from, chunk);
        from += chunk;
        uaddr += chunk;
        len -= chunk;
    }
    return 0;
}

void mm_populate(struct mm_struct *mm, uint64_t start, uint64_t end)
{
    struct vm_area_struct *vma = find_vma_hinted(mm, start);
    bool write;

    if (!vma || !(vma->vm_flags & VM_PROT_MASK))
        return;     /* PROT_NONE: nothing may touch it, nothing to fault in */
    /* as Linux: a private writable mapping is populated as writes (its own
     * pages now), anything else as reads (a file's pages stay shared) */
    write = (vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE;
    for (uint64_t addr = start; addr < end; addr += PAGE_SIZE) {
        int err = 0;
        if (!populate_page(mm, addr, write, &err))
            return;
    }
}
