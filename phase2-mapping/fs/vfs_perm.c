/*
 * phase2-mapping/fs/vfs_perm.c - may the current process read, write or
 * execute an inode?  The classic Unix check: the owner's bits if its
 * effective uid owns the inode, else the group's if its effective gid is
 * the inode's group, else the others'.  Root may read and write anything,
 * and execute anything with at least one execute bit (or any directory).
 */
#include <fs/vfs.h>
#include <proc/task.h>
#include <uapi/errno.h>

int inode_permission(struct inode *inode, int mask)
{
    struct fs_struct *fs = task_fs(current);
    uint32_t mode = inode->i_mode, bits;

    if (!fs)
        return -EACCES;                 /* no memory for its ids: fail closed */
    if (fs->euid == 0) {
        if ((mask & MAY_EXEC) && !S_ISDIR(mode) && !(mode & 0111))
            return -EACCES;
        return 0;
    }
    if (fs->euid == inode->i_uid)
        bits = mode >> 6;
    else if (fs->egid == inode->i_gid)
        bits = mode >> 3;
    else
        bits = mode;
    return (bits & (uint32_t)mask & 7) == ((uint32_t)mask & 7) ? 0 : -EACCES;
}

bool inode_owner_or_root(struct inode *inode)
{
    struct fs_struct *fs = task_fs(current);
    return fs && (fs->euid == 0 || fs->euid == inode->i_uid);
}
