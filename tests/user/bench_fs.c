// not-a-test: the file system benchmark, run by `make bench`
/*
 * bench_fs: the file system's speed, from user space, two ways:
 *
 *   bench_fs wall [DIR]   wall-clock time of writing a 64 MiB file in 64 KiB
 *                         writes (then fsync) and reading it back (run
 *                         without -icount: real time; under usmm the disk
 *                         is the emulated ATA drive, programmed I/O)
 *   bench_fs instr [DIR]  instructions per 4 KiB read() and write() of a
 *                         file whose blocks are cached (under QEMU
 *                         -icount shift=0 the time-stamp counter counts
 *                         instructions; on Linux it counts cycles)
 *
 * `make bench` runs both in usmm and on this host's Linux (DIR: a
 * directory on a disk there) and prints them side by side.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SAMPLES 200

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
    return ((uint64_t)hi << 32) | lo;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int by_value(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static void wall(const char *path)
{
    static char buf[65536];
    long total = 64l << 20;
    double t0, t1, t2;
    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);

    if (fd < 0) {
        perror(path);
        exit(1);
    }
    memset(buf, 'x', sizeof(buf));
    t0 = now();
    for (long done = 0; done < total; done += sizeof(buf))
        if (write(fd, buf, sizeof(buf)) != (long)sizeof(buf)) {
            perror("write");
            exit(1);
        }
    fsync(fd);
    t1 = now();
    for (long done = 0; done < total; done += sizeof(buf))
        if (pread(fd, buf, sizeof(buf), done) != (long)sizeof(buf)) {
            perror("read");
            exit(1);
        }
    t2 = now();
    printf("bench_fs: write 64 MiB + fsync  %8.2f s  (%6.1f MiB/s)\n", t1 - t0, 64 / (t1 - t0));
    printf("bench_fs: read back 64 MiB      %8.2f s  (%6.1f MiB/s)\n", t2 - t1, 64 / (t2 - t1));
    close(fd);
    unlink(path);
}

static void instructions(const char *path)
{
    static char buf[4096];
    static uint64_t samples[SAMPLES], overhead;
    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);

    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = rdtsc(), t1 = rdtsc();
        samples[i] = t1 - t0;
    }
    qsort(samples, SAMPLES, sizeof(samples[0]), by_value);
    overhead = samples[SAMPLES / 2];
    write(fd, buf, sizeof(buf));                /* the block exists and is cached */
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = rdtsc();
        pread(fd, buf, sizeof(buf), 0);
        samples[i] = rdtsc() - t0 - overhead;
    }
    qsort(samples, SAMPLES, sizeof(samples[0]), by_value);
    printf("bench_fs: 4 KiB read, cached    %8lu\n", (unsigned long)samples[SAMPLES / 2]);
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = rdtsc();
        pwrite(fd, buf, sizeof(buf), 0);
        samples[i] = rdtsc() - t0 - overhead;
    }
    qsort(samples, SAMPLES, sizeof(samples[0]), by_value);
    printf("bench_fs: 4 KiB write, cached   %8lu\n", (unsigned long)samples[SAMPLES / 2]);
    close(fd);
    unlink(path);
}

int main(int argc, char **argv)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/bench_fs.data", argc > 2 ? argv[2] : "/home/user");
    if (argc > 1 && strcmp(argv[1], "wall") == 0)
        wall(path);
    else
        instructions(path);
    return 0;
}
