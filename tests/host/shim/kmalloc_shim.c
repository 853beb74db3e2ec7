/*
 * tests/host/shim/kmalloc_shim.c - kmalloc and friends from the host's
 * malloc, for kernel code whose test does not need the slab allocator
 * itself (AddressSanitizer then watches every object).
 */
#include <stdlib.h>
#include <string.h>

void *kmalloc(size_t size)
{
    return malloc(size ? size : 1);
}

void *kzalloc(size_t size)
{
    return calloc(1, size ? size : 1);
}

void kfree(void *p)
{
    free(p);
}
