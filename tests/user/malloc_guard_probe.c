// not-a-test: malloc_checks runs it with USMM_MALLOC_GUARD=1
/*
 * malloc_guard_probe WHAT: in guard-page mode, `overflow` writes one byte
 * past a 13-byte and then a 32-byte block, `uaf` reads a freed block (both
 * must die with SIGSEGV at that instruction); `ok` uses blocks normally
 * and exits with the number of pages in inaccessible (---p) mappings,
 * which pmap shows: the guard pages and the freed blocks.
 */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <usmm.h>

static volatile char sink;
static char *volatile launder;   /* hides the bugs from the compiler's checks */

static int prot_none_pages(void)
{
    struct usmm_vma_info v[128];
    long n = usmm_vmas(0, 0, v, 128);
    int count = 0;
    for (long i = 0; i < n && i < 128; i++)
        if ((v[i].flags & 7) == 0)
            count += (int)((v[i].end - v[i].start) / 4096);
    return count;
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "ok";
    char *a = malloc(13), *b = malloc(32);

    if (strcmp(what, "overflow13") == 0) {
        launder = a;
        launder[13] = 1;
    }
    if (strcmp(what, "overflow32") == 0) {
        launder = b;
        launder[32] = 1;
    }
    if (strcmp(what, "uaf") == 0) {
        launder = a;
        free(a);
        sink = launder[0];
    }
    memset(a, 1, 13);
    memset(b, 2, 32);
    b = realloc(b, 100);
    if (b[31] != 2 || malloc_usable_size(b) != 100)
        return 100;
    free(a);
    return prot_none_pages();
}
