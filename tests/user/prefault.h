/*
 * tests/user/prefault.h - for the tests that count frames or resident
 * pages exactly: a program run from the disk is paged in on demand (phase
 * 2), so the first run of a code path faults its text in -- a page more in
 * rss, and disk blocks in the kernel's block cache.  prefault_program()
 * touches every page of the program's file mappings first, so that what
 * the test measures afterwards is what it does, not its own code arriving.
 * available_pages() counts the page cache as free: a program text a child
 * paged in stays cached after the child is gone.
 */
#ifndef TESTS_USER_PREFAULT_H
#define TESTS_USER_PREFAULT_H

#include <string.h>
#include <usmm.h>

static inline void prefault_program(void)
{
    static struct usmm_vma_info v[64];
    long n = usmm_vmas(0, 0, v, 64);

    for (long i = 0; i < n && i < 64; i++) {
        if (strcmp(v[i].kind, "file") != 0 || !(v[i].flags & 1))
            continue;
        for (uint64_t a = v[i].start; a < v[i].end; a += 4096)
            (void)*(volatile const char *)a;
    }
}

/* available_pages: free frames plus the page cache's (droppable). */
static inline uint64_t available_pages(void)
{
    struct usmm_meminfo m;
    usmm_meminfo(&m);
    return m.free_pages + m.page_cache_pages;
}

#endif
