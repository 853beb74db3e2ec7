// not-a-test: the benchmark of `make bench`, run in usmm and, the same file, as Linux's /init
/*
 * bench_mm: instructions per memory operation, measured from user space,
 * on whichever kernel runs it.
 *
 * Under QEMU with -icount shift=0 (as `make bench` runs both kernels) the
 * time-stamp counter advances by exactly one per instruction executed, so
 * the difference of two rdtsc readings is the number of instructions the
 * CPU ran in between -- in user space and in the kernel -- repeatably.
 * (Without -icount the numbers are cycles of an emulated CPU: meaningless.)
 *
 * The same static binary runs inside usmm (from the ramdisk) and as /init
 * of Linux (tools/bench.py packs it into an initramfs).  Only two things
 * are asked differently, at run time: how many VMAs the process has
 * (usmm_mmstat, or the lines of /proc/self/maps), and, as Linux's init,
 * mounting /proc first and powering off at the end.
 *
 * Output, one line per figure, for tools/bench.py to read:
 *
 *     bench-row OPERATION TIER VMAS INSTRUCTIONS
 *
 * TIER is the VMA count the row stands for (1, 1000, 100000, 1000000);
 * VMAS the count measured.  Each figure is the median of many samples
 * minus the cost of an empty rdtsc pair.  A row for a tier is measured
 * with a region of one-page VMAs of alternating rights (PROT_NONE,
 * PROT_READ) in the address space; the benchmark's own mappings are
 * read-write, so they never merge with it.
 *
 * Usage: bench_mm [MAX_TIER]   (default 1000000; tiers above it are skipped)
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <usmm.h>

#define PAGE 4096ul
#define SAMPLES 201                     /* per figure, odd: one median */
#define FORK_SAMPLES 15
#define POPULATE_PAGES 64               /* pages per MAP_POPULATE sample */
#define FORK_BIG_PAGES 4096             /* 16 MiB resident for the fork rows */

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
    return ((uint64_t)hi << 32) | lo;
}

static uint64_t samples[SAMPLES];
static uint64_t overhead;
static int on_linux;

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* median: of the first n samples, minus the rdtsc pair's own cost. */
static uint64_t median(int n)
{
    qsort(samples, (size_t)n, sizeof(samples[0]), compare_u64);
    return samples[n / 2] > overhead ? samples[n / 2] - overhead : 0;
}

static void measure_overhead(void)
{
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = rdtsc();
        uint64_t t1 = rdtsc();
        samples[i] = t1 - t0;
    }
    overhead = 0;
    overhead = median(SAMPLES);
}

static void die(const char *what)
{
    printf("bench_mm: %s failed: %s\n", what, strerror(errno));
    exit(1);
}

static void *map(size_t len, int prot, int flags)
{
    void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
    if (p == MAP_FAILED)
        die("mmap");
    return p;
}

static void unmap(void *p, size_t len)
{
    if (munmap(p, len))
        die("munmap");
}

/* ---- how many VMAs: the one question the two kernels answer differently */

static uint64_t linux_vma_count(void)
{
    static char buf[1 << 16];
    int fd = open("/proc/self/maps", O_RDONLY);
    uint64_t lines = 0;
    ssize_t n;

    if (fd < 0)
        die("open /proc/self/maps");
    while ((n = read(fd, buf, sizeof(buf))) > 0)
        for (ssize_t i = 0; i < n; i++)
            lines += buf[i] == '\n';
    close(fd);
    return lines;
}

static uint64_t vma_count(void)
{
    struct usmm_mmstat st;

    if (on_linux)
        return linux_vma_count();
    if (usmm_mmstat(0, &st))
        die("usmm_mmstat");
    return st.map_count;
}

/* ---- the operations: each fills samples[] and returns the median ---- */

static uint64_t null_syscall(void)
{
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = rdtsc();
        syscall(SYS_getppid);
        samples[i] = rdtsc() - t0;
    }
    return median(SAMPLES);
}

/* fault: touch each page of a fresh mapping once (after `pre`, if not 0,
 * touched every page once: 'r' read, 'w' written); `how` 'r' or 'w'. */
static uint64_t fault(int pre, int how)
{
    volatile char *p = map(SAMPLES * PAGE, PROT_READ | PROT_WRITE, 0);

    for (int i = 0; pre && i < SAMPLES; i++) {
        if (pre == 'r')
            (void)p[i * PAGE];
        else
            p[i * PAGE] = 1;
    }
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = rdtsc();
        if (how == 'r')
            (void)p[i * PAGE];
        else
            p[i * PAGE] = 1;
        samples[i] = rdtsc() - t0;
    }
    unmap((void *)p, SAMPLES * PAGE);
    return median(SAMPLES);
}

static uint64_t write_fault(void) { return fault(0, 'w'); }
static uint64_t read_fault(void) { return fault(0, 'r'); }
static uint64_t write_after_read(void) { return fault('r', 'w'); }

static uint64_t mmap_munmap(void)
{
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = rdtsc();
        void *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        munmap(p, PAGE);
        samples[i] = rdtsc() - t0;
        if (p == MAP_FAILED)
            die("mmap");
    }
    return median(SAMPLES);
}

/* mmap_new_vma and munmap_vma: SAMPLES one-page mappings of alternating
 * rights, so each is a VMA of its own; then each is unmapped. */
static void *pages[SAMPLES];
static uint64_t munmap_figure;

static uint64_t mmap_new_vma(void)
{
    uint64_t figure;

    for (int i = 0; i < SAMPLES; i++) {
        int prot = i % 2 ? PROT_READ : PROT_READ | PROT_WRITE;
        uint64_t t0 = rdtsc();
        pages[i] = mmap(NULL, PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        samples[i] = rdtsc() - t0;
        if (pages[i] == MAP_FAILED)
            die("mmap");
    }
    figure = median(SAMPLES);
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = rdtsc();
        int err = munmap(pages[i], PAGE);
        samples[i] = rdtsc() - t0;
        if (err)
            die("munmap");
    }
    munmap_figure = median(SAMPLES);
    return figure;
}

static uint64_t munmap_vma(void) { return munmap_figure; }

/* mmap_merging: each new page lands just below the last one, with the
 * same rights: the kernel extends the VMA instead of adding one. */
static uint64_t mmap_merging(void)
{
    char *low = map(PAGE, PROT_READ | PROT_WRITE, 0), *high = low;

    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = rdtsc();
        char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        samples[i] = rdtsc() - t0;
        if (p == MAP_FAILED)
            die("mmap");
        if (p != low - PAGE) {
            printf("bench_mm: mmap_merging: page at %p, not below %p\n", (void *)p, (void *)low);
            exit(1);
        }
        low = p;
    }
    unmap(low, (size_t)(high - low) + PAGE);
    return median(SAMPLES);
}

/* mprotect_split_merge: the middle page of three gets other rights (one
 * VMA becomes three), then its old rights back (three become one). */
static uint64_t mprotect_split_merge(int populated)
{
    char *p = map(3 * PAGE, PROT_READ | PROT_WRITE, 0);

    if (populated)
        for (int i = 0; i < 3; i++)
            p[i * PAGE] = 1;
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = rdtsc();
        mprotect(p + PAGE, PAGE, PROT_READ);
        mprotect(p + PAGE, PAGE, PROT_READ | PROT_WRITE);
        samples[i] = rdtsc() - t0;
    }
    unmap(p, 3 * PAGE);
    return median(SAMPLES);
}

static uint64_t mprotect_unpopulated(void) { return mprotect_split_merge(0); }
static uint64_t mprotect_populated(void) { return mprotect_split_merge(1); }

/* populate_per_page and munmap_per_page: MAP_POPULATE of 64 pages, then
 * their munmap, each divided by the page count. */
static uint64_t munmap_populated_figure;

static uint64_t populate_per_page(void)
{
    static uint64_t unmaps[SAMPLES];
    uint64_t figure;
    int n = SAMPLES / 4;

    for (int i = 0; i < n; i++) {
        uint64_t t0 = rdtsc();
        void *p = mmap(NULL, POPULATE_PAGES * PAGE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        uint64_t t1 = rdtsc();
        if (p == MAP_FAILED)
            die("mmap");
        munmap(p, POPULATE_PAGES * PAGE);
        unmaps[i] = rdtsc() - t1;
        samples[i] = t1 - t0;
    }
    figure = median(n) / POPULATE_PAGES;
    memcpy(samples, unmaps, sizeof(unmaps));
    munmap_populated_figure = median(n) / POPULATE_PAGES;
    return figure;
}

static uint64_t munmap_per_page(void) { return munmap_populated_figure; }

/* ---- fork, copy-on-write, exit ------------------------------------------- */

/* fork_paused: fork a child that waits in pause() until killed; the
 * instructions until fork returns in the parent go to *cost. */
static pid_t fork_paused(uint64_t *cost)
{
    uint64_t t0 = rdtsc();
    pid_t pid = fork();

    if (pid == 0)
        for (;;)
            pause();
    *cost = rdtsc() - t0;
    if (pid < 0)
        die("fork");
    return pid;
}

/* kill_and_reap: SIGKILL the child and wait for it; returns the cost. */
static uint64_t kill_and_reap(pid_t pid)
{
    int status;
    uint64_t t0 = rdtsc();

    kill(pid, SIGKILL);
    if (waitpid(pid, &status, 0) != pid)
        die("waitpid");
    return rdtsc() - t0;
}

static uint64_t fork_small_figure, exit_small_figure, fork_page_figure, exit_page_figure;

/* fork_and_exit: fork and kill+reap, in the process as it is and with
 * 16 MiB more touched; per-page figures are the difference / 4096. */
static void fork_and_exit(void)
{
    static uint64_t exits[FORK_SAMPLES];
    char *big;

    for (int round = 0; round < 2; round++) {
        if (round == 1) {
            big = map(FORK_BIG_PAGES * PAGE, PROT_READ | PROT_WRITE, 0);
            for (uint64_t i = 0; i < FORK_BIG_PAGES; i++)
                big[i * PAGE] = (char)i;
        }
        for (int i = 0; i < FORK_SAMPLES; i++) {
            pid_t pid = fork_paused(&samples[i]);
            exits[i] = kill_and_reap(pid);
        }
        if (round == 0) {
            fork_small_figure = median(FORK_SAMPLES);
            memcpy(samples, exits, sizeof(exits));
            exit_small_figure = median(FORK_SAMPLES);
        } else {
            uint64_t f = median(FORK_SAMPLES), e;
            memcpy(samples, exits, sizeof(exits));
            e = median(FORK_SAMPLES);
            fork_page_figure = f > fork_small_figure ? (f - fork_small_figure) / FORK_BIG_PAGES : 0;
            exit_page_figure = e > exit_small_figure ? (e - exit_small_figure) / FORK_BIG_PAGES : 0;
        }
    }
    unmap(big, FORK_BIG_PAGES * PAGE);
}

static uint64_t fork_small(void) { fork_and_exit(); return fork_small_figure; }
static uint64_t fork_per_page(void) { return fork_page_figure; }
static uint64_t exit_small(void) { return exit_small_figure; }
static uint64_t exit_per_page(void) { return exit_page_figure; }

/* cow_fault: the parent writes pages it touched before a fork while the
 * child still holds them. */
static uint64_t cow_fault(void)
{
    volatile char *p = map(SAMPLES * PAGE, PROT_READ | PROT_WRITE, 0);
    uint64_t unused;
    pid_t pid;

    for (int i = 0; i < SAMPLES; i++)
        p[i * PAGE] = 1;
    pid = fork_paused(&unused);
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = rdtsc();
        p[i * PAGE] = 2;
        samples[i] = rdtsc() - t0;
    }
    kill_and_reap(pid);
    unmap((void *)p, SAMPLES * PAGE);
    return median(SAMPLES);
}

/* ---- files: 4 KiB read() and write() of cached data -------------------------- */

/* A file in /tmp: a RAM file system on both kernels (usmm's ramfs, Linux's
 * initramfs), so both rows measure the file calls, not a disk.  0 when
 * the kernel has no files (usmm's phase 1): the rows are left out. */
static char file_buf[4096];
static uint64_t file_write_figure;

static uint64_t file_read_4k(void)
{
    int fd;

    mkdir("/tmp", 01777);
    fd = open("/tmp/bench_mm.dat", O_CREAT | O_RDWR | O_TRUNC, 0600);
    if (fd < 0)
        return 0;
    memset(file_buf, 'x', sizeof(file_buf));
    for (int i = 0; i < SAMPLES; i++)         /* the file exists: cached */
        if (pwrite(fd, file_buf, sizeof(file_buf), (off_t)i * 4096) != 4096)
            die("pwrite");
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = rdtsc();
        ssize_t n = pwrite(fd, file_buf, sizeof(file_buf), (off_t)i * 4096);
        samples[i] = rdtsc() - t0;
        if (n != 4096)
            die("pwrite");
    }
    file_write_figure = median(SAMPLES);
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = rdtsc();
        ssize_t n = pread(fd, file_buf, sizeof(file_buf), (off_t)i * 4096);
        samples[i] = rdtsc() - t0;
        if (n != 4096)
            die("pread");
    }
    close(fd);
    unlink("/tmp/bench_mm.dat");
    return median(SAMPLES);
}

static uint64_t file_write_4k(void) { return file_write_figure; }

/* Linux maps up to 16 cached pages around a read fault (fault-around,
 * 64 KiB); usmm maps one.  The file rows touch one page in 16, so that
 * every touch is a fault on both kernels. */
#define FILE_STRIDE 16

/* cached_file: /tmp/bench_mm.map, SAMPLES * FILE_STRIDE pages, all in the
 * page cache (just written); -1 without files. */
static int cached_file(void)
{
    int fd;

    mkdir("/tmp", 01777);
    fd = open("/tmp/bench_mm.map", O_CREAT | O_RDWR | O_TRUNC, 0600);
    if (fd < 0)
        return -1;
    memset(file_buf, 'm', sizeof(file_buf));
    for (int i = 0; i < SAMPLES * FILE_STRIDE; i++)
        if (pwrite(fd, file_buf, sizeof(file_buf), (off_t)i * 4096) != 4096)
            die("pwrite");
    return fd;
}

static void drop_file(int fd)
{
    close(fd);
    unlink("/tmp/bench_mm.map");
}

/* file_fault: a minor fault on a page of a cached file, mapped shared or
 * private, by a read or a write. */
static uint64_t file_fault(int flags, int how)
{
    size_t len = SAMPLES * FILE_STRIDE * PAGE;
    int fd = cached_file();
    volatile char *p;

    if (fd < 0)
        return 0;
    p = mmap(NULL, len, PROT_READ | PROT_WRITE, flags, fd, 0);
    if (p == MAP_FAILED)
        die("mmap (file)");
    for (int i = 0; i < SAMPLES; i++) {
        volatile char *at = p + (size_t)i * FILE_STRIDE * PAGE;
        uint64_t t0 = rdtsc();
        if (how == 'w')
            *at = 1;
        else
            (void)*at;
        samples[i] = rdtsc() - t0;
    }
    unmap((void *)p, len);
    drop_file(fd);
    return median(SAMPLES);
}

static uint64_t file_fault_read_shared(void) { return file_fault(MAP_SHARED, 'r'); }
static uint64_t file_fault_write_shared(void) { return file_fault(MAP_SHARED, 'w'); }
static uint64_t file_fault_read_private(void) { return file_fault(MAP_PRIVATE, 'r'); }
static uint64_t file_fault_write_private(void) { return file_fault(MAP_PRIVATE, 'w'); }

/* file_msync_page: msync(MS_SYNC) of one page just written through a
 * shared mapping (of a file in RAM on both kernels: the writeback path
 * without a disk). */
static uint64_t file_msync_page(void)
{
    int fd = cached_file();
    volatile char *p;

    if (fd < 0)
        return 0;
    p = mmap(NULL, SAMPLES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        die("mmap (file)");
    for (int i = 0; i < SAMPLES; i++) {
        p[i * PAGE] = 2;
        uint64_t t0 = rdtsc();
        int r = msync((void *)(p + i * PAGE), PAGE, MS_SYNC);
        samples[i] = rdtsc() - t0;
        if (r)
            die("msync");
    }
    unmap((void *)p, SAMPLES * PAGE);
    drop_file(fd);
    return median(SAMPLES);
}

/* file_mmap_munmap: map one page of a file and unmap it again. */
static uint64_t file_mmap_munmap(void)
{
    int fd = cached_file();

    if (fd < 0)
        return 0;
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = rdtsc();
        void *p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
        if (p == MAP_FAILED || munmap(p, PAGE))
            die("mmap/munmap (file)");
        samples[i] = rdtsc() - t0;
    }
    drop_file(fd);
    return median(SAMPLES);
}

/* cow_reuse_fault: the same after the child is gone: each page is the
 * writer's alone again but still write-protected, so the fault finds it
 * the last user and makes it writable without a copy. */
static uint64_t cow_reuse_fault(void)
{
    volatile char *p = map(SAMPLES * PAGE, PROT_READ | PROT_WRITE, 0);
    uint64_t unused;

    for (int i = 0; i < SAMPLES; i++)
        p[i * PAGE] = 1;
    kill_and_reap(fork_paused(&unused));
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = rdtsc();
        p[i * PAGE] = 2;
        samples[i] = rdtsc() - t0;
    }
    unmap((void *)p, SAMPLES * PAGE);
    return median(SAMPLES);
}

/* ---- the table ------------------------------------------------------------ */

struct row {
    const char *name;
    uint64_t (*measure)(void);
    uint64_t max_tier;          /* measured at tiers up to this one */
};

static const struct row rows[] = {
    { "write_fault", write_fault, 1000000 },
    { "read_fault", read_fault, 1000000 },
    { "write_after_read", write_after_read, 1000000 },
    { "mmap_munmap", mmap_munmap, 1000000 },
    { "mmap_new_vma", mmap_new_vma, 1000000 },
    { "munmap_vma", munmap_vma, 1000000 },
    { "mmap_merging", mmap_merging, 1000000 },
    { "mprotect_unpopulated", mprotect_unpopulated, 1000000 },
    { "mprotect_populated", mprotect_populated, 1000000 },
    { "populate_per_page", populate_per_page, 1000000 },
    { "munmap_per_page", munmap_per_page, 1000000 },
    { "cow_fault", cow_fault, 100000 },
    { "cow_reuse_fault", cow_reuse_fault, 100000 },
    { "null_syscall", null_syscall, 1 },
    { "file_read_4k", file_read_4k, 1 },
    { "file_write_4k", file_write_4k, 1 },
    { "file_fault_read_shared", file_fault_read_shared, 1000000 },
    { "file_fault_write_shared", file_fault_write_shared, 1000000 },
    { "file_fault_read_private", file_fault_read_private, 1000000 },
    { "file_fault_write_private", file_fault_write_private, 1000000 },
    { "file_msync_page", file_msync_page, 1 },
    { "file_mmap_munmap", file_mmap_munmap, 1000000 },
    { "fork_small", fork_small, 100000 },
    { "fork_per_page", fork_per_page, 100000 },
    { "exit_small", exit_small, 100000 },
    { "exit_per_page", exit_per_page, 100000 },
};

/* make_vmas: a region of n pages, PROT_NONE and PROT_READ in turn: n VMAs. */
static char *make_vmas(uint64_t n)
{
    char *p = map(n * PAGE, PROT_NONE, MAP_NORESERVE);

    for (uint64_t i = 1; i < n; i += 2)
        if (mprotect(p + i * PAGE, PAGE, PROT_READ))
            die("mprotect (making VMAs)");
    return p;
}

/* linux_init: as Linux's init there is no /proc yet. */
static void linux_init(void)
{
    mkdir("/proc", 0555);
    if (mount("proc", "/proc", "proc", 0, NULL) && errno != EBUSY)
        die("mount /proc");
}

int main(int argc, char **argv)
{
    static const uint64_t tiers[] = { 1, 1000, 100000, 1000000 };
    uint64_t max_tier = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000;
    struct usmm_mmstat st;

    on_linux = usmm_mmstat(0, &st) != 0 && errno == ENOSYS;
    if (on_linux && getpid() == 1)
        linux_init();
    setvbuf(stdout, NULL, _IOLBF, 0);
    measure_overhead();
    printf("bench_mm: on %s; instructions per operation, median of %d (rdtsc under "
           "-icount shift=0, less %llu for rdtsc itself)\n", on_linux ? "Linux" : "usmm",
           SAMPLES, (unsigned long long)overhead);
    for (unsigned t = 0; t < sizeof(tiers) / sizeof(tiers[0]) && tiers[t] <= max_tier; t++) {
        char *region = tiers[t] > 1 ? make_vmas(tiers[t]) : NULL;
        uint64_t vmas = vma_count();

        for (unsigned r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
            uint64_t figure;

            if (tiers[t] > rows[r].max_tier)
                continue;
            figure = rows[r].measure();
            if (figure == 0 && strncmp(rows[r].name, "file_", 5) == 0)
                continue;       /* no files on this kernel */
            printf("bench-row %s %llu %llu %llu\n", rows[r].name,
                   (unsigned long long)tiers[t], (unsigned long long)vmas,
                   (unsigned long long)figure);
        }
        if (region)
            unmap(region, tiers[t] * PAGE);
    }
    printf("bench_mm: done\n");
    if (on_linux && getpid() == 1)
        reboot(RB_POWER_OFF);
    return 0;
}
