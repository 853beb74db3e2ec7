/*
 * phase1-vma/mm/anon.c - anonymous memory: frames that belong to user
 * mappings, and the operations of an anonymous VMA.  Its fault handler,
 * do_anonymous_page() -- the demand-zero fault -- is lab 5
 * (labs/lab5_anonymous_fault.c).
 */
#include <arch/cpu.h>
#include <arch/page_ops.h>
#include <mm/mmap.h>
#include <mm/page_alloc.h>
#include <mm/vmstat.h>

const struct vm_operations_struct anon_vm_ops = {
    .name = "anon",
    .fault = do_anonymous_page,
};

pte_t vma_pte_flags(uint32_t vm_flags)
{
    pte_t flags;
    if (!(vm_flags & VM_PROT_MASK))
        return PTE_PROTNONE;
    flags = PTE_PRESENT | PTE_USER;
    if (vm_flags & VM_WRITE)
        flags |= PTE_WRITE;
    if (!(vm_flags & VM_EXEC) && cpu_features.nx)
        flags |= PTE_NX;
    if (cpu_features.ospke)
        flags |= (pte_t)((vm_flags & VM_PKEY_MASK) >> VM_PKEY_SHIFT) << PTE_PKEY_SHIFT;
    return flags;
}

struct page *user_page_alloc(void)
{
    struct page *p = alloc_zeroed_page();
    if (!p)
        return NULL;
    p->flags |= PG_USER;
    vmstat.user_pages++;
    return p;
}

struct page *user_page_copy(const struct page *src)
{
    struct page *p = alloc_page();
    if (!p)
        return NULL;
    copy_page(page_address(p), page_address(src));
    p->flags |= PG_USER;
    vmstat.user_pages++;
    return p;
}

void user_page_put(struct page *p)
{
    if (p->refcount == 1) {
        p->flags &= (uint16_t)~PG_USER;
        vmstat.user_pages--;
    }
    put_page(p);
}
