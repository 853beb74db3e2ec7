/*
 * phase1-vma/kernel/file.c - reference-counted open files and each
 * process's descriptor table (see kernel/file.h).
 */
#include <kernel/file.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <proc/task.h>
#include <uapi/errno.h>

static struct kmem_cache file_cache;

void file_init(void)
{
    kmem_cache_init(&file_cache, "file", sizeof(struct file));
}

struct file *file_alloc(const struct file_operations *ops, void *private_data,
                        const char *name, int flags)
{
    struct file *f = kmem_cache_zalloc(&file_cache);
    if (!f)
        return NULL;
    f->f_op = ops;
    f->refcount = 1;
    f->flags = flags;
    f->private_data = private_data;
    strlcpy(f->name, name, sizeof(f->name));
    return f;
}

void file_get(struct file *f)
{
    f->refcount++;
}

void file_put(struct file *f)
{
    if (--f->refcount > 0)
        return;
    if (f->f_op->release)
        f->f_op->release(f);
    kmem_cache_free(&file_cache, f);
}

int fd_install(struct file *f)
{
    for (int fd = 0; fd < TASK_MAX_FILES; fd++) {
        if (!current->files[fd]) {
            current->files[fd] = f;
            current->fd_flags[fd] = 0;
            return fd;
        }
    }
    return -EMFILE;
}

struct file *fd_file(int fd)
{
    if (fd < 0 || fd >= TASK_MAX_FILES)
        return NULL;
    return current->files[fd];
}

int fd_close(int fd)
{
    struct file *f = fd_file(fd);
    if (!f)
        return -EBADF;
    current->files[fd] = NULL;
    current->fd_flags[fd] = 0;
    file_put(f);
    return 0;
}

int fd_dup(int fd)
{
    struct file *f = fd_file(fd);
    int newfd;
    if (!f)
        return -EBADF;
    newfd = fd_install(f);
    if (newfd >= 0)
        file_get(f);
    return newfd;
}

int fd_dup2(int oldfd, int newfd)
{
    struct file *f = fd_file(oldfd);
    if (!f)
        return -EBADF;
    if (newfd < 0 || newfd >= TASK_MAX_FILES)
        return -EBADF;
    if (newfd == oldfd)
        return newfd;
    if (current->files[newfd])
        file_put(current->files[newfd]);
    file_get(f);
    current->files[newfd] = f;
    current->fd_flags[newfd] = 0;
    return newfd;
}

void files_copy(struct task *dst, const struct task *src)
{
    for (int fd = 0; fd < TASK_MAX_FILES; fd++) {
        dst->files[fd] = src->files[fd];
        dst->fd_flags[fd] = src->fd_flags[fd];
        if (dst->files[fd])
            file_get(dst->files[fd]);
    }
}

void files_close_all(struct task *t)
{
    for (int fd = 0; fd < TASK_MAX_FILES; fd++) {
        if (t->files[fd]) {
            file_put(t->files[fd]);
            t->files[fd] = NULL;
        }
    }
}

void files_close_on_exec(struct task *t)
{
    for (int fd = 0; fd < TASK_MAX_FILES; fd++) {
        if (t->files[fd] && (t->fd_flags[fd] & FD_CLOEXEC)) {
            file_put(t->files[fd]);
            t->files[fd] = NULL;
        }
        t->fd_flags[fd] = 0;
    }
}
