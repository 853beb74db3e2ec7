/*
 * phase1-vma/mm/shmem.c - shared anonymous memory (see mm/shmem.h).
 */
#include <mm/mmap.h>
#include <mm/page_alloc.h>
#include <mm/page_table.h>
#include <mm/shmem.h>
#include <mm/slab.h>
#include <uapi/errno.h>

struct shmem_object *shmem_create(uint64_t size)
{
    struct shmem_object *obj = kzalloc(sizeof(*obj));
    if (!obj)
        return NULL;
    obj->refcount = 1;
    obj->size = size;
    page_store_init(&obj->pages);
    return obj;
}

void shmem_get(struct shmem_object *obj)
{
    obj->refcount++;
}

void shmem_put(struct shmem_object *obj)
{
    if (--obj->refcount > 0)
        return;
    page_store_clear(&obj->pages, user_page_put);
    kfree(obj);
}

/* shmem_fault: map the object's page for `addr`, creating it (zeroed) on
 * the first touch by anyone. */
static int shmem_fault(struct vm_area_struct *vma, uint64_t addr, unsigned fault_flags)
{
    struct shmem_object *obj = vma->vm_private_data;
    uint64_t index = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
    struct page *page = page_store_lookup(&obj->pages, index);
    pte_t *pte = pt_entry(vma->vm_mm->pgd, addr, 1, pt_alloc_user_table);

    if (!pte)
        return -ENOMEM;
    if (*pte != 0)
        return 0;
    if (!page) {
        page = user_page_alloc();
        if (!page)
            return -ENOMEM;
        if (page_store_insert(&obj->pages, index, page) != 0) {
            user_page_put(page);
            return -ENOMEM;
        }
    }
    get_page(page);                 /* the mapping's reference */
    pt_set(pte, page_to_phys(page) | vma_pte_flags(vma->vm_flags));
    vma->vm_mm->rss++;
    return 0;
}

static void shmem_open(struct vm_area_struct *vma)
{
    shmem_get(vma->vm_private_data);
}

static void shmem_close(struct vm_area_struct *vma)
{
    shmem_put(vma->vm_private_data);
}

const struct vm_operations_struct shmem_vm_ops = {
    .name = "shmem",
    .fault = shmem_fault,
    .open = shmem_open,
    .close = shmem_close,
};

void shmem_attach(struct vm_area_struct *vma, struct shmem_object *obj, uint64_t pgoff)
{
    shmem_get(obj);
    vma->vm_ops = &shmem_vm_ops;
    vma->vm_private_data = obj;
    vma->vm_pgoff = pgoff;
}

int shmem_zero_setup(struct vm_area_struct *vma)
{
    struct shmem_object *obj = shmem_create(vma->vm_end - vma->vm_start);
    if (!obj)
        return -ENOMEM;
    shmem_attach(vma, obj, 0);
    shmem_put(obj);             /* the VMA holds the only reference now */
    return 0;
}
