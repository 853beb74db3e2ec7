/*
 * phase2-mapping/fs/pipe.c - pipes: pipe and pipe2.  A pipe is an inode
 * (S_IFIFO, on no file system a path reaches) holding a ring buffer of
 * PIPE_SIZE bytes, and two files: the read end and the write end.
 *
 *   read:   waits while the pipe is empty and a writer is left; empty and
 *           no writer: end of file (0); O_NONBLOCK: EAGAIN instead of waiting
 *   write:  no reader left: SIGPIPE and EPIPE; waits for room; a write of
 *           at most PIPE_BUF bytes goes in whole, never mixed with another
 *   poll:   read end POLLIN (data) / POLLHUP (no writer);
 *           write end POLLOUT (room) / POLLERR (no reader)
 *
 * A signal ends a wait (EINTR, or the count moved so far).
 */
#include <arch/cpu.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <mm/slab.h>
#include <proc/sched.h>
#include <proc/signal.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <uapi/syscall_numbers.h>
#include <uapi/syscall_numbers_fs.h>

#define PIPE_SIZE 65536
#define PIPE_BUF  4096

struct pipe {
    uint8_t *buf;
    uint32_t head, count;       /* the readable bytes: buf[head .. head+count) mod size */
    int readers, writers;       /* open ends */
    struct wait_queue wq;       /* readers and writers waiting */
};

static struct super_block pipe_sb = { .s_type = "pipefs", .s_blocksize = 4096 };
static uint64_t pipe_ino = 1;

static struct pipe *PIPE(struct file *f)
{
    return f->f_inode->i_private;
}

/* wait_pipe: sleep until something changes; -EINTR on a signal. */
static int wait_pipe(struct pipe *p)
{
    uint64_t flags = irq_save();
    if (!signal_pending(current))
        sleep_on(&p->wq);
    irq_restore(flags);
    return signal_pending(current) ? -EINTR : 0;
}

/* pipe_read: see the top of the file; -EBADF on the write end. */
static int64_t pipe_read(struct file *f, void *user_buf, uint64_t n)
{
    struct pipe *p = PIPE(f);
    uint64_t done = 0;

    if ((f->flags & O_ACCMODE) != O_RDONLY)
        return -EBADF;
    while (p->count == 0) {
        int err;
        if (p->writers == 0)
            return 0;
        if (f->flags & O_NONBLOCK)
            return -EAGAIN;
        err = wait_pipe(p);
        if (err)
            return err;
    }
    while (done < n && p->count) {
        uint32_t chunk = PIPE_SIZE - p->head < p->count ? PIPE_SIZE - p->head : p->count;
        if (chunk > n - done)
            chunk = (uint32_t)(n - done);
        if (copy_to_user((uint8_t *)user_buf + done, p->buf + p->head, chunk))
            return done ? (int64_t)done : -EFAULT;
        p->head = (p->head + chunk) % PIPE_SIZE;
        p->count -= chunk;
        done += chunk;
    }
    wake_up(&p->wq);
    return (int64_t)done;
}

/* put_bytes: as much of user_buf[done..n) as fits; -EFAULT. */
static int put_bytes(struct pipe *p, const uint8_t *user_buf, uint64_t n, uint64_t *done)
{
    while (*done < n && p->count < PIPE_SIZE) {
        uint32_t tail = (p->head + p->count) % PIPE_SIZE;
        uint32_t chunk = PIPE_SIZE - tail < PIPE_SIZE - p->count ? PIPE_SIZE - tail
                                                                : PIPE_SIZE - p->count;
        if (chunk > n - *done)
            chunk = (uint32_t)(n - *done);
        if (copy_from_user(p->buf + tail, user_buf + *done, chunk))
            return -EFAULT;
        p->count += chunk;
        *done += chunk;
    }
    return 0;
}

/* pipe_write: see the top of the file; -EBADF on the read end. */
static int64_t pipe_write(struct file *f, const void *user_buf, uint64_t n)
{
    struct pipe *p = PIPE(f);
    uint64_t done = 0;

    if ((f->flags & O_ACCMODE) != O_WRONLY)
        return -EBADF;
    while (done < n) {
        uint64_t room = PIPE_SIZE - p->count;
        int err;
        if (p->readers == 0) {
            send_signal(current, SIGPIPE);
            return done ? (int64_t)done : -EPIPE;
        }
        if (room && (n > PIPE_BUF || room >= n - done)) {     /* small writes: whole */
            err = put_bytes(p, user_buf, n, &done);
            wake_up(&p->wq);
            if (err)
                return done ? (int64_t)done : err;
            continue;
        }
        if (f->flags & O_NONBLOCK)
            return done ? (int64_t)done : -EAGAIN;
        err = wait_pipe(p);
        if (err)
            return done ? (int64_t)done : err;
    }
    return (int64_t)done;
}

static unsigned pipe_poll(struct file *f)
{
    struct pipe *p = PIPE(f);

    if ((f->flags & O_ACCMODE) == O_RDONLY)
        return (p->count ? POLLIN : 0) | (p->writers ? 0 : POLLHUP);
    return (p->count < PIPE_SIZE ? POLLOUT : 0) | (p->readers ? 0 : POLLERR);
}

/* pipe_release: one end closed: wake the other side; the last end frees
 * the buffer. */
static void pipe_release(struct file *f)
{
    struct pipe *p = PIPE(f);
    struct inode *inode = f->f_inode;

    if ((f->flags & O_ACCMODE) == O_RDONLY)
        p->readers--;
    else
        p->writers--;
    wake_up(&p->wq);
    if (p->readers == 0 && p->writers == 0) {
        kfree(p->buf);
        kfree(p);
        inode->i_private = NULL;
    }
    iput(inode);
}

static const struct file_operations pipe_fops = {
    .read = pipe_read,
    .write = pipe_write,
    .poll = pipe_poll,
    .release = pipe_release,
};

/* pipe_end: a file for one end of the pipe in inode. */
static struct file *pipe_end(struct inode *inode, int flags)
{
    struct file *f = file_alloc(&pipe_fops, NULL, "pipe", flags);
    if (f) {
        iget(inode);
        f->f_inode = inode;
    }
    return f;
}

/* make_pipe: a pipe inode with its buffer (one reference). */
static struct inode *make_pipe(void)
{
    struct fs_struct *fs = task_fs(current);
    struct inode *inode = new_inode(&pipe_sb, pipe_ino++);
    struct pipe *p = kzalloc(sizeof(*p));

    if (p)
        p->buf = kmalloc(PIPE_SIZE);
    if (!inode || !p || !p->buf) {
        if (p)
            kfree(p->buf);
        kfree(p);
        if (inode)
            iput(inode);
        return NULL;
    }
    wait_queue_init(&p->wq);
    inode->i_mode = S_IFIFO | 0600;
    inode->i_nlink = 1;
    inode->i_uid = fs ? fs->euid : 0;
    inode->i_gid = fs ? fs->egid : 0;
    inode->i_atime = inode->i_mtime = inode->i_ctime = vfs_now();
    inode->i_private = p;
    return inode;
}

/* sys_pipe2: two descriptors, read end first; on any failure nothing
 * stays open. */
static int64_t sys_pipe2(uint64_t user_fds, uint64_t flags)
{
    struct inode *inode;
    struct file *r, *w;
    int fds[2];

    if (flags & ~(uint64_t)(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
        return -EINVAL;
    inode = make_pipe();
    if (!inode)
        return -ENOMEM;
    r = pipe_end(inode, O_RDONLY | (int)(flags & O_NONBLOCK));
    w = pipe_end(inode, O_WRONLY | (int)(flags & O_NONBLOCK));
    ((struct pipe *)inode->i_private)->readers = r ? 1 : 0;
    ((struct pipe *)inode->i_private)->writers = w ? 1 : 0;
    iput(inode);
    fds[0] = r ? fd_install(r) : -ENOMEM;
    fds[1] = w && fds[0] >= 0 ? fd_install(w) : -ENOMEM;
    if (fds[0] < 0 || fds[1] < 0 || copy_to_user((void *)user_fds, fds, sizeof(fds))) {
        int err = fds[0] < 0 ? fds[0] : fds[1] < 0 ? fds[1] : -EFAULT;
        if (fds[0] >= 0)
            fd_close(fds[0]);
        else if (r)
            file_put(r);
        if (fds[1] >= 0)
            fd_close(fds[1]);
        else if (w)
            file_put(w);
        return err == -ENOMEM && r && w ? -EMFILE : err;
    }
    if (flags & O_CLOEXEC) {
        current->fd_flags[fds[0]] |= FD_CLOEXEC;
        current->fd_flags[fds[1]] |= FD_CLOEXEC;
    }
    return 0;
}

static int64_t sys_pipe(uint64_t user_fds)
{
    return sys_pipe2(user_fds, 0);
}

void pipe_init(void)
{
    pipe_sb.s_dev = vfs_new_dev();
    syscall_register(SYS_pipe, "pipe", SYSCALL_HANDLER(sys_pipe));
    syscall_register(SYS_pipe2, "pipe2", SYSCALL_HANDLER(sys_pipe2));
}
