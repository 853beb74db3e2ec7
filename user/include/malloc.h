/*
 * <malloc.h> - what the allocator can tell about itself, beyond <stdlib.h>.
 */
#ifndef _MALLOC_H
#define _MALLOC_H

#include <stdlib.h>

/* malloc_usable_size: how many bytes the block at p can really hold */
size_t malloc_usable_size(void *p);

/* malloc_check: walk the whole heap and every free list, checking the
 * allocator's invariants.  Returns 0, or prints the first broken one to
 * stderr and returns -1. */
int malloc_check(void);

/* malloc_stats: print the heap's segments, the bytes in use and free, and
 * the blocks that came from mmap, to stderr. */
void malloc_stats(void);

#endif
