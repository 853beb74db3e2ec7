/*
 * phase2-mapping/vdso/vclock.c - the vDSO's functions: the clock and the
 * pid read from [vvar] in user mode, without a system call.
 *
 * This file is not kernel code: mk/vdso.mk builds it, alone, into a small
 * ELF shared object (gcc -shared -fPIC -nostdlib -O2, no C library), which
 * the kernel embeds and maps into every process ([vdso], mm/vdso.c).  A C
 * library finds the functions by name and version (LINUX_2.6, vdso.lds),
 * as musl's __vdsosym does.  The clock is the same one the clock_gettime
 * system call reads (timer ticks since boot, plus the boot time of day), so
 * the two always agree.
 *
 *   [vvar]    page 0  struct vvar_clock   <- vvar_clock (vdso.lds: 2 pages
 *             page 1  struct vvar_proc    <- vvar_proc   below the image)
 *   [vdso]    this code
 */
#include <mm/vvar.h>

#define EXPORT __attribute__((visibility("default")))

struct vdso_timespec {
    long tv_sec, tv_nsec;
};

struct vdso_timeval {
    long tv_sec, tv_usec;
};

/* placed by the linker script at a fixed distance below the image */
extern const struct vvar_clock vvar_clock;
extern const struct vvar_proc vvar_proc;

#define SYS_gettimeofday 96
#define SYS_clock_gettime 228
#define NSEC_PER_SEC 1000000000L

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define CLOCK_TAI 11

/* syscall2: the real system call, for what the vDSO does not serve. */
static long syscall2(long nr, long a, long b)
{
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b) : "rcx", "r11", "memory");
    return ret;
}

/* read_clock: the tick count and the boot epoch, consistent with each
 * other: read again while the kernel is writing (seq odd or changed). */
static uint64_t read_clock(uint64_t *epoch)
{
    uint32_t seq;
    uint64_t ticks;

    do {
        seq = vvar_clock.seq;
        __asm__ volatile("" ::: "memory");
        ticks = vvar_clock.ticks;
        *epoch = vvar_clock.boot_epoch;
        __asm__ volatile("" ::: "memory");
    } while ((seq & 1) || seq != vvar_clock.seq);
    return ticks;
}

/* __vdso_clock_gettime: clock_gettime(2) for the tick clocks (REALTIME,
 * MONOTONIC and their RAW/COARSE/BOOTTIME/TAI twins), exactly as the
 * system call computes them; any other clock goes to the system call.
 * Returns 0 or a negative errno (musl's convention for vDSO calls). */
EXPORT int __vdso_clock_gettime(int clock, struct vdso_timespec *ts)
{
    uint64_t epoch, ticks, hz = vvar_clock.hz;

    switch (clock) {
    case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE: case CLOCK_TAI:
    case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME:
        break;
    default:
        return (int)syscall2(SYS_clock_gettime, clock, (long)ts);
    }
    ticks = read_clock(&epoch);
    ts->tv_sec = (long)(ticks / hz);
    ts->tv_nsec = (long)((ticks % hz) * vvar_clock.nsec_per_tick);
    if (clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE || clock == CLOCK_TAI)
        ts->tv_sec += (long)epoch;
    return 0;
}

/* __vdso_gettimeofday: gettimeofday(2): CLOCK_REALTIME in microseconds; a
 * time zone asked for is UTC (zeros).  0. */
EXPORT int __vdso_gettimeofday(struct vdso_timeval *tv, int *tz)
{
    if (tv) {
        struct vdso_timespec ts;
        __vdso_clock_gettime(CLOCK_REALTIME, &ts);
        tv->tv_sec = ts.tv_sec;
        tv->tv_usec = ts.tv_nsec / 1000;
    }
    if (tz) {
        tz[0] = 0;
        tz[1] = 0;
    }
    return 0;
}

/* __vdso_time: time(2): the seconds of CLOCK_REALTIME, stored in *t too
 * when t is not NULL. */
EXPORT long __vdso_time(long *t)
{
    uint64_t epoch, ticks = read_clock(&epoch);
    long now = (long)(epoch + ticks / vvar_clock.hz);

    if (t)
        *t = now;
    return now;
}

/* __vdso_getpid: the calling process's id, from its own [vvar] page (not
 * Linux's: no C library asks for it; libusmm's usmm_vdso_getpid does). */
EXPORT int __vdso_getpid(void)
{
    return vvar_proc.pid;
}

/* the names Linux's vDSO also gives them */
int clock_gettime(int, struct vdso_timespec *)
    __attribute__((weak, alias("__vdso_clock_gettime"), visibility("default")));
int gettimeofday(struct vdso_timeval *, int *)
    __attribute__((weak, alias("__vdso_gettimeofday"), visibility("default")));
long time(long *) __attribute__((weak, alias("__vdso_time"), visibility("default")));
