/*
 * demo_demand_paging - mmap does not allocate memory; touching it does.
 *
 * Maps 16 MiB of anonymous memory and shows the process's resident set
 * (RSS) and page-fault count: right after mmap, after touching one page in
 * four, after touching them all, and after munmap.  Each first touch of a
 * page is one page fault, which the kernel resolves by mapping a zeroed
 * frame: that is demand paging.
 */
#include <inttypes.h>
#include <stdio.h>
#include <sys/mman.h>
#include <usmm.h>

#define SIZE (16UL << 20)
#define PAGE 4096UL

static void show(const char *moment)
{
    struct usmm_mmstat st;
    if (usmm_mmstat(0, &st) < 0) {
        perror("usmm_mmstat");
        return;
    }
    printf("%-28s virtual %6" PRIu64 " KiB   resident %6" PRIu64 " KiB   faults %6" PRIu64
           "\n", moment, st.total_vm * 4, st.rss * 4, st.min_flt);
}

int main(void)
{
    char *p;

    show("start");
    p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    printf("mapped 16 MiB at %p\n", (void *)p);
    show("after mmap");

    for (unsigned long off = 0; off < SIZE; off += 4 * PAGE)
        p[off] = 1;                     /* one write per 4th page */
    show("after touching 1/4 pages");

    for (unsigned long off = 0; off < SIZE; off += PAGE)
        p[off] = 1;
    show("after touching all pages");

    /* reading a page is a fault too, and its data is all zeroes */
    if (p[SIZE - 1] != 0)
        printf("surprise: fresh memory is not zero\n");

    munmap(p, SIZE);
    show("after munmap");
    return 0;
}
