/*
 * free - the machine's memory, like Linux's `free -k`, then where the used
 * part went and how fragmented the free part is:
 *
 *            total       used       free   (KiB)
 *   Mem:   1046528      12345    1034183
 *     user pages       1234
 *     ...
 *   free blocks per buddy order: ...
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <usmm.h>

int main(void)
{
    struct usmm_meminfo mi;
    uint64_t kib_per_page;

    if (usmm_meminfo(&mi) < 0) {
        fprintf(stderr, "free: %s\n", strerror(errno));
        return 1;
    }
    kib_per_page = mi.page_size / 1024;
#define KIB(pages) ((uint64_t)(pages) * kib_per_page)

    printf("%14s %10s %10s   (KiB)\n", "total", "used", "free");
    printf("Mem:  %8" PRIu64 " %10" PRIu64 " %10" PRIu64 "\n", KIB(mi.total_pages),
           KIB(mi.total_pages - mi.free_pages), KIB(mi.free_pages));
    printf("  %-13s%10" PRIu64 "\n", "user pages", KIB(mi.user_pages));
    printf("  %-13s%10" PRIu64 "\n", " page cache", KIB(mi.page_cache_pages));
    printf("  %-13s%10" PRIu64 "\n", "page tables", KIB(mi.pagetable_pages));
    printf("  %-13s%10" PRIu64 "\n", "slab", KIB(mi.slab_pages));
    printf("  %-13s%10" PRIu64 "\n", "kmalloc large", KIB(mi.kmalloc_large_pages));
    printf("  %-13s%10" PRIu64 "\n", "kernel stacks", KIB(mi.kstack_pages));

    printf("\nfree blocks per buddy order:\n");
    for (int order = 0; order <= USMM_MAX_ORDER; order++)
        printf("  order %2d (%5" PRIu64 " KiB): %8" PRIu64 "\n", order,
               KIB((uint64_t)1 << order), mi.free_blocks[order]);
    return 0;
}
