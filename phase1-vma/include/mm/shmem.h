/*
 * mm/shmem.h - shared anonymous memory: the pages behind a
 * MAP_SHARED | MAP_ANONYMOUS mapping.
 *
 * Private anonymous pages belong to one page table.  Shared ones must be
 * found by every process that maps them -- also a page first touched
 * after fork() -- so they live in a shmem object: a page store indexed by
 * page offset, shared (reference-counted) by all VMAs that map it.  A VMA
 * maps object page vm_pgoff + (addr - vm_start) / PAGE_SIZE.
 *
 *   parent VMA --\
 *                 >-- shmem object: [0]->frame [1]->(none) [2]->frame ...
 *   child VMA  --/
 *
 * Phase 3's POSIX and System V shared memory are shmem objects with a name.
 */
#ifndef MM_SHMEM_H
#define MM_SHMEM_H

#include <mm/page_store.h>
#include <mm/vma.h>

struct shmem_object {
    int refcount;               /* VMAs (and names, phase 3) referring to it */
    uint64_t size;              /* bytes, for objects with a fixed size */
    struct page_store pages;
};

/* shmem_create: a new object with one reference, or NULL. */
struct shmem_object *shmem_create(uint64_t size);
void shmem_get(struct shmem_object *obj);
/* shmem_put: drop a reference; the last one frees the pages. */
void shmem_put(struct shmem_object *obj);

/* shmem_attach: make `vma` map `obj` from object page `pgoff` (takes a
 * reference). */
void shmem_attach(struct vm_area_struct *vma, struct shmem_object *obj, uint64_t pgoff);

/* shmem_zero_setup: give `vma` a new object of its own size (Linux's name):
 * shared anonymous memory (MAP_SHARED | MAP_ANONYMOUS, /dev/zero's
 * MAP_SHARED), which fork() shares with the children.  0 or -ENOMEM. */
int shmem_zero_setup(struct vm_area_struct *vma);

/* The operations of a VMA that maps a shmem object. */
extern const struct vm_operations_struct shmem_vm_ops;

#endif
