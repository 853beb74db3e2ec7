/*
 * user/lib/qsort.c - sorting and binary search.
 *
 * qsort is a heapsort: O(n log n) even for the inputs that make a naive
 * quicksort quadratic, no recursion and no extra memory.  It is not
 * stable, which C does not ask of qsort.
 */
#include <stdlib.h>

typedef int (*compare_fn)(const void *, const void *);

static void swap_bytes(char *a, char *b, size_t size)
{
    while (size--) {
        char t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

/* sift_down: let element `root` sink until the subtree below it, among the
 * first n elements, is a max-heap again */
static void sift_down(char *base, size_t root, size_t n, size_t size, compare_fn cmp)
{
    for (;;) {
        size_t child = 2 * root + 1, largest = root;
        if (child < n && cmp(base + child * size, base + largest * size) > 0)
            largest = child;
        if (child + 1 < n && cmp(base + (child + 1) * size, base + largest * size) > 0)
            largest = child + 1;
        if (largest == root)
            return;
        swap_bytes(base + root * size, base + largest * size, size);
        root = largest;
    }
}

void qsort(void *base, size_t n, size_t size, compare_fn cmp)
{
    char *b = base;

    if (n < 2 || size == 0)
        return;
    for (size_t i = n / 2; i-- > 0;)          /* build the heap */
        sift_down(b, i, n, size, cmp);
    for (size_t end = n - 1; end > 0; end--) { /* move the largest to the end */
        swap_bytes(b, b + end * size, size);
        sift_down(b, 0, end, size, cmp);
    }
}

/* bsearch: an element equal to key in the sorted array, or NULL */
void *bsearch(const void *key, const void *base, size_t n, size_t size, compare_fn cmp)
{
    const char *b = base;
    size_t lo = 0, hi = n;          /* the answer, if any, is in [lo, hi) */

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp(key, b + mid * size);
        if (c == 0)
            return (void *)(b + mid * size);
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}
