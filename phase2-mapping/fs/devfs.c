/*
 * phase2-mapping/fs/devfs.c - /dev: a RAM file system (fs/ramfs.c) with the
 * device files
 *
 *   /dev/mem      char 1,1   physical memory, root only; mmap of the VGA
 *                            text buffer alone (fs/devmem.c)
 *   /dev/null     char 1,3   reads end of file, writes vanish; no mmap (ENODEV)
 *   /dev/zero     char 1,5   reads zeros, writes vanish; mmap gives
 *                            anonymous memory: private, or shared (shmem)
 *                            with MAP_SHARED, as Linux's
 *   /dev/console  char 5,1   the console (phase 1's, kernel/console.c)
 *   /dev/tty      char 5,0   the same console
 *   /dev/shm/                where a second RAM file system is mounted
 *
 * Opening a device gives a file with the device's operations; the console
 * devices give the console's own file (console_open()).
 */
#include <fs/vfs.h>
#include <kernel/uaccess.h>
#include <mm/mmap.h>
#include <mm/shmem.h>
#include <mm/special.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define MKDEV(major, minor) (((major) << 8) | (minor))

static int64_t null_read(struct file *f, void *user_buf, uint64_t n)
{
    return 0;
}

static int64_t discard_write(struct file *f, const void *user_buf, uint64_t n)
{
    return (int64_t)n;
}

static int64_t zero_read(struct file *f, void *user_buf, uint64_t n)
{
    return clear_user(user_buf, n) ? -EFAULT : (int64_t)n;
}

/* zero_mmap: Linux's mmap_zero: a private mapping is plain anonymous
 * memory, a shared one shared anonymous memory (a new shmem object, which
 * fork shares).  No file stays attached (vm_file NULL: anonymous
 * semantics, no reference to hold).  As do_mmap on Linux: the file must be
 * readable, and writable for a shared writable mapping. */
int zero_mmap(struct file *f, struct vm_area_struct *vma)
{
    int acc = f->flags & O_ACCMODE;

    if (acc == O_WRONLY)
        return -EACCES;
    vma->vm_file = NULL;
    vma->vm_pgoff = 0;
    if (!(vma->vm_flags & VM_SHARED))
        return 0;               /* anon_vm_ops, as do_mmap set them */
    if (acc == O_RDONLY) {
        if (vma->vm_flags & VM_WRITE)
            return -EACCES;
        vma->vm_flags &= ~VM_MAYWRITE;
    }
    return shmem_zero_setup(vma);
}

static void device_release(struct file *f)
{
    iput(f->f_inode);
}

static const struct file_operations null_fops = {
    .read = null_read,
    .write = discard_write,
    .release = device_release,
};

static const struct file_operations mem_fops = {
    .open = devmem_file_open,
    .mmap = devmem_mmap,
    .release = device_release,
};

static const struct file_operations zero_fops = {
    .read = zero_read,
    .write = discard_write,
    .mmap = zero_mmap,
    .release = device_release,
};

struct super_block *devfs_create(void)
{
    struct super_block *sb = ramfs_create();
    struct inode *shm;

    if (!sb)
        return NULL;
    sb->s_type = "devfs";
    sb->s_root->i_mode = S_IFDIR | 0755;
    /* 0666: every user passes the mode; the open itself wants root */
    ramfs_mknod(sb->s_root, "mem", S_IFCHR | 0666, MKDEV(1, 1), &mem_fops);
    ramfs_mknod(sb->s_root, "null", S_IFCHR | 0666, MKDEV(1, 3), &null_fops);
    ramfs_mknod(sb->s_root, "zero", S_IFCHR | 0666, MKDEV(1, 5), &zero_fops);
    ramfs_mknod(sb->s_root, "console", S_IFCHR | 0600, DEV_CONSOLE, NULL);
    ramfs_mknod(sb->s_root, "tty", S_IFCHR | 0666, DEV_TTY, NULL);
    if (sb->s_root->i_op->create(sb->s_root, "shm", 3, S_IFDIR | 01777, 0, 0, &shm) == 0)
        iput(shm);
    return sb;
}
