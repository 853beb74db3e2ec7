/*
 * phase2-mapping/mm/filemap_mmap.c - mapping a regular file: the checks of
 * mmap(2) against the open file, and the operations of a file VMA.
 *
 *   mmap(fd) -> do_mmap (phase 1) -> f_op->mmap = filemap_mmap: check the
 *   open mode, limit VM_MAY*, link the VMA to the file (i_mmap), take a
 *   reference to the open file -- so close(fd) does not end the mapping
 *   and an unlinked file lives on until its last mapping goes.
 *
 *   a fault -> file_vm_ops.fault -> filemap_fault (lab 10) under vfs_lock.
 *
 * A VMA on the file's i_mmap list is what truncate and writeback walk to
 * find the page-table entries of the file's pages (mm/filemap_unmap.c,
 * mm/writeback.c).
 */
#include <fs/vfs.h>
#include <mm/filemap.h>
#include <mm/mmap.h>
#include <uapi/errno.h>

/* link_vma / unlink_vma: the VMA maps (no longer maps) its file. */
static void link_vma(struct vm_area_struct *vma)
{
    struct address_space *mapping = &vma_file_inode(vma)->i_mapping;

    file_get(vma->vm_file);
    list_add_tail(&vma->vm_shared, &mapping->i_mmap);
    if ((vma->vm_flags & VM_SHARED) && (vma->vm_flags & VM_MAYWRITE))
        mapping->nr_shared_writable++;
}

static void unlink_vma(struct vm_area_struct *vma)
{
    struct address_space *mapping = &vma_file_inode(vma)->i_mapping;
    struct file *file = vma->vm_file;

    list_del(&vma->vm_shared);
    list_init(&vma->vm_shared);
    if ((vma->vm_flags & VM_SHARED) && (vma->vm_flags & VM_MAYWRITE))
        mapping->nr_shared_writable--;
    vma->vm_file = NULL;
    file_put(file);         /* the last one may evict the inode: after the unlink */
}

static int file_fault(struct vm_area_struct *vma, uint64_t addr, unsigned flags)
{
    int r;

    vfs_lock();
    r = filemap_fault(vma, addr, flags);
    vfs_unlock();
    return r;
}

static const struct vm_operations_struct file_vm_ops = {
    .name = "file",
    .fault = file_fault,
    .open = link_vma,
    .close = unlink_vma,
};

bool vma_is_file(const struct vm_area_struct *vma)
{
    return vma->vm_ops == &file_vm_ops;
}

struct inode *vma_file_inode(const struct vm_area_struct *vma)
{
    return vma_is_file(vma) ? file_inode(vma->vm_file) : NULL;
}

/* Linux's largest file offset (MAX_LFS_FILESIZE): a mapping may not reach
 * past it (EOVERFLOW). */
#define MAX_FILE_OFFSET ((uint64_t)INT64_MAX)

int filemap_mmap(struct file *file, struct vm_area_struct *vma)
{
    struct inode *inode = file_inode(file);
    int acc = file->flags & O_ACCMODE;
    uint64_t len = vma->vm_end - vma->vm_start;

    if (acc == O_WRONLY)
        return -EACCES;                 /* every mapping can be read */
    if ((vma->vm_flags & VM_SHARED) && (vma->vm_flags & VM_WRITE) && acc != O_RDWR)
        return -EACCES;                 /* (O_APPEND does not matter: Linux's rule) */
    if (!S_ISREG(inode->i_mode) || !inode->i_mapping.a_ops)
        return -ENODEV;
    if (len > MAX_FILE_OFFSET || vma->vm_pgoff > (MAX_FILE_OFFSET - len) >> PAGE_SHIFT)
        return -EOVERFLOW;
    /* a shared mapping of a file not open for writing can never be made
     * writable (mprotect: EACCES) */
    if ((vma->vm_flags & VM_SHARED) && acc != O_RDWR)
        vma->vm_flags &= ~VM_MAYWRITE;
    vma->vm_ops = &file_vm_ops;
    link_vma(vma);
    return 0;
}
