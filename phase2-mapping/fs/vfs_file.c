/*
 * phase2-mapping/fs/vfs_file.c - an open file of the VFS: a struct file
 * (phase 1, kernel/file.h) whose f_inode is the inode and whose f_op,
 * vfs_file_ops, reads and writes through the inode's operations at the
 * file's position.  f_op->mmap maps a regular file through its page cache
 * (mm/filemap_mmap.c); other files cannot be mapped (-ENODEV, as Linux
 * says of files without mmap).
 */
#include <fs/vfs.h>
#include <lib/string.h>
#include <mm/filemap.h>
#include <mm/vma.h>
#include <uapi/errno.h>

static int64_t vfs_file_read(struct file *f, void *user_buf, uint64_t n)
{
    struct inode *inode = f->f_inode;
    int64_t r;

    if ((f->flags & O_ACCMODE) == O_WRONLY)
        return -EBADF;
    if (S_ISDIR(inode->i_mode))
        return -EISDIR;
    if (!inode->i_op->read)
        return -EINVAL;
    vfs_lock();
    r = inode->i_op->read(inode, user_buf, n, f->pos, true);
    if (r > 0)
        f->pos += (uint64_t)r;
    vfs_unlock();
    return r;
}

static int64_t vfs_file_write(struct file *f, const void *user_buf, uint64_t n)
{
    struct inode *inode = f->f_inode;
    int64_t r;

    if ((f->flags & O_ACCMODE) == O_RDONLY)
        return -EBADF;
    if (!inode->i_op->write)
        return -EINVAL;
    vfs_lock();
    if (f->flags & O_APPEND)
        f->pos = inode->i_size;
    r = inode->i_op->write(inode, user_buf, n, f->pos, true);
    if (r > 0)
        f->pos += (uint64_t)r;
    vfs_unlock();
    return r;
}


static void vfs_file_release(struct file *f)
{
    iput(f->f_inode);
}

const struct file_operations vfs_file_ops = {
    .read = vfs_file_read,
    .write = vfs_file_write,
    .mmap = filemap_mmap,       /* through the page cache (mm/filemap_mmap.c) */
    .release = vfs_file_release,
};

int vfs_open_inode(struct inode *inode, int flags, struct file **out)
{
    struct file *f = file_alloc(inode->i_fop ? inode->i_fop : &vfs_file_ops, NULL, "file",
                                flags);
    if (!f)
        return -ENOMEM;
    iget(inode);
    f->f_inode = inode;
    if (f->f_op->open) {
        int err = f->f_op->open(f);
        if (err) {
            file_put(f);
            return err;
        }
    }
    *out = f;
    return 0;
}

int vfs_truncate(struct inode *inode, uint64_t size)
{
    if (S_ISDIR(inode->i_mode))
        return -EISDIR;
    if (!S_ISREG(inode->i_mode) || !inode->i_op->setsize)
        return -EINVAL;
    return inode->i_op->setsize(inode, size);
}

uint32_t mode_to_dtype(uint32_t mode)
{
    return (mode & S_IFMT) >> 12;       /* DT_* are the S_IF* type bits shifted */
}
