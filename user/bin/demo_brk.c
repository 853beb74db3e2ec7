/*
 * demo_brk - the heap is one VMA that brk() moves.
 *
 * Grows the program break with sbrk() (usmm_sbrk: musl's refuses) by 64 KiB, then by 1 MiB, writes to
 * the new memory, shrinks it again, and prints the [heap] VMA after each
 * step, as pmap would.  The heap starts just above the program's data
 * (with ASLR, a random distance above it).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <usmm.h>

static void show_heap(const char *moment)
{
    static struct usmm_vma_info vmas[64];
    long total = usmm_vmas(0, 0, vmas, 64);
    int found = 0;

    printf("%-22s break %p\n", moment, usmm_sbrk(0));
    for (long i = 0; i < total && i < 64; i++) {
        const struct usmm_vma_info *v = &vmas[i];
        if (!(v->flags & USMM_VM_HEAP))
            continue;
        printf("    %016" PRIx64 "-%016" PRIx64 " %c%c%cp %6" PRIu64 " KiB, %" PRIu64
               " KiB resident  [heap]\n",
               v->start, v->end, v->flags & USMM_VM_READ ? 'r' : '-',
               v->flags & USMM_VM_WRITE ? 'w' : '-', v->flags & USMM_VM_EXEC ? 'x' : '-',
               (v->end - v->start) / 1024, v->rss_pages * 4);
        found = 1;
    }
    if (!found)
        printf("    (no [heap] VMA: the heap is empty)\n");
}

int main(void)
{
    char *start, *more;

    show_heap("at start");

    start = usmm_sbrk(64 * 1024);
    if (start == (void *)-1) {
        perror("sbrk");
        return 1;
    }
    show_heap("after sbrk(64 KiB)");

    more = usmm_sbrk(1024 * 1024);
    if (more == (void *)-1) {
        perror("sbrk");
        return 1;
    }
    memset(more, 0xab, 256 * 1024);     /* only these pages become resident */
    show_heap("after sbrk(1 MiB)");

    usmm_sbrk(-(1024 * 1024));
    show_heap("after sbrk(-1 MiB)");
    usmm_sbrk(-(64 * 1024));
    show_heap("back at the start");
    return 0;
}
