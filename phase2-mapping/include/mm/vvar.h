/*
 * mm/vvar.h - the [vvar] pages: data the kernel keeps for the vDSO to read
 * in user mode, without a system call.  Shared by the kernel
 * (mm/vdso.c) and the vDSO itself (phase2-mapping/vdso/), so it names
 * nothing but fixed-size integers.
 *
 *   vvar      page 0  struct vvar_clock   one frame for every process: the
 *                                         timer tick updates it
 *   vvar+4K   page 1  struct vvar_proc    one frame per process: its pid
 *   vdso      the vDSO's ELF image (r-x), right after; its code finds the
 *             two pages at a fixed distance below itself (vdso.lds)
 */
#ifndef MM_VVAR_H
#define MM_VVAR_H

#include <stdint.h>

#define VVAR_PAGES 2

/* The clock, as sys_clock_gettime computes it: ticks of TIMER_HZ since
 * boot, plus the RTC's time of day at boot for CLOCK_REALTIME.  `seq` is
 * odd while the kernel writes: a reader that saw it odd, or saw it change
 * while reading, reads again (Linux's vdso_data seq). */
struct vvar_clock {
    volatile uint32_t seq;
    uint32_t hz;                    /* ticks per second (TIMER_HZ) */
    volatile uint64_t ticks;        /* timer ticks since boot */
    uint64_t boot_epoch;            /* CLOCK_REALTIME at tick 0, seconds */
    uint64_t nsec_per_tick;
};

/* The process's own page: written by the kernel when the page is mapped
 * (its first touch in each process: fork's child faults in its own). */
struct vvar_proc {
    int32_t pid;
};

#endif
