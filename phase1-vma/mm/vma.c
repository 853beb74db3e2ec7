/*
 * mm/vma.c - where VMAs come from: a slab cache of vm_area_struct, and the
 * limit on how many one address space may hold.
 *
 * The host tests replace this file with tests/host/shim/vma_alloc_shim.c
 * (calloc/free, so AddressSanitizer sees every use after free); anything
 * that is not about the allocator therefore lives elsewhere (vm_area_dup
 * is in vma_tree.c, vma_split_range in vma_range.c).
 */
#include <mm/slab.h>
#include <mm/vma.h>

uint64_t sysctl_max_map_count = 1048576;

static struct kmem_cache vma_cache;
static bool vma_cache_ready;

/* vma_cache_init: set up the cache once; later calls do nothing.  Needs
 * the frame allocator running. */
void vma_cache_init(void)
{
    if (vma_cache_ready)
        return;
    kmem_cache_init(&vma_cache, "vm_area_struct", sizeof(struct vm_area_struct));
    vma_cache_ready = true;
}

/* vm_area_alloc: a zeroed VMA belonging to mm, not yet in any tree; NULL
 * when memory runs out. */
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
    struct vm_area_struct *vma;

    vma_cache_init();
    vma = kmem_cache_zalloc(&vma_cache);
    if (vma) {
        vma->vm_mm = mm;
        list_init(&vma->vm_shared);
    }
    return vma;
}

/* vm_area_free: give back a VMA that is in no tree.  NULL is ignored. */
void vm_area_free(struct vm_area_struct *vma)
{
    if (vma)
        kmem_cache_free(&vma_cache, vma);
}
