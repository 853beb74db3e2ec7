/*
 * phase2-mapping/fs/vfs_inode.c - the inode cache: every inode in use, by
 * (super block, inode number), with a reference count.  The last iput()
 * empties its page cache (writing back what is dirty), hands the inode to
 * its file system's evict (which frees the file if no name is left) and
 * frees it.  Unused inodes are not kept: a file nobody has open, mapped
 * or as a working directory has no cached pages.
 */
#include <fs/vfs.h>
#include <mm/filemap.h>
#include <mm/slab.h>
#include <proc/sched.h>

#define INODE_HASH 128

static struct list_head hash[INODE_HASH];
static bool ready;

static struct list_head *bucket(struct super_block *sb, uint64_t ino)
{
    if (!ready) {
        for (int i = 0; i < INODE_HASH; i++)
            list_init(&hash[i]);
        ready = true;
    }
    return &hash[(ino ^ (uint64_t)sb >> 6) % INODE_HASH];
}

struct inode *iget_cached(struct super_block *sb, uint64_t ino)
{
    struct list_head *head = bucket(sb, ino);
    for (struct list_head *p = head->next; p != head; p = p->next) {
        struct inode *inode = list_entry(p, struct inode, i_hash);
        if (inode->i_sb == sb && inode->i_ino == ino) {
            inode->i_count++;
            return inode;
        }
    }
    return NULL;
}

struct inode *new_inode(struct super_block *sb, uint64_t ino)
{
    struct inode *inode = kzalloc(sizeof(*inode));
    if (!inode)
        return NULL;
    inode->i_sb = sb;
    inode->i_ino = ino;
    inode->i_count = 1;
    mapping_init(&inode->i_mapping, inode, NULL);     /* the file system sets a_ops */
    list_add(&inode->i_hash, bucket(sb, ino));
    return inode;
}

void iget(struct inode *inode)
{
    inode->i_count++;
}

void iput(struct inode *inode)
{
    if (!inode)
        return;
    vfs_lock();
    if (--inode->i_count > 0) {
        vfs_unlock();
        return;
    }
    mapping_release(inode);     /* its cached pages: written back (if it still has a
                                 * name) and freed */
    if (inode->i_sb->s_op && inode->i_sb->s_op->evict)
        inode->i_sb->s_op->evict(inode);
    list_del(&inode->i_hash);
    kfree(inode);
    vfs_unlock();
}

uint32_t vfs_now(void)
{
    return (uint32_t)clock_realtime_seconds();
}

void inode_touch(struct inode *inode, unsigned which)
{
    uint32_t now = vfs_now();
    if (which & 1)
        inode->i_atime = now;
    if (which & 2)
        inode->i_mtime = now;
    if (which & 4)
        inode->i_ctime = now;
    if (inode->i_op && inode->i_op->write_inode)
        inode->i_op->write_inode(inode);
}
