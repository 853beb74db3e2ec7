/*
 * phase2-mapping/fs/vfs_mount.c - the mount table: which file system's
 * root covers which directory.  Path lookup (fs/vfs_namei.c) asks it at
 * every step: mount_root_on() going down, mount_point_of() going up "..".
 */
#include <fs/vfs.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define MOUNT_MAX 8

struct mount {
    struct super_block *sb;
    struct inode *point;        /* the covered directory (referenced); NULL for / */
};

static struct mount mounts[MOUNT_MAX];
static int nmounts;
static uint32_t next_dev = 0x10;

uint32_t vfs_new_dev(void)
{
    return next_dev++;
}

struct inode *vfs_root(void)
{
    return nmounts ? mounts[0].sb->s_root : NULL;
}

struct inode *mount_root_on(struct inode *dir)
{
    for (int i = 1; i < nmounts; i++)
        if (mounts[i].point->i_sb == dir->i_sb && mounts[i].point->i_ino == dir->i_ino)
            return mounts[i].sb->s_root;
    return NULL;
}

struct inode *mount_point_of(struct super_block *sb)
{
    for (int i = 0; i < nmounts; i++)
        if (mounts[i].sb == sb)
            return mounts[i].point;
    return NULL;
}

int vfs_mount(const char *path, struct super_block *sb)
{
    struct inode *point = NULL;
    int err;

    if (nmounts == MOUNT_MAX)
        return -ENOMEM;
    if (strcmp(path, "/") != 0) {
        if (!nmounts)
            return -ENOENT;
        err = path_lookup(AT_FDCWD, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &point);
        if (err)
            return err;
    } else if (nmounts) {
        return -EBUSY;
    }
    mounts[nmounts].sb = sb;
    mounts[nmounts].point = point;
    nmounts++;
    return 0;
}
