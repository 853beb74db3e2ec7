/*
 * phase2-mapping/fs/ext2_dir.c - ext2 directories: a file of records
 *
 *   [inode | rec_len | name_len | file_type | name ... pad to 4]
 *
 * (see fs/ext2.h).  Finding a name walks every record; adding one takes a
 * free record or the slack at the end of a live one, else a new block at
 * the end of the directory; removing one merges it into the record before
 * it (or, first in its block, marks it free with inode 0).  Records never
 * cross a block.  Callers hold vfs_lock().
 */
#include <fs/buffer.h>
#include <fs/ext2.h>
#include <lib/string.h>
#include <uapi/errno.h>

/* dir_block: block i of directory dir, read (NULL: a hole or an error). */
static struct buffer *dir_block(struct inode *dir, uint64_t i)
{
    struct ext2_sb_info *sbi = EXT2_SB(dir->i_sb);
    int64_t block = ext2_block_map(dir, i, false);
    return block > 0 ? bread(sbi->bdev, (uint64_t)block, sbi->block_size) : NULL;
}

/* entry_ok: is the record at `off` of a block of `size` sane? */
static bool entry_ok(const struct ext2_dir_entry *de, uint32_t off, uint32_t size)
{
    return de->rec_len >= 12 && de->rec_len % 4 == 0 && off + de->rec_len <= size &&
           EXT2_DIR_REC_LEN(de->name_len) <= de->rec_len;
}

/* file_type / dtype_of: a mode as a directory record's file type, and that
 * as getdents64's d_type. */
static uint8_t file_type(uint32_t mode)
{
    switch (mode & S_IFMT) {
    case S_IFREG: return EXT2_FT_REG;
    case S_IFDIR: return EXT2_FT_DIR;
    case S_IFCHR: return EXT2_FT_CHRDEV;
    case S_IFBLK: return EXT2_FT_BLKDEV;
    case S_IFIFO: return EXT2_FT_FIFO;
    case S_IFSOCK: return EXT2_FT_SOCK;
    case S_IFLNK: return EXT2_FT_SYMLINK;
    default: return EXT2_FT_UNKNOWN;
    }
}

static unsigned dtype_of(uint8_t ft)
{
    static const unsigned dt[] = { DT_UNKNOWN, DT_REG, DT_DIR, DT_CHR, DT_BLK, DT_FIFO,
                                   DT_SOCK, DT_LNK };
    return ft < 8 ? dt[ft] : DT_UNKNOWN;
}

/* find: the record of name in dir: its block (referenced) and offset, and
 * the offset of the record before it in the block (-1: first). */
static int find(struct inode *dir, const char *name, unsigned len, struct buffer **out,
                uint32_t *at, int64_t *prev_at)
{
    uint32_t bs = EXT2_SB(dir->i_sb)->block_size;

    for (uint64_t i = 0; i < dir->i_size / bs; i++) {
        struct buffer *b = dir_block(dir, i);
        int64_t prev = -1;
        if (!b)
            continue;
        for (uint32_t off = 0; off < bs;) {
            struct ext2_dir_entry *de = (struct ext2_dir_entry *)(b->data + off);
            if (!entry_ok(de, off, bs))
                break;
            if (de->inode && de->name_len == len && memcmp(de->name, name, len) == 0) {
                *out = b;
                *at = off;
                *prev_at = prev;
                return 0;
            }
            prev = off;
            off += de->rec_len;
        }
        brelse(b);
    }
    return -ENOENT;
}

int ext2_find_entry(struct inode *dir, const char *name, unsigned len, uint32_t *ino)
{
    struct buffer *b;
    uint32_t at;
    int64_t prev;
    int err = find(dir, name, len, &b, &at, &prev);

    if (err)
        return err;
    *ino = ((struct ext2_dir_entry *)(b->data + at))->inode;
    brelse(b);
    return 0;
}

static void fill_entry(struct ext2_dir_entry *de, const char *name, unsigned len, uint32_t ino,
                       uint32_t mode, uint16_t rec_len)
{
    de->inode = ino;
    de->rec_len = rec_len;
    de->name_len = (uint8_t)len;
    de->file_type = file_type(mode);
    memcpy(de->name, name, len);
}

/* add_in_block: put the record in block b if it has room; true if so. */
static bool add_in_block(struct buffer *b, uint32_t bs, const char *name, unsigned len,
                         uint32_t ino, uint32_t mode)
{
    uint32_t need = EXT2_DIR_REC_LEN(len);

    for (uint32_t off = 0; off < bs;) {
        struct ext2_dir_entry *de = (struct ext2_dir_entry *)(b->data + off);
        uint32_t used = de->inode ? EXT2_DIR_REC_LEN(de->name_len) : 0;
        if (!entry_ok(de, off, bs))
            return false;
        if (de->rec_len - used >= need) {
            uint16_t rest = (uint16_t)(de->rec_len - used);
            if (used) {
                de->rec_len = (uint16_t)used;
                de = (struct ext2_dir_entry *)(b->data + off + used);
            }
            fill_entry(de, name, len, ino, mode, rest);
            return true;
        }
        off += de->rec_len;
    }
    return false;
}

int ext2_add_entry(struct inode *dir, const char *name, unsigned len, uint32_t ino, uint32_t mode)
{
    uint32_t bs = EXT2_SB(dir->i_sb)->block_size;
    uint64_t nblocks = dir->i_size / bs;
    struct buffer *b;
    int64_t block;
    int err;

    for (uint64_t i = 0; i < nblocks; i++) {
        b = dir_block(dir, i);
        if (!b)
            continue;
        if (add_in_block(b, bs, name, len, ino, mode)) {
            err = bwrite(b);
            brelse(b);
            return err;
        }
        brelse(b);
    }
    block = ext2_block_map(dir, nblocks, true);         /* a new block at the end */
    if (block <= 0)
        return block ? (int)block : -EIO;
    b = bread(EXT2_SB(dir->i_sb)->bdev, (uint64_t)block, bs);
    if (!b)
        return -EIO;
    fill_entry((struct ext2_dir_entry *)b->data, name, len, ino, mode, (uint16_t)bs);
    err = bwrite(b);
    brelse(b);
    dir->i_size += bs;
    return err ? err : ext2_write_inode(dir);
}

int ext2_delete_entry(struct inode *dir, const char *name, unsigned len)
{
    struct buffer *b;
    uint32_t at;
    int64_t prev;
    int err = find(dir, name, len, &b, &at, &prev);
    struct ext2_dir_entry *de;

    if (err)
        return err;
    de = (struct ext2_dir_entry *)(b->data + at);
    if (prev >= 0)
        ((struct ext2_dir_entry *)(b->data + prev))->rec_len += de->rec_len;
    else
        de->inode = 0;
    err = bwrite(b);
    brelse(b);
    return err;
}

int ext2_set_entry(struct inode *dir, const char *name, unsigned len, uint32_t ino, uint32_t mode)
{
    struct buffer *b;
    uint32_t at;
    int64_t prev;
    int err = find(dir, name, len, &b, &at, &prev);
    struct ext2_dir_entry *de;

    if (err)
        return err;
    de = (struct ext2_dir_entry *)(b->data + at);
    de->inode = ino;
    de->file_type = file_type(mode);
    err = bwrite(b);
    brelse(b);
    return err;
}

/* live_name_ok: is a live record's name one an empty directory may hold? */
static bool dot_or_dotdot(const struct ext2_dir_entry *de)
{
    return (de->name_len == 1 && de->name[0] == '.') ||
           (de->name_len == 2 && de->name[0] == '.' && de->name[1] == '.');
}

int ext2_dir_is_empty(struct inode *dir)
{
    uint32_t bs = EXT2_SB(dir->i_sb)->block_size;

    for (uint64_t i = 0; i < dir->i_size / bs; i++) {
        struct buffer *b = dir_block(dir, i);
        if (!b)
            continue;
        for (uint32_t off = 0; off < bs;) {
            struct ext2_dir_entry *de = (struct ext2_dir_entry *)(b->data + off);
            if (!entry_ok(de, off, bs))
                break;
            if (de->inode && !dot_or_dotdot(de)) {
                brelse(b);
                return -ENOTEMPTY;
            }
            off += de->rec_len;
        }
        brelse(b);
    }
    return 0;
}

int ext2_readdir(struct inode *dir, uint64_t *pos, filldir_t fill, void *ctx)
{
    uint32_t bs = EXT2_SB(dir->i_sb)->block_size;

    while (*pos < dir->i_size) {
        uint64_t i = *pos / bs;
        struct buffer *b = dir_block(dir, i);
        uint32_t off = 0;
        if (!b) {
            *pos = (i + 1) * bs;
            continue;
        }
        while (off < bs) {
            struct ext2_dir_entry *de = (struct ext2_dir_entry *)(b->data + off);
            uint64_t next;
            if (!entry_ok(de, off, bs)) {
                off = bs;
                break;
            }
            next = i * bs + off + de->rec_len;
            if (i * bs + off >= *pos && de->inode &&
                fill(ctx, de->name, de->name_len, de->inode, dtype_of(de->file_type), next)) {
                brelse(b);
                return 0;
            }
            if (i * bs + off >= *pos)
                *pos = next;
            off += de->rec_len;
        }
        brelse(b);
        *pos = (i + 1) * bs;
    }
    return 0;
}
