/*
 * phase1-vma/proc/sys_limits.c - the small calls a C library makes about
 * the process itself: the signal mask (rt_sigprocmask), resource limits
 * (prlimit64, getrlimit, setrlimit) and random bytes (getrandom).  Phase 1
 * keeps the limits and reports them; phase 3 enforces the memory ones.
 */
#include <arch/cpu.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <proc/signal.h>
#include <proc/task.h>
#include <uapi/errno.h>

int64_t sys_rt_sigprocmask(uint64_t how, uint64_t set_ptr, uint64_t old_ptr, uint64_t size)
{
    uint64_t set, old;
    int err;

    if (size != sizeof(uint64_t))
        return -EINVAL;
    if (set_ptr && copy_from_user(&set, (const void *)set_ptr, sizeof(set)))
        return -EFAULT;
    err = do_sigprocmask((int)how, set_ptr ? &set : NULL, &old);
    if (err)
        return err;
    if (old_ptr && copy_to_user((void *)old_ptr, &old, sizeof(old)))
        return -EFAULT;
    return 0;
}

/* sys_prlimit64: read and/or set one limit of a process (0: the caller).
 * A soft limit above the hard one is EINVAL; everyone is root, so a hard
 * limit may rise too. */
int64_t sys_prlimit64(uint64_t pid, uint64_t resource, uint64_t new_ptr, uint64_t old_ptr)
{
    struct task *t = pid == 0 ? current : task_find((int)pid);
    struct rlimit64 lim;

    if (resource >= RLIMIT_COUNT)
        return -EINVAL;
    if (!t || t->state == TASK_ZOMBIE)
        return -ESRCH;
    if (new_ptr) {
        if (copy_from_user(&lim, (const void *)new_ptr, sizeof(lim)))
            return -EFAULT;
        if (lim.cur > lim.max)
            return -EINVAL;
    }
    if (old_ptr && copy_to_user((void *)old_ptr, &t->rlimits[resource], sizeof(lim)))
        return -EFAULT;
    if (new_ptr)
        t->rlimits[resource] = lim;
    return 0;
}

int64_t sys_getrlimit(uint64_t resource, uint64_t old_ptr)
{
    return sys_prlimit64(0, resource, 0, old_ptr);
}

int64_t sys_setrlimit(uint64_t resource, uint64_t new_ptr)
{
    return sys_prlimit64(0, resource, new_ptr, 0);
}

#define GRND_NONBLOCK 1
#define GRND_RANDOM   2
#define GRND_INSECURE 4

/* next_random: a xorshift64* stream, stirred with the time stamp counter
 * at every call.  Good enough for a C library's hash seeds; not for keys. */
static uint64_t next_random(void)
{
    static uint64_t state = 0x853c49e6748fea9bull;
    state ^= rdtsc();
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545f4914f6cdd1dull;
}

int64_t sys_getrandom(uint64_t buf, uint64_t count, uint64_t flags)
{
    uint64_t done = 0;

    if (flags & ~(uint64_t)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE) ||
        (flags & (GRND_RANDOM | GRND_INSECURE)) == (GRND_RANDOM | GRND_INSECURE))
        return -EINVAL;
    if (count > INT32_MAX)
        count = INT32_MAX;
    if (!user_range_ok(buf, count))
        return -EFAULT;
    while (done < count) {
        uint64_t chunk[32];
        uint64_t n = count - done < sizeof(chunk) ? count - done : sizeof(chunk);
        for (unsigned i = 0; i < 32; i++)
            chunk[i] = next_random();
        if (copy_to_user((char *)buf + done, chunk, n))
            return done ? (int64_t)done : -EFAULT;
        done += n;
    }
    return (int64_t)done;
}
