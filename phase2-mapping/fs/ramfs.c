/*
 * phase2-mapping/fs/ramfs.c - a file system in memory (/tmp, /dev/shm, and
 * under the devices of /dev): a directory is a list of names, each holding
 * a reference to its inode; a file is its page cache (mm/filemap.c): 4 KiB
 * pages, allocated when first written or touched (holes read as zeros).  Everything is gone at power
 * off.  Callers hold vfs_lock().
 */
#include <fs/vfs.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <mm/filemap.h>
#include <mm/slab.h>
#include <uapi/errno.h>

#define RAMFS_PAGE     4096ul
#define RAMFS_MAX_SIZE (1ul << 30)

struct ramfs_dirent {
    struct list_head link;
    struct inode *inode;
    unsigned len;
    char name[NAME_MAX + 1];
};

struct ramfs_inode {
    struct list_head entries;   /* a directory's names */
    struct inode *parent;       /* a directory's ".." */
};

static uint64_t next_ino = 2;
static const struct address_space_operations ramfs_aops;
extern const struct inode_operations ramfs_dir_iops, ramfs_file_iops;

static struct ramfs_inode *RAMFS_I(struct inode *inode)
{
    return inode->i_private;
}

static struct ramfs_dirent *find(struct inode *dir, const char *name, unsigned len)
{
    struct list_head *head = &RAMFS_I(dir)->entries;
    for (struct list_head *p = head->next; p != head; p = p->next) {
        struct ramfs_dirent *de = list_entry(p, struct ramfs_dirent, link);
        if (de->len == len && memcmp(de->name, name, len) == 0)
            return de;
    }
    return NULL;
}

static int ramfs_lookup(struct inode *dir, const char *name, unsigned len, struct inode **out)
{
    struct ramfs_dirent *de;

    if (len == 2 && name[0] == '.' && name[1] == '.') {
        *out = RAMFS_I(dir)->parent;
        iget(*out);
        return 0;
    }
    de = find(dir, name, len);
    if (!de)
        return -ENOENT;
    iget(de->inode);
    *out = de->inode;
    return 0;
}

/* add_name: a new name in dir for inode (takes a reference for it). */
static int add_name(struct inode *dir, const char *name, unsigned len, struct inode *inode)
{
    struct ramfs_dirent *de = kmalloc(sizeof(*de));

    if (!de)
        return -ENOMEM;
    de->inode = inode;
    de->len = len;
    memcpy(de->name, name, len);
    de->name[len] = '\0';
    list_add_tail(&de->link, &RAMFS_I(dir)->entries);
    iget(inode);
    return 0;
}

/* ramfs_new_inode: a fresh inode of sb (one reference: the caller's). */
static struct inode *ramfs_new_inode(struct super_block *sb, uint32_t mode, uint32_t uid,
                                     uint32_t gid, struct inode *parent)
{
    struct inode *inode = new_inode(sb, next_ino++);

    if (!inode)
        return NULL;
    inode->i_private = kzalloc(sizeof(struct ramfs_inode));
    if (!inode->i_private) {
        iput(inode);
        return NULL;
    }
    list_init(&RAMFS_I(inode)->entries);
    RAMFS_I(inode)->parent = parent ? parent : inode;
    inode->i_mode = mode;
    inode->i_uid = uid;
    inode->i_gid = gid;
    inode->i_nlink = S_ISDIR(mode) ? 2 : 1;
    inode->i_atime = inode->i_mtime = inode->i_ctime = vfs_now();
    inode->i_op = S_ISDIR(mode) ? &ramfs_dir_iops : &ramfs_file_iops;
    inode->i_fop = &vfs_file_ops;
    if (S_ISREG(mode) || S_ISLNK(mode))
        inode->i_mapping.a_ops = &ramfs_aops;
    return inode;
}

static int ramfs_create_name(struct inode *dir, const char *name, unsigned len, uint32_t mode,
                        uint32_t uid, uint32_t gid, struct inode **out)
{
    struct inode *inode = ramfs_new_inode(dir->i_sb, mode, uid, gid, dir);
    int err;

    if (!inode)
        return -ENOMEM;
    err = add_name(dir, name, len, inode);
    if (err) {
        inode->i_nlink = 0;
        iput(inode);
        return err;
    }
    if (S_ISDIR(mode)) {
        iget(dir);                      /* the child's ".." */
        dir->i_nlink++;
    }
    inode_touch(dir, 6);
    *out = inode;
    return 0;
}

static int ramfs_link(struct inode *dir, const char *name, unsigned len, struct inode *target)
{
    int err = add_name(dir, name, len, target);
    if (err)
        return err;
    target->i_nlink++;
    inode_touch(target, 4);
    inode_touch(dir, 6);
    return 0;
}

/* drop_name: remove dir's entry `de`; its reference goes with it. */
static void drop_name(struct inode *dir, struct ramfs_dirent *de)
{
    struct inode *inode = de->inode;
    list_del(&de->link);
    kfree(de);
    inode_touch(dir, 6);
    iput(inode);
}

static int ramfs_unlink(struct inode *dir, const char *name, unsigned len, struct inode *victim)
{
    struct ramfs_dirent *de = find(dir, name, len);
    if (!de)
        return -ENOENT;
    victim->i_nlink--;
    inode_touch(victim, 4);
    drop_name(dir, de);
    return 0;
}

static int ramfs_rmdir(struct inode *dir, const char *name, unsigned len, struct inode *victim)
{
    struct ramfs_dirent *de = find(dir, name, len);
    if (!de)
        return -ENOENT;
    if (!list_empty(&RAMFS_I(victim)->entries))
        return -ENOTEMPTY;
    victim->i_nlink = 0;
    dir->i_nlink--;
    RAMFS_I(victim)->parent = victim;
    drop_name(dir, de);
    iput(dir);                          /* the victim's ".." */
    return 0;
}

static int ramfs_rename(struct inode *odir, const char *oname, unsigned olen, struct inode *obj,
                        struct inode *ndir, const char *nname, unsigned nlen, struct inode *victim)
{
    struct ramfs_dirent *de = find(odir, oname, olen);
    int err;

    if (!de)
        return -ENOENT;
    if (victim) {
        err = S_ISDIR(victim->i_mode) ? ramfs_rmdir(ndir, nname, nlen, victim)
                                      : ramfs_unlink(ndir, nname, nlen, victim);
        if (err)
            return err;
    }
    list_del(&de->link);
    de->len = nlen;
    memcpy(de->name, nname, nlen);
    de->name[nlen] = '\0';
    list_add_tail(&de->link, &RAMFS_I(ndir)->entries);
    if (S_ISDIR(obj->i_mode) && odir != ndir) {
        RAMFS_I(obj)->parent = ndir;
        iget(ndir);
        ndir->i_nlink++;
        odir->i_nlink--;
        iput(odir);
    }
    inode_touch(obj, 4);
    inode_touch(odir, 6);
    inode_touch(ndir, 6);
    return 0;
}

static int ramfs_readdir(struct inode *dir, uint64_t *pos, filldir_t fill, void *ctx)
{
    struct list_head *head = &RAMFS_I(dir)->entries;
    uint64_t i = 2;

    if (*pos == 0 && fill(ctx, ".", 1, dir->i_ino, DT_DIR, 1))
        return 0;
    if (*pos == 0)
        *pos = 1;
    if (*pos == 1 && fill(ctx, "..", 2, RAMFS_I(dir)->parent->i_ino, DT_DIR, 2))
        return 0;
    if (*pos == 1)
        *pos = 2;
    for (struct list_head *p = head->next; p != head; p = p->next, i++) {
        struct ramfs_dirent *de = list_entry(p, struct ramfs_dirent, link);
        if (i < *pos)
            continue;
        if (fill(ctx, de->name, de->len, de->inode->i_ino, mode_to_dtype(de->inode->i_mode),
                 i + 1))
            return 0;
        *pos = i + 1;
    }
    return 0;
}

/* A file's pages are its page cache (mm/filemap.c): there is no other
 * copy, so ramfs has no readpage (a page not cached is a hole) and no
 * writepage (its pages can never be dropped), as Linux's ramfs. */
static const struct address_space_operations ramfs_aops = { 0 };

/* count_blocks: st_blocks is what the cache holds (refreshed by write and
 * truncate; a page first touched through a mapping counts from then on). */
static void count_blocks(struct inode *inode)
{
    inode->i_blocks = inode->i_mapping.nrpages * (RAMFS_PAGE / 512);
}

static int64_t ramfs_write(struct inode *inode, const void *buf, uint64_t n, uint64_t pos,
                           bool user)
{
    int64_t r = filemap_write(inode, buf, n, pos, user);
    count_blocks(inode);
    return r == -ENOMEM ? -ENOSPC : r;
}

static int ramfs_setsize(struct inode *inode, uint64_t size)
{
    if (size > RAMFS_MAX_SIZE)
        return -EFBIG;
    truncate_pagecache(inode, size);
    inode->i_size = size;
    count_blocks(inode);
    inode_touch(inode, 6);
    return 0;
}

static int ramfs_symlink(struct inode *dir, const char *name, unsigned len, const char *target,
                         unsigned tlen, uint32_t uid, uint32_t gid)
{
    struct inode *inode;
    int err = ramfs_create_name(dir, name, len, S_IFLNK | 0777, uid, gid, &inode);
    int64_t written;

    if (err)
        return err;
    written = ramfs_write(inode, target, tlen, 0, false);
    if (written != (int64_t)tlen) {
        ramfs_unlink(dir, name, len, inode);
        err = -ENOSPC;
    }
    iput(inode);
    return err;
}

static int ramfs_readlink(struct inode *inode, char *buf, unsigned size)
{
    return (int)filemap_read(inode, buf, size, 0, false);
}

static void ramfs_evict(struct inode *inode)
{
    struct ramfs_inode *ri = RAMFS_I(inode);
    if (!ri)
        return;
    kfree(ri);
    inode->i_private = NULL;
}

const struct inode_operations ramfs_dir_iops = {
    .lookup = ramfs_lookup,
    .create = ramfs_create_name,
    .link = ramfs_link,
    .unlink = ramfs_unlink,
    .rmdir = ramfs_rmdir,
    .rename = ramfs_rename,
    .symlink = ramfs_symlink,
    .readdir = ramfs_readdir,
};

const struct inode_operations ramfs_file_iops = {
    .read = filemap_read,
    .write = ramfs_write,
    .setsize = ramfs_setsize,
    .readlink = ramfs_readlink,
};

static const struct super_operations ramfs_sops = {
    .evict = ramfs_evict,
};

struct super_block *ramfs_create(void)
{
    struct super_block *sb = kzalloc(sizeof(*sb));

    if (!sb)
        return NULL;
    sb->s_op = &ramfs_sops;
    sb->s_type = "ramfs";
    sb->s_dev = vfs_new_dev();
    sb->s_blocksize = RAMFS_PAGE;
    sb->s_maxbytes = RAMFS_MAX_SIZE;
    sb->s_root = ramfs_new_inode(sb, S_IFDIR | 01777, 0, 0, NULL);
    if (!sb->s_root) {
        kfree(sb);
        return NULL;
    }
    return sb;
}

/* ramfs_mknod: a device (or any) inode called name in dir, opened through
 * `fops` (fs/devfs.c). */
int ramfs_mknod(struct inode *dir, const char *name, uint32_t mode, uint32_t rdev,
                const struct file_operations *fops)
{
    struct inode *inode;
    int err = ramfs_create_name(dir, name, (unsigned)strlen(name), mode, 0, 0, &inode);
    if (err)
        return err;
    inode->i_rdev = rdev;
    inode->i_op = &ramfs_file_iops;
    if (fops)
        inode->i_fop = fops;
    iput(inode);
    return 0;
}
