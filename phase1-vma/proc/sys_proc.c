/*
 * phase1-vma/proc/sys_proc.c - the process system calls: fork, execve,
 * exit, wait4, kill, getpid & co, sched_yield, nanosleep, and the clocks.
 */
#include <arch/context.h>
#include <arch/memlayout.h>
#include <arch/rtc.h>
#include <kernel/phase.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <lib/format.h>
#include <lib/string.h>
#include <proc/exec.h>
#include <proc/exit.h>
#include <proc/fork.h>
#include <proc/sched.h>
#include <proc/signal.h>
#include <uapi/errno.h>

#define RUSAGE_SIZE 144     /* struct rusage on x86-64 Linux */
#define NSEC_PER_SEC 1000000000ull
#define NSEC_PER_TICK (NSEC_PER_SEC / TIMER_HZ)
#define KTIME_SEC_MAX (INT64_MAX / (int64_t)NSEC_PER_SEC)  /* ~292 years, as Linux */

struct timespec64 {
    int64_t tv_sec;
    int64_t tv_nsec;
};

int64_t sys_fork(void)
{
    return do_fork();
}

int64_t sys_execve(uint64_t path, uint64_t argv, uint64_t envp)
{
    return do_execve((const char *)path, (const char *const *)argv,
                     (const char *const *)envp);
}

int64_t sys_exit(uint64_t code)
{
    do_exit(WAIT_STATUS_EXITED((int)code));
}

int64_t sys_wait4(uint64_t pid, uint64_t status_ptr, uint64_t options, uint64_t rusage)
{
    int status = 0;
    int64_t result;

    /* the flags Linux accepts; with no stopped tasks and no threads, the
     * ones beyond WNOHANG change nothing here */
    if (options & ~(uint64_t)(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL |
                              __WCLONE))
        return -EINVAL;
    if ((int)pid == INT32_MIN)          /* -pid would overflow: as Linux */
        return -ESRCH;
    if ((status_ptr && !user_range_ok(status_ptr, sizeof(int))) ||
        (rusage && !user_range_ok(rusage, RUSAGE_SIZE)))
        return -EFAULT;
    result = do_wait4((int)pid, &status, (int)options);
    if (result > 0 && status_ptr && copy_to_user((void *)status_ptr, &status, sizeof(status)))
        return -EFAULT;
    if (result >= 0 && rusage && clear_user((void *)rusage, RUSAGE_SIZE))
        return -EFAULT;
    return result;
}

int64_t sys_kill(uint64_t pid, uint64_t sig)
{
    return do_kill((int)pid, (int)sig);
}

/* sys_tkill / sys_tgkill: a signal to one thread -- here, with one
 * thread per process, to the process whose pid is the thread id (what
 * musl's raise() and abort() use). */
int64_t sys_tkill(uint64_t tid, uint64_t sig)
{
    if ((int)tid <= 0)
        return -EINVAL;
    return do_kill_info((int)tid, (int)sig, SI_TKILL);
}

int64_t sys_tgkill(uint64_t tgid, uint64_t tid, uint64_t sig)
{
    if ((int)tid <= 0 || (int)tgid <= 0)
        return -EINVAL;
    if (tgid != tid)
        return -ESRCH;          /* no thread tid in that group */
    return do_kill_info((int)tid, (int)sig, SI_TKILL);
}

static int in_group(struct task *t, void *ctx)
{
    return t->pgid == *(int *)ctx && t->state != TASK_ZOMBIE;
}

/* pgrp_exists: some live process is in group `pgid`. */
static bool pgrp_exists(int pgid)
{
    return task_for_each(in_group, &pgid) != 0;
}

/* sys_setpgid: move `pid` (0: the caller; else one of its children) into
 * group `pgid` (0: its own pid), which must be new or already exist. */
int64_t sys_setpgid(uint64_t pid_arg, uint64_t pgid_arg)
{
    int pid = (int)pid_arg, pgid = (int)pgid_arg;
    struct task *t = pid == 0 ? current : task_find(pid);

    if (pgid < 0)
        return -EINVAL;
    if (!t || t->state == TASK_ZOMBIE || (t != current && t->parent != current))
        return -ESRCH;
    if (pgid == 0)
        pgid = t->pid;
    if (pgid != t->pid && !pgrp_exists(pgid))
        return -EPERM;
    t->pgid = pgid;
    return 0;
}

int64_t sys_getpgid(uint64_t pid)
{
    struct task *t = pid == 0 ? current : task_find((int)pid);
    return t && t->state != TASK_ZOMBIE ? t->pgid : -ESRCH;
}

int64_t sys_getpgrp(void)
{
    return current->pgid;
}

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

/* sys_arch_prctl: the FS and GS base addresses (musl keeps the thread
 * pointer in FS).  A base must be a user address: the CPU would fault on
 * a non-canonical one in ring 0 (Linux's EPERM). */
int64_t sys_arch_prctl(uint64_t code, uint64_t addr)
{
    struct user_bases b;

    arch_save_user_bases(&b);
    switch (code) {
    case ARCH_SET_FS:
    case ARCH_SET_GS:
        if (addr >= USER_TOP)
            return -EPERM;
        if (code == ARCH_SET_FS)
            b.fs = addr;
        else
            b.gs = addr;
        current->bases = b;
        arch_load_user_bases(&b);
        return 0;
    case ARCH_GET_FS:
        return copy_to_user((void *)addr, &b.fs, sizeof(b.fs));
    case ARCH_GET_GS:
        return copy_to_user((void *)addr, &b.gs, sizeof(b.gs));
    default:
        return -EINVAL;
    }
}

/* sys_set_tid_address: where a thread's id is cleared when it exits (for
 * threads; remembered now); returns the caller's thread id. */
int64_t sys_set_tid_address(uint64_t tidptr)
{
    current->clear_child_tid = tidptr;
    return current->pid;
}

/* the user and group ids: everyone is root until phase 2 has users */
int64_t sys_getuid(void)
{
    return 0;
}

int64_t sys_getpid(void)
{
    return current->pid;
}

int64_t sys_gettid(void)
{
    return current->pid;
}

int64_t sys_getppid(void)
{
    return current->parent ? current->parent->pid : 0;
}

int64_t sys_sched_yield(void)
{
    sched_yield_current();
    return 0;
}

int64_t sys_nanosleep(uint64_t req, uint64_t rem)
{
    struct timespec64 ts;
    uint64_t ticks_wanted, start = ticks;

    if (copy_from_user(&ts, (const void *)req, sizeof(ts)))
        return -EFAULT;
    if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (int64_t)NSEC_PER_SEC)
        return -EINVAL;
    /* like Linux's ktime, a longer sleep is cut to KTIME_SEC_MAX: in effect
     * until a signal (and no overflow in the arithmetic below) */
    if (ts.tv_sec >= KTIME_SEC_MAX)
        ts = (struct timespec64){ KTIME_SEC_MAX, 0 };
    ticks_wanted = ((uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec +
                    NSEC_PER_TICK - 1) / NSEC_PER_TICK;
    sleep_ticks(ticks_wanted);
    if (ticks - start < ticks_wanted) {         /* woken by a signal */
        uint64_t left = ticks_wanted - (ticks - start);
        struct timespec64 r = { (int64_t)(left / TIMER_HZ),
                                (int64_t)(left % TIMER_HZ * NSEC_PER_TICK) };
        if (rem && copy_to_user((void *)rem, &r, sizeof(r)))
            return -EFAULT;
        return -EINTR;
    }
    return 0;
}

/* sys_pause: sleep until a signal that is not ignored arrives: one with a
 * handler (phase 2) returns -EINTR, one whose default is to terminate never
 * lets it return. */
int64_t sys_pause(void)
{
    sleep_ticks(SLEEP_FOREVER);
    return -EINTR;
}

static uint64_t boot_epoch;     /* the time of day at boot, from the RTC */

void clock_init(void)
{
    boot_epoch = rtc_read_epoch();
}

uint64_t clock_realtime_seconds(void)
{
    return boot_epoch + ticks / TIMER_HZ;
}

#define CLOCK_REALTIME        0
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_TAI             11

/* sys_clock_gettime: MONOTONIC, the CPU-time clocks, MONOTONIC_RAW, its
 * COARSE twin and BOOTTIME count the timer's ticks from boot; REALTIME,
 * REALTIME_COARSE and TAI add the time of day the RTC said at boot (TAI
 * as Linux's without NTP: equal to REALTIME).  As on a Linux machine
 * without an RTC alarm: no ALARM clocks (8, 9); 10 is gone. */
int64_t sys_clock_gettime(uint64_t clock, uint64_t ts_ptr)
{
    uint64_t now = ticks;
    struct timespec64 ts = { (int64_t)(now / TIMER_HZ),
                             (int64_t)((now % TIMER_HZ) * NSEC_PER_TICK) };

    if (clock > 11 || (clock >= 8 && clock <= 10))
        return -EINVAL;
    if (clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE || clock == CLOCK_TAI)
        ts.tv_sec += (int64_t)boot_epoch;
    return copy_to_user((void *)ts_ptr, &ts, sizeof(ts));
}

/* sys_gettimeofday: CLOCK_REALTIME in microseconds; the time zone, if
 * asked for, is UTC. */
int64_t sys_gettimeofday(uint64_t tv_ptr, uint64_t tz_ptr)
{
    uint64_t now = ticks;
    struct { int64_t sec, usec; } tv = { (int64_t)(boot_epoch + now / TIMER_HZ),
                                         (int64_t)((now % TIMER_HZ) * (NSEC_PER_TICK / 1000)) };
    if (tv_ptr && copy_to_user((void *)tv_ptr, &tv, sizeof(tv)))
        return -EFAULT;
    if (tz_ptr && clear_user((void *)tz_ptr, 2 * sizeof(int)))
        return -EFAULT;
    return 0;
}

struct utsname {
    char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

int64_t sys_uname(uint64_t buf)
{
    struct utsname u;
    memset(&u, 0, sizeof(u));
    strlcpy(u.sysname, "usmm", sizeof(u.sysname));
    strlcpy(u.nodename, "usmm", sizeof(u.nodename));
    strlcpy(u.release, "0.1", sizeof(u.release));
    snprintf(u.version, sizeof(u.version), "phase %d", kernel_phase());
    strlcpy(u.machine, "x86_64", sizeof(u.machine));
    strlcpy(u.domainname, "(none)", sizeof(u.domainname));
    return copy_to_user((void *)buf, &u, sizeof(u));
}
