/*
 * phase2-mapping/signal/sigwait.c - waiting for a signal: rt_sigsuspend
 * (with a temporary mask, which the handler's frame then records as the
 * mask to restore) and rt_sigtimedwait (takes a pending signal without
 * running its handler).  pause is phase 1's.
 */
#include <arch/cpu.h>
#include <kernel/uaccess.h>
#include <proc/sched.h>
#include <signal/sigstate.h>
#include <uapi/errno.h>

#define NSEC_PER_SEC 1000000000ull
#define NSEC_PER_TICK (NSEC_PER_SEC / TIMER_HZ)

struct timespec64 {
    int64_t tv_sec, tv_nsec;
};

/* sys_rt_sigsuspend: sleep with `mask` as the signal mask until a signal
 * is delivered; always -EINTR, never restarted.  The old mask comes back
 * when the handler returns (or at once when no handler runs). */
int64_t sys_rt_sigsuspend(uint64_t mask_ptr, uint64_t size)
{
    struct sigstate *s;
    uint64_t mask;

    if (size != sizeof(uint64_t))
        return -EINVAL;
    if (copy_from_user(&mask, (const void *)mask_ptr, sizeof(mask)))
        return -EFAULT;
    s = sigstate_get(current);
    if (!s)
        return -ENOMEM;
    s->saved_mask = current->blocked_signals;
    s->saved_mask_valid = true;
    current->blocked_signals = mask & ~SIGNALS_UNBLOCKABLE;
    while (!signal_pending(current))
        sleep_ticks(SLEEP_FOREVER);
    return -EINTR;
}

/* timeout_ticks: a timespec as timer ticks, rounded up (UINT64_MAX
 * without one).  0 or -EINVAL/-EFAULT. */
static int timeout_ticks(uint64_t ts_ptr, uint64_t *ticks_out)
{
    struct timespec64 ts;

    *ticks_out = SLEEP_FOREVER;
    if (!ts_ptr)
        return 0;
    if (copy_from_user(&ts, (const void *)ts_ptr, sizeof(ts)))
        return -EFAULT;
    if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (int64_t)NSEC_PER_SEC)
        return -EINVAL;
    if ((uint64_t)ts.tv_sec >= UINT64_MAX / NSEC_PER_SEC / 2)
        return 0;
    *ticks_out = ((uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec +
                  NSEC_PER_TICK - 1) / NSEC_PER_TICK;
    return 0;
}

/* dequeue_signal: take the lowest pending signal of `set`: 0 if none. */
static int dequeue_signal(uint64_t set, struct ksiginfo *info)
{
    uint64_t flags = irq_save(), ready = current->pending_signals & set;
    int sig = 0;

    if (ready) {
        sig = __builtin_ctzll(ready) + 1;
        current->pending_signals &= ~sigbit(sig);
        *info = sig_take_info(current, sig);
    }
    irq_restore(flags);
    return sig;
}

/* wait_for: sleep until a signal of `set` (or any unblocked one) is
 * pending or `ticks` pass; the signals of `set` are unblocked and never
 * ignored meanwhile, so that they wake us. */
static void wait_for(struct sigstate *s, uint64_t set, uint64_t ticks)
{
    uint64_t blocked = current->blocked_signals;

    s->waiting = set;
    current->blocked_signals &= ~set;
    sleep_ticks(ticks);
    current->blocked_signals = blocked;
    s->waiting = 0;
}

/* sys_rt_sigtimedwait: the signal number, its siginfo_t in *info; -EAGAIN
 * when the timeout passed, -EINTR when another signal came first. */
int64_t sys_rt_sigtimedwait(uint64_t set_ptr, uint64_t info_ptr, uint64_t ts_ptr,
                            uint64_t size)
{
    struct ksiginfo info;
    struct siginfo si;
    struct sigstate *s;
    uint64_t set, ticks;
    int sig, err;

    if (size != sizeof(uint64_t))
        return -EINVAL;
    if (copy_from_user(&set, (const void *)set_ptr, sizeof(set)))
        return -EFAULT;
    set &= ~SIGNALS_UNBLOCKABLE;
    err = timeout_ticks(ts_ptr, &ticks);
    if (err)
        return err;
    sig = dequeue_signal(set, &info);
    if (!sig && ticks) {
        s = sigstate_get(current);
        if (!s)
            return -ENOMEM;
        wait_for(s, set, ticks);
        sig = dequeue_signal(set, &info);
    }
    if (!sig)
        return ticks && signal_pending(current) ? -EINTR : -EAGAIN;
    if (info_ptr) {
        siginfo_fill(&si, &info);
        if (copy_to_user((void *)info_ptr, &si, sizeof(si)))
            return -EFAULT;
    }
    return sig;
}
