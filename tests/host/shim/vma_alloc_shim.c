/*
 * tests/host/shim/vma_alloc_shim.c - what phase1-vma/mm/vma.c does in the
 * kernel, on calloc/free, plus the helpers of vma_alloc_shim.h (their
 * contracts are there).
 */
#include "vma_alloc_shim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uapi/errno.h>

uint64_t sysctl_max_map_count = 1048576;
long vma_shim_live;
static long allocations_until_failure = -1;

void vma_shim_fail_after(long n)
{
    allocations_until_failure = n;
}

/* vm_area_alloc: a zeroed VMA for mm, or NULL when a failure was asked for. */
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
    struct vm_area_struct *vma;

    if (allocations_until_failure == 0) {
        allocations_until_failure = -1;
        return NULL;
    }
    if (allocations_until_failure > 0)
        allocations_until_failure--;
    vma = calloc(1, sizeof(*vma));
    if (!vma)
        return NULL;
    vma->vm_mm = mm;
    vma_shim_live++;
    return vma;
}

/* vm_area_free: free() it, so AddressSanitizer catches later uses. */
void vm_area_free(struct vm_area_struct *vma)
{
    if (!vma)
        return;
    vma_shim_live--;
    free(vma);
}

struct vm_area_struct *vma_add(struct mm_struct *mm, uint64_t start, uint64_t end,
                               uint32_t flags)
{
    struct vm_area_struct *vma = vm_area_alloc(mm);

    if (!vma) {
        fprintf(stderr, "vma_add: out of memory\n");
        abort();
    }
    vma->vm_start = start;
    vma->vm_end = end;
    vma->vm_flags = flags;
    vma->vm_pgoff = start >> PAGE_SHIFT;
    vma_tree_insert(mm, vma);
    vma_gaps_settle(mm);        /* as the kernel does before a gap search */
    return vma;
}

/* mm_free_vmas: one by one from the lowest, through vma_tree_remove, so
 * that each removal is exercised too. */
void mm_free_vmas(struct mm_struct *mm)
{
    while (mm->mmap) {
        struct vm_area_struct *vma = mm->mmap;
        vma_tree_remove(mm, vma);
        vm_area_free(vma);
    }
    memset(mm, 0, sizeof(*mm));
}

const char *vma_layout(const struct mm_struct *mm)
{
    static char buf[4096];
    size_t used = 0;

    buf[0] = '\0';
    for (const struct vm_area_struct *v = mm->mmap; v && used < sizeof(buf); v = v->vm_next)
        used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%lx-%lx",
                                 used ? " " : "", v->vm_start, v->vm_end);
    return buf;
}

int64_t vma_gap_brute_force(const struct mm_struct *mm, uint64_t length,
                            uint64_t low_limit, uint64_t high_limit)
{
    int64_t best = -ENOMEM;
    uint64_t lo = 0;

    if (high_limit < low_limit || high_limit - low_limit < length)
        return -ENOMEM;
    for (const struct vm_area_struct *v = mm->mmap;; v = v->vm_next) {
        uint64_t hi = v ? v->vm_start : UINT64_MAX;
        uint64_t from = lo > low_limit ? lo : low_limit;
        uint64_t to = hi < high_limit ? hi : high_limit;
        if (to >= from && to - from >= length)
            best = (int64_t)(to - length);
        if (!v)
            return best;
        lo = v->vm_end;
    }
}

uint64_t vma_test_rng(uint64_t *state)
{
    uint64_t x = *state;

    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

const char *vma_desc(const struct vm_area_struct *vma)
{
    static char buffers[4][48];
    static int next;
    char *b = buffers[next++ % 4];

    if (!vma)
        return "NULL";
    snprintf(b, sizeof(buffers[0]), "[%#lx, %#lx)", vma->vm_start, vma->vm_end);
    return b;
}
