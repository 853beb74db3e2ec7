/*
 * kernel/file.h - open files and file descriptors.
 *
 * A struct file is an open object with an operations table; a process's
 * descriptors point at files (fork shares them, close drops a reference).
 * Phase 1 has one kind of file, the console (kernel/console.c); phase 2
 * adds files on disk, whose f_op->mmap makes file mappings possible.
 */
#ifndef KERNEL_FILE_H
#define KERNEL_FILE_H

#include <stdint.h>

struct file;
struct inode;
struct vm_area_struct;
struct task;

/* poll() readiness bits (Linux's values), what f_op->poll returns. */
#define POLLIN   0x001
#define POLLPRI  0x002
#define POLLOUT  0x004
#define POLLERR  0x008
#define POLLHUP  0x010
#define POLLNVAL 0x020

/* Descriptor flags (fcntl F_GETFD / F_SETFD), per descriptor, not per file. */
#define FD_CLOEXEC 1

struct file_operations {
    /* read / write: move up to n bytes to / from the user buffer; return the
     * count, 0 at end of file, or a negative errno. */
    int64_t (*read)(struct file *f, void *user_buf, uint64_t n);
    int64_t (*write)(struct file *f, const void *user_buf, uint64_t n);
    /* ioctl: a device request; without one, ioctl() is -ENOTTY. */
    int64_t (*ioctl)(struct file *f, uint64_t request, uint64_t arg);
    /* open: a device's check when a file of it is opened (the file is
     * made, f_inode set); 0, or a negative errno and the open fails (the
     * file is released).  NULL: nothing to check. */
    int (*open)(struct file *f);
    /* mmap: set up `vma` (ops, private data) to map this file. */
    int (*mmap)(struct file *f, struct vm_area_struct *vma);
    /* release: the last reference is gone. */
    void (*release)(struct file *f);
    /* poll: which of POLLIN / POLLOUT / POLLHUP / POLLERR hold right now
     * (without it a file is always readable and writable, as Linux says of
     * files that cannot block). */
    unsigned (*poll)(struct file *f);
};

struct file {
    const struct file_operations *f_op;
    int refcount;
    int flags;                  /* O_RDONLY / O_WRONLY / O_RDWR ... */
    uint64_t pos;
    void *private_data;
    struct inode *f_inode;      /* the file system object (phase 2), or NULL */
    char name[32];
};

/* file_alloc: a new file with one reference, or NULL. */
struct file *file_alloc(const struct file_operations *ops, void *private_data,
                        const char *name, int flags);
void file_get(struct file *f);
void file_put(struct file *f);

/* fd_install: the lowest free descriptor of current, now pointing at f
 * (takes over the caller's reference).  -EMFILE when all are taken. */
int fd_install(struct file *f);

/* fd_file: the file behind descriptor `fd` of current, or NULL. */
struct file *fd_file(int fd);

int fd_close(int fd);
int fd_dup(int fd);
int fd_dup2(int oldfd, int newfd);

/* files_copy / files_close_all: fork and exit. */
void files_copy(struct task *dst, const struct task *src);
void files_close_all(struct task *t);

/* files_close_on_exec: close t's descriptors marked FD_CLOEXEC (execve,
 * once the new program is certain).  The flags live in t->fd_flags[]; every
 * way a descriptor is (re)filled here clears them. */
void files_close_on_exec(struct task *t);

void file_init(void);

#endif
