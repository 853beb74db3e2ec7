// not-a-test: the in-kernel benchmark, run by `make bench`
/*
 * bench_vm: instructions per memory operation, measured from user space.
 *
 * Run under QEMU with -icount shift=0 (as `make bench` does), the
 * time-stamp counter advances by exactly one per instruction executed, so
 * the difference of two rdtsc readings is the number of instructions the
 * CPU ran in between -- in user space and in the kernel -- repeatably.
 * (Without -icount the numbers are cycles of an emulated CPU: meaningless.)
 *
 * Each operation is measured many times at 1, 1,000 and 100,000 VMAs in
 * the address space; the cost of the measuring itself (an empty rdtsc
 * pair) is subtracted.  The median is printed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include <usmm.h>

#define SAMPLES 200

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
    return ((uint64_t)hi << 32) | lo;
}

static uint64_t samples[SAMPLES];
static uint64_t overhead;

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static uint64_t median(void)
{
    qsort(samples, SAMPLES, sizeof(samples[0]), compare_u64);
    return samples[SAMPLES / 2] - overhead;
}

static void measure_overhead(void)
{
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = rdtsc();
        uint64_t t1 = rdtsc();
        samples[i] = t1 - t0;
    }
    overhead = 0;
    overhead = median();
}

static uint64_t write_fault(void)
{
    volatile char *p = mmap(NULL, SAMPLES * 4096ul, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = rdtsc();
        p[i * 4096ul] = 1;
        samples[i] = rdtsc() - t0;
    }
    munmap((void *)p, SAMPLES * 4096ul);
    return median();
}

static uint64_t read_fault(void)
{
    volatile char *p = mmap(NULL, SAMPLES * 4096ul, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = rdtsc();
        (void)p[i * 4096ul];
        samples[i] = rdtsc() - t0;
    }
    munmap((void *)p, SAMPLES * 4096ul);
    return median();
}

static uint64_t mmap_munmap(void)
{
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = rdtsc();
        void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        munmap(p, 4096);
        samples[i] = rdtsc() - t0;
    }
    return median();
}

static uint64_t mprotect_split_merge(void)
{
    char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = rdtsc();
        mprotect(p + 4096, 4096, PROT_READ);                /* split into three */
        mprotect(p + 4096, 4096, PROT_READ | PROT_WRITE);   /* merge back to one */
        samples[i] = rdtsc() - t0;
    }
    munmap(p, 3 * 4096);
    return median();
}

/* make_vmas: a region of `n` pages with alternating rights: n VMAs. */
static void *make_vmas(uint64_t n)
{
    char *p = mmap(NULL, (n + 2) * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (uint64_t i = 1; i < n; i += 2)
        mprotect(p + i * 4096, 4096, PROT_READ);
    mprotect(p + n * 4096, 2 * 4096, PROT_NONE);    /* keep the last run apart */
    return p;
}

static uint64_t vma_count(void)
{
    struct usmm_mmstat st;
    usmm_mmstat(0, &st);
    return st.map_count;
}

int main(void)
{
    static const uint64_t sizes[] = { 1, 1000, 100000 };
    struct usmm_meminfo mi;

    usmm_meminfo(&mi);
    measure_overhead();
    printf("bench_vm: instructions per operation (median of %d; rdtsc under -icount shift=0)\n",
           SAMPLES);
    printf("%10s %12s %12s %14s %18s\n", "VMAs", "write fault", "read fault",
           "mmap+munmap", "mprotect split+merge");
    for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        void *region = sizes[i] > 1 ? make_vmas(sizes[i]) : NULL;
        uint64_t vmas = vma_count();
        uint64_t w = write_fault(), r = read_fault(), m = mmap_munmap(), s = mprotect_split_merge();
        printf("%10llu %12llu %12llu %14llu %18llu\n", (unsigned long long)vmas,
               (unsigned long long)w, (unsigned long long)r, (unsigned long long)m,
               (unsigned long long)s);
        if (region)
            munmap(region, (sizes[i] + 2) * 4096);
    }
    printf("bench_vm: metadata: %llu bytes per 4 KiB frame (%llu.%02llu%% of memory), "
           "%llu bytes per VMA\n", (unsigned long long)mi.page_struct_bytes,
           (unsigned long long)(mi.page_struct_bytes * 100 / 4096),
           (unsigned long long)(mi.page_struct_bytes * 10000 / 4096 % 100),
           (unsigned long long)mi.vma_struct_bytes);
    return 0;
}
