/*
 * phase2-mapping/fs/ext2_inode.c - ext2 inodes: reading one from the inode
 * table into a VFS inode, writing it back, freeing it with its last link
 * and reference, and the directory operations that make and remove names
 * (create, link, unlink, rmdir, rename).  Plugs into the VFS through
 * struct inode_operations / super_operations (fs/vfs.h).
 */
#include <fs/buffer.h>
#include <fs/ext2.h>
#include <lib/string.h>
#include <mm/filemap.h>
#include <mm/slab.h>
#include <uapi/errno.h>

#define EXT2_LINK_MAX 32000

/* inode_location: the block of the inode table holding `ino`, and where. */
static int inode_location(struct super_block *sb, uint32_t ino, uint64_t *block, uint32_t *off)
{
    struct ext2_sb_info *sbi = EXT2_SB(sb);
    uint32_t g, index;

    if (ino < 1 || ino > sbi->es.s_inodes_count)
        return -EIO;
    g = (ino - 1) / sbi->es.s_inodes_per_group;
    index = (ino - 1) % sbi->es.s_inodes_per_group;
    *block = sbi->gd[g].bg_inode_table + (uint64_t)index * sbi->inode_size / sbi->block_size;
    *off = index * sbi->inode_size % sbi->block_size;
    return 0;
}

/* set_ops: the inode operations for the inode's type. */
static void set_ops(struct inode *inode)
{
    inode->i_fop = &vfs_file_ops;
    if (S_ISDIR(inode->i_mode))
        inode->i_op = &ext2_dir_iops;
    else if (S_ISLNK(inode->i_mode))
        inode->i_op = &ext2_symlink_iops;
    else {
        inode->i_op = &ext2_file_iops;
        inode->i_mapping.a_ops = &ext2_aops;   /* read and written through the cache */
    }
}

/* fill_inode: the VFS inode from the disk's. */
static void fill_inode(struct inode *inode, const struct ext2_inode *raw)
{
    struct ext2_inode_info *ei = EXT2_I(inode);

    inode->i_mode = raw->i_mode;
    inode->i_uid = raw->i_uid | (uint32_t)raw->i_uid_high << 16;
    inode->i_gid = raw->i_gid | (uint32_t)raw->i_gid_high << 16;
    inode->i_nlink = raw->i_links_count;
    inode->i_size = raw->i_size;
    if (S_ISREG(raw->i_mode))
        inode->i_size |= (uint64_t)raw->i_size_high << 32;
    inode->i_blocks = raw->i_blocks;
    inode->i_atime = raw->i_atime;
    inode->i_mtime = raw->i_mtime;
    inode->i_ctime = raw->i_ctime;
    memcpy(ei->i_block, raw->i_block, sizeof(ei->i_block));
    ei->i_flags = raw->i_flags;
    ei->i_dtime = raw->i_dtime;
    ei->i_generation = raw->i_generation;
    ei->i_file_acl = raw->i_file_acl;
    set_ops(inode);
}

int ext2_iget(struct super_block *sb, uint32_t ino, struct inode **out)
{
    struct ext2_sb_info *sbi = EXT2_SB(sb);
    struct inode *inode = iget_cached(sb, ino);
    struct buffer *b;
    uint64_t block;
    uint32_t off;
    int err;

    if (inode) {
        *out = inode;
        return 0;
    }
    err = inode_location(sb, ino, &block, &off);
    if (err)
        return err;
    b = bread(sbi->bdev, block, sbi->block_size);
    if (!b)
        return -EIO;
    inode = new_inode(sb, ino);
    if (inode)
        inode->i_private = kzalloc(sizeof(struct ext2_inode_info));
    if (!inode || !inode->i_private) {
        brelse(b);
        if (inode)
            iput(inode);
        return -ENOMEM;
    }
    fill_inode(inode, (const struct ext2_inode *)(b->data + off));
    brelse(b);
    *out = inode;
    return 0;
}

int ext2_write_inode(struct inode *inode)
{
    struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);
    struct ext2_inode_info *ei = EXT2_I(inode);
    struct ext2_inode *raw;
    struct buffer *b;
    uint64_t block;
    uint32_t off;
    int err = inode_location(inode->i_sb, (uint32_t)inode->i_ino, &block, &off);

    if (err)
        return err;
    b = bread(sbi->bdev, block, sbi->block_size);
    if (!b)
        return -EIO;
    raw = (struct ext2_inode *)(b->data + off);
    raw->i_mode = (uint16_t)inode->i_mode;
    raw->i_uid = (uint16_t)inode->i_uid;
    raw->i_uid_high = (uint16_t)(inode->i_uid >> 16);
    raw->i_gid = (uint16_t)inode->i_gid;
    raw->i_gid_high = (uint16_t)(inode->i_gid >> 16);
    raw->i_links_count = (uint16_t)inode->i_nlink;
    raw->i_size = (uint32_t)inode->i_size;
    raw->i_size_high = S_ISREG(inode->i_mode) ? (uint32_t)(inode->i_size >> 32) : 0;
    raw->i_blocks = (uint32_t)inode->i_blocks;
    raw->i_atime = inode->i_atime;
    raw->i_mtime = inode->i_mtime;
    raw->i_ctime = inode->i_ctime;
    raw->i_dtime = ei->i_dtime;
    raw->i_flags = ei->i_flags;
    raw->i_generation = ei->i_generation;
    memcpy(raw->i_block, ei->i_block, sizeof(raw->i_block));
    err = bwrite(b);
    brelse(b);
    return err;
}

/* is_fast_symlink: a symbolic link whose target lives in i_block itself. */
static bool is_fast_symlink(struct inode *inode)
{
    return S_ISLNK(inode->i_mode) && inode->i_blocks == 0;
}

void ext2_evict(struct inode *inode)
{
    struct ext2_inode_info *ei = EXT2_I(inode);

    if (!ei)
        return;
    if (inode->i_nlink == 0) {      /* the file is gone: free its blocks and inode */
        if (!is_fast_symlink(inode))
            ext2_truncate_blocks(inode, 0);
        inode->i_size = 0;
        ei->i_dtime = vfs_now();
        ext2_write_inode(inode);
        ext2_free_inode_number(inode->i_sb, (uint32_t)inode->i_ino, S_ISDIR(inode->i_mode));
    }
    kfree(ei);
    inode->i_private = NULL;
}

static int ext2_lookup(struct inode *dir, const char *name, unsigned len, struct inode **out)
{
    uint32_t ino;
    int err = ext2_find_entry(dir, name, len, &ino);
    return err ? err : ext2_iget(dir->i_sb, ino, out);
}

/* make_dir_block: the first block of a new directory: "." and "..". */
static int make_dir_block(struct inode *inode, struct inode *parent)
{
    struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);
    int64_t block = ext2_block_map(inode, 0, true);
    struct ext2_dir_entry *de;
    struct buffer *b;
    int err;

    if (block < 0)
        return (int)block;
    b = bread(sbi->bdev, (uint64_t)block, sbi->block_size);
    if (!b)
        return -EIO;
    de = (struct ext2_dir_entry *)b->data;
    de->inode = (uint32_t)inode->i_ino;
    de->rec_len = 12;
    de->name_len = 1;
    de->file_type = EXT2_FT_DIR;
    memcpy(de->name, ".", 1);
    de = (struct ext2_dir_entry *)(b->data + 12);
    de->inode = (uint32_t)parent->i_ino;
    de->rec_len = (uint16_t)(sbi->block_size - 12);
    de->name_len = 2;
    de->file_type = EXT2_FT_DIR;
    memcpy(de->name, "..", 2);
    err = bwrite(b);
    brelse(b);
    inode->i_size = sbi->block_size;
    return err;
}

/* ext2_create: a new inode (a directory gets "." and ".."), its name in
 * dir; on any failure everything allocated is freed again (iput of an
 * inode without links). */
static int ext2_create(struct inode *dir, const char *name, unsigned len, uint32_t mode,
                       uint32_t uid, uint32_t gid, struct inode **out)
{
    struct ext2_sb_info *sbi = EXT2_SB(dir->i_sb);
    uint32_t group = (uint32_t)(dir->i_ino - 1) / sbi->es.s_inodes_per_group;
    int err = 0;
    uint32_t ino = ext2_new_inode_number(dir->i_sb, group, S_ISDIR(mode), &err);
    struct inode *inode;

    if (!ino)
        return err;
    inode = new_inode(dir->i_sb, ino);
    if (inode)
        inode->i_private = kzalloc(sizeof(struct ext2_inode_info));
    if (!inode || !inode->i_private) {
        if (inode)
            iput(inode);
        ext2_free_inode_number(dir->i_sb, ino, S_ISDIR(mode));
        return -ENOMEM;
    }
    inode->i_mode = mode;
    inode->i_uid = uid;
    inode->i_gid = gid;
    inode->i_nlink = S_ISDIR(mode) ? 2 : 1;
    inode->i_atime = inode->i_mtime = inode->i_ctime = vfs_now();
    set_ops(inode);
    err = S_ISDIR(mode) ? make_dir_block(inode, dir) : 0;
    if (!err)
        err = ext2_write_inode(inode);
    if (!err)
        err = ext2_add_entry(dir, name, len, ino, mode);
    if (err) {
        inode->i_nlink = 0;     /* iput frees what was allocated */
        iput(inode);
        return err;
    }
    if (S_ISDIR(mode))
        dir->i_nlink++;
    inode_touch(dir, 6);
    *out = inode;
    return 0;
}

static int ext2_link(struct inode *dir, const char *name, unsigned len, struct inode *target)
{
    int err;

    if (target->i_nlink >= EXT2_LINK_MAX)
        return -EMLINK;
    err = ext2_add_entry(dir, name, len, (uint32_t)target->i_ino, target->i_mode);
    if (err)
        return err;
    target->i_nlink++;
    inode_touch(target, 4);
    inode_touch(dir, 6);
    return 0;
}

static int ext2_unlink(struct inode *dir, const char *name, unsigned len, struct inode *victim)
{
    int err = ext2_delete_entry(dir, name, len);

    if (err)
        return err;
    victim->i_nlink--;
    inode_touch(victim, 4);
    inode_touch(dir, 6);
    return 0;
}

static int ext2_rmdir(struct inode *dir, const char *name, unsigned len, struct inode *victim)
{
    int err = ext2_dir_is_empty(victim);

    if (!err)
        err = ext2_delete_entry(dir, name, len);
    if (err)
        return err;
    victim->i_nlink = 0;
    victim->i_size = 0;
    inode_touch(victim, 4);
    dir->i_nlink--;
    inode_touch(dir, 6);
    return 0;
}

/* ext2_rename: the new name first (replacing victim's), then the old one
 * removed; a directory moved to another parent gets its ".." changed and
 * both parents' link counts. */
static int ext2_rename(struct inode *odir, const char *oname, unsigned olen, struct inode *obj,
                       struct inode *ndir, const char *nname, unsigned nlen, struct inode *victim)
{
    bool is_dir = S_ISDIR(obj->i_mode);
    int err = victim && S_ISDIR(victim->i_mode) ? ext2_dir_is_empty(victim) : 0;

    if (!err)
        err = victim ? ext2_set_entry(ndir, nname, nlen, (uint32_t)obj->i_ino, obj->i_mode)
                     : ext2_add_entry(ndir, nname, nlen, (uint32_t)obj->i_ino, obj->i_mode);
    if (err)
        return err;
    if (victim) {
        if (S_ISDIR(victim->i_mode)) {
            victim->i_nlink = 0;
            victim->i_size = 0;
            ndir->i_nlink--;
        } else {
            victim->i_nlink--;
        }
        inode_touch(victim, 4);
    }
    err = ext2_delete_entry(odir, oname, olen);
    if (err)
        return err;
    if (is_dir && odir != ndir) {
        err = ext2_set_entry(obj, "..", 2, (uint32_t)ndir->i_ino, S_IFDIR);
        odir->i_nlink--;
        ndir->i_nlink++;
    }
    inode_touch(obj, 4);
    inode_touch(odir, 6);
    if (ndir != odir)
        inode_touch(ndir, 6);
    return err;
}

/* ext2_symlink: a target shorter than i_block[] (60 bytes) lives in it (a
 * "fast" symbolic link, no block); a longer one in a data block. */
static int ext2_symlink(struct inode *dir, const char *name, unsigned len, const char *target,
                        unsigned tlen, uint32_t uid, uint32_t gid)
{
    struct inode *inode;
    int64_t written;
    int err = ext2_create(dir, name, len, S_IFLNK | 0777, uid, gid, &inode);

    if (err)
        return err;
    if (tlen < sizeof(EXT2_I(inode)->i_block)) {
        memcpy(EXT2_I(inode)->i_block, target, tlen);
        inode->i_size = tlen;
        err = ext2_write_inode(inode);
    } else {
        written = ext2_file_write(inode, target, tlen, 0, false);
        err = written == (int64_t)tlen ? 0 : written < 0 ? (int)written : -ENOSPC;
    }
    if (err) {                          /* take the name back */
        ext2_delete_entry(dir, name, len);
        inode->i_nlink = 0;
    }
    iput(inode);
    return err;
}

static int ext2_readlink(struct inode *inode, char *buf, unsigned size)
{
    unsigned n = inode->i_size < size ? (unsigned)inode->i_size : size;

    if (is_fast_symlink(inode)) {
        memcpy(buf, EXT2_I(inode)->i_block, n);
        return (int)n;
    }
    return ext2_file_read(inode, buf, n, 0, false) < 0 ? -EIO : (int)n;
}

const struct inode_operations ext2_file_iops = {
    .read = filemap_read,
    .write = filemap_write,
    .setsize = ext2_setsize,
    .write_inode = ext2_write_inode,
};

const struct inode_operations ext2_dir_iops = {
    .lookup = ext2_lookup,
    .create = ext2_create,
    .link = ext2_link,
    .unlink = ext2_unlink,
    .rmdir = ext2_rmdir,
    .rename = ext2_rename,
    .symlink = ext2_symlink,
    .readdir = ext2_readdir,
    .write_inode = ext2_write_inode,
};

const struct inode_operations ext2_symlink_iops = {
    .readlink = ext2_readlink,
    .write_inode = ext2_write_inode,
};
