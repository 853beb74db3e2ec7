/*
 * vmstat - the memory system's counters on one screen: memory by use,
 * page faults, processes, and what the kernel's bookkeeping costs.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <usmm.h>

/* percent10: 10 * a / b, rounded, for printing with one decimal */
static uint64_t percent10(uint64_t a, uint64_t b)
{
    return b ? (a * 1000 + b / 2) / b : 0;
}

int main(void)
{
    struct usmm_meminfo mi;
    uint64_t kib, seconds, overhead;

    if (usmm_meminfo(&mi) < 0) {
        fprintf(stderr, "vmstat: %s\n", strerror(errno));
        return 1;
    }
    kib = mi.page_size / 1024;
    seconds = mi.ticks_per_second ? mi.ticks / mi.ticks_per_second : 0;

    printf("memory (KiB)\n");
    printf("  total          %10" PRIu64 "\n", mi.total_pages * kib);
    printf("  free           %10" PRIu64 "   (%" PRIu64 ".%" PRIu64 "%%)\n",
           mi.free_pages * kib, percent10(mi.free_pages, mi.total_pages) / 10,
           percent10(mi.free_pages, mi.total_pages) % 10);
    printf("  user pages     %10" PRIu64 "\n", mi.user_pages * kib);
    printf("  page tables    %10" PRIu64 "\n", mi.pagetable_pages * kib);
    printf("  slab           %10" PRIu64 "\n", mi.slab_pages * kib);
    printf("  kmalloc large  %10" PRIu64 "\n", mi.kmalloc_large_pages * kib);
    printf("  kernel stacks  %10" PRIu64 "\n", mi.kstack_pages * kib);

    printf("page faults\n");
    printf("  resolved       %10" PRIu64 "\n", mi.minor_faults);
    printf("  SIGSEGV        %10" PRIu64 "\n", mi.segv_faults);
    printf("  COW copies     %10" PRIu64 "\n", mi.cow_copies);
    printf("  COW reuses     %10" PRIu64 "\n", mi.cow_reuses);
    printf("  zero page      %10" PRIu64 "   (then written: %" PRIu64 ")\n", mi.zero_page_maps,
           mi.zero_page_breaks);

    printf("processes        %10" PRIu64 "\n", mi.processes);
    printf("uptime           %10" PRIu64 " s   (%" PRIu64 " ticks at %" PRIu64 " Hz)\n",
           seconds, mi.ticks, mi.ticks_per_second);

    /* the per-frame array describes every frame: its share of memory */
    overhead = percent10(mi.page_struct_bytes * 10, mi.page_size);
    printf("metadata\n");
    printf("  per 4 KiB frame %9" PRIu64 " bytes (%" PRIu64 ".%02" PRIu64 "%% of memory)\n",
           mi.page_struct_bytes, overhead / 100, overhead % 100);
    printf("  per VMA        %10" PRIu64 " bytes\n", mi.vma_struct_bytes);
    return 0;
}
