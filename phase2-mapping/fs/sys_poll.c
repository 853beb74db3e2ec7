/*
 * phase2-mapping/fs/sys_poll.c - waiting for several files at once: poll,
 * ppoll, select, pselect6.  Each file says what it is ready for through
 * f_op->poll (kernel/file.h; pipes and the console have one, other files
 * are always ready).  While nothing is ready the caller sleeps a timer
 * tick at a time and looks again: simple, and one tick (10 ms) is the
 * resolution of every timeout here anyway.  A signal ends the wait (EINTR).
 */
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <proc/sched.h>
#include <proc/signal.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <uapi/syscall_numbers.h>
#include <uapi/syscall_numbers_fs.h>

#define POLL_MAX   1024         /* RLIMIT_NOFILE's usual soft limit */
#define FD_SETSIZE 1024
#define NSEC_PER_TICK (1000000000ull / TIMER_HZ)

struct pollfd {
    int fd;
    short events, revents;
};

struct timespec64 {
    int64_t sec, nsec;
};

static unsigned file_ready(struct file *f)
{
    return f->f_op->poll ? f->f_op->poll(f) : POLLIN | POLLOUT;
}

/* poll_once: fill every revents; how many are non-zero. */
static int poll_once(struct pollfd *fds, uint64_t n)
{
    int ready = 0;
    for (uint64_t i = 0; i < n; i++) {
        struct file *f = fds[i].fd >= 0 ? fd_file(fds[i].fd) : NULL;
        unsigned mask = fds[i].fd < 0 ? 0 : !f ? POLLNVAL : file_ready(f);
        fds[i].revents = (short)(mask & ((unsigned)(uint16_t)fds[i].events | POLLERR | POLLHUP |
                                         POLLNVAL));
        ready += fds[i].revents != 0;
    }
    return ready;
}

/* deadline_of: the tick at which a wait of `ns` nanoseconds ends
 * (UINT64_MAX: never). */
static uint64_t deadline_of(int64_t ns)
{
    if (ns < 0)
        return UINT64_MAX;
    return ticks + ((uint64_t)ns + NSEC_PER_TICK - 1) / NSEC_PER_TICK;
}

static int64_t do_poll(uint64_t user_fds, uint64_t n, int64_t timeout_ns)
{
    uint64_t deadline = deadline_of(timeout_ns);
    struct pollfd *fds;
    int ready;

    if (n > POLL_MAX)
        return -EINVAL;
    fds = kmalloc(n ? n * sizeof(*fds) : 1);
    if (!fds)
        return -ENOMEM;
    if (copy_from_user(fds, (void *)user_fds, n * sizeof(*fds))) {
        kfree(fds);
        return -EFAULT;
    }
    while ((ready = poll_once(fds, n)) == 0 && ticks < deadline) {
        if (signal_pending(current)) {
            kfree(fds);
            return -EINTR;
        }
        sleep_ticks(1);
    }
    for (uint64_t i = 0; i < n; i++)    /* only revents goes back */
        if (copy_to_user(&((struct pollfd *)user_fds)[i].revents, &fds[i].revents,
                         sizeof(short))) {
            ready = -EFAULT;
            break;
        }
    kfree(fds);
    return ready;
}

static int64_t sys_poll(uint64_t fds, uint64_t n, uint64_t timeout_ms)
{
    int ms = (int)timeout_ms;
    return do_poll(fds, n, ms < 0 ? -1 : (int64_t)ms * 1000000);
}

/* timespec_ns: a user timespec as nanoseconds (-1: NULL, wait forever). */
static int timespec_ns(uint64_t user_ts, int64_t *ns)
{
    struct timespec64 ts;

    if (!user_ts) {
        *ns = -1;
        return 0;
    }
    if (copy_from_user(&ts, (void *)user_ts, sizeof(ts)))
        return -EFAULT;
    if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000)
        return -EINVAL;
    *ns = ts.sec > INT64_MAX / 1000000000 - 1 ? INT64_MAX : ts.sec * 1000000000 + ts.nsec;
    return 0;
}

static int64_t sys_ppoll(uint64_t fds, uint64_t n, uint64_t ts, uint64_t sigmask)
{
    int64_t ns;
    int err = timespec_ns(ts, &ns);
    return err ? err : do_poll(fds, n, ns);
}

/* The three fd_set bitmaps of select, read in and written back. */
struct select_sets {
    uint64_t user[3];
    uint64_t in[3][FD_SETSIZE / 64], out[3][FD_SETSIZE / 64];
};

static const unsigned select_events[3] = { POLLIN | POLLHUP | POLLERR, POLLOUT | POLLERR,
                                           POLLPRI };

/* select_once: one look at every descriptor in the sets; the count of
 * bits set in `out`, or -EBADF for a descriptor not open. */
static int select_once(struct select_sets *s, int nfds)
{
    int ready = 0;
    memset(s->out, 0, sizeof(s->out));
    for (int fd = 0; fd < nfds; fd++) {
        uint64_t bit = 1ull << (fd % 64);
        struct file *f;
        unsigned mask;
        if (!((s->in[0][fd / 64] | s->in[1][fd / 64] | s->in[2][fd / 64]) & bit))
            continue;
        f = fd_file(fd);
        if (!f)
            return -EBADF;
        mask = file_ready(f);
        for (int k = 0; k < 3; k++) {
            if ((s->in[k][fd / 64] & bit) && (mask & select_events[k])) {
                s->out[k][fd / 64] |= bit;
                ready++;
            }
        }
    }
    return ready;
}

static int64_t do_select(int nfds, uint64_t r, uint64_t w, uint64_t e, int64_t timeout_ns)
{
    struct select_sets *s;
    uint64_t deadline = deadline_of(timeout_ns), bytes;
    int ready;

    if (nfds < 0)
        return -EINVAL;
    if (nfds > FD_SETSIZE)
        nfds = FD_SETSIZE;
    bytes = (uint64_t)(nfds + 63) / 64 * 8;
    s = kzalloc(sizeof(*s));
    if (!s)
        return -ENOMEM;
    s->user[0] = r;
    s->user[1] = w;
    s->user[2] = e;
    for (int k = 0; k < 3; k++) {
        if (s->user[k] && copy_from_user(s->in[k], (void *)s->user[k], bytes)) {
            kfree(s);
            return -EFAULT;
        }
    }
    while ((ready = select_once(s, nfds)) == 0 && ticks < deadline) {
        if (signal_pending(current)) {
            kfree(s);
            return -EINTR;
        }
        sleep_ticks(1);
    }
    for (int k = 0; k < 3 && ready >= 0; k++)
        if (s->user[k] && copy_to_user((void *)s->user[k], s->out[k], bytes))
            ready = -EFAULT;
    kfree(s);
    return ready;
}

static int64_t sys_select(uint64_t nfds, uint64_t r, uint64_t w, uint64_t e, uint64_t tv)
{
    struct { int64_t sec, usec; } t;
    int64_t ns = -1;

    if (tv) {
        if (copy_from_user(&t, (void *)tv, sizeof(t)))
            return -EFAULT;
        if (t.sec < 0 || t.usec < 0 || t.usec >= 1000000)
            return -EINVAL;
        ns = t.sec > INT64_MAX / 1000000000 - 1 ? INT64_MAX : t.sec * 1000000000 + t.usec * 1000;
    }
    return do_select((int)nfds, r, w, e, ns);
}

static int64_t sys_pselect6(uint64_t nfds, uint64_t r, uint64_t w, uint64_t e, uint64_t ts,
                            uint64_t sigmask)
{
    int64_t ns;
    int err = timespec_ns(ts, &ns);
    return err ? err : do_select((int)nfds, r, w, e, ns);
}

void sys_poll_init(void)
{
    syscall_register(SYS_poll, "poll", SYSCALL_HANDLER(sys_poll));
    syscall_register(SYS_ppoll, "ppoll", SYSCALL_HANDLER(sys_ppoll));
    syscall_register(SYS_select, "select", SYSCALL_HANDLER(sys_select));
    syscall_register(SYS_pselect6, "pselect6", SYSCALL_HANDLER(sys_pselect6));
}
