/*
 * fs/ext2.h - the second extended file system, as it lies on the disk, and
 * the pieces of the driver (fs/ext2_*.c).
 *
 * The disk, in blocks of 1024 << s_log_block_size bytes:
 *
 *   [boot 1 KiB][superblock][group descriptors][group 0: block bitmap |
 *    inode bitmap | inode table | data ...][group 1: (backup super + GDT) |
 *    bitmaps | inode table | data ...] ...
 *
 * An inode's data blocks are found through i_block[15]:
 *
 *   i_block[0..11]  -> data blocks 0..11             (direct)
 *   i_block[12]     -> [P pointers] -> data           (indirect,   P = block size / 4)
 *   i_block[13]     -> [P] -> [P] -> data             (double indirect)
 *   i_block[14]     -> [P] -> [P] -> [P] -> data      (triple indirect)
 *
 * A 0 pointer is a hole (reads as zeros).  A directory is a file of
 * records {inode, rec_len, name_len, file_type, name}; a record's rec_len
 * reaches the next, the last one reaches the end of the block.
 */
#ifndef FS_EXT2_H
#define FS_EXT2_H

#include <fs/vfs.h>
#include <stdint.h>

#define EXT2_MAGIC        0xef53
#define EXT2_ROOT_INO     2
#define EXT2_NDIR_BLOCKS  12
#define EXT2_IND_BLOCK    12
#define EXT2_DIND_BLOCK   13
#define EXT2_TIND_BLOCK   14
#define EXT2_N_BLOCKS     15

/* incompatible features this driver understands */
#define EXT2_FEATURE_INCOMPAT_FILETYPE 0x0002
/* read-only-compatible ones it keeps correct */
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER 0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE   0x0002

struct ext2_super_block {
    uint32_t s_inodes_count, s_blocks_count, s_r_blocks_count;
    uint32_t s_free_blocks_count, s_free_inodes_count;
    uint32_t s_first_data_block, s_log_block_size, s_log_frag_size;
    uint32_t s_blocks_per_group, s_frags_per_group, s_inodes_per_group;
    uint32_t s_mtime, s_wtime;
    uint16_t s_mnt_count, s_max_mnt_count, s_magic, s_state, s_errors, s_minor_rev_level;
    uint32_t s_lastcheck, s_checkinterval, s_creator_os, s_rev_level;
    uint16_t s_def_resuid, s_def_resgid;
    uint32_t s_first_ino;
    uint16_t s_inode_size, s_block_group_nr;
    uint32_t s_feature_compat, s_feature_incompat, s_feature_ro_compat;
    uint8_t s_uuid[16];
    char s_volume_name[16];
} __attribute__((packed));

struct ext2_group_desc {
    uint32_t bg_block_bitmap, bg_inode_bitmap, bg_inode_table;
    uint16_t bg_free_blocks_count, bg_free_inodes_count, bg_used_dirs_count, bg_pad;
    uint32_t bg_reserved[3];
} __attribute__((packed));

struct ext2_inode {
    uint16_t i_mode, i_uid;
    uint32_t i_size, i_atime, i_ctime, i_mtime, i_dtime;
    uint16_t i_gid, i_links_count;
    uint32_t i_blocks, i_flags, i_osd1;
    uint32_t i_block[EXT2_N_BLOCKS];
    uint32_t i_generation, i_file_acl, i_size_high, i_faddr;
    uint8_t i_frag, i_fsize;
    uint16_t i_pad, i_uid_high, i_gid_high;
    uint32_t i_reserved;
} __attribute__((packed));

struct ext2_dir_entry {
    uint32_t inode;
    uint16_t rec_len;
    uint8_t name_len, file_type;
    char name[];
} __attribute__((packed));

#define EXT2_FT_UNKNOWN 0
#define EXT2_FT_REG     1
#define EXT2_FT_DIR     2
#define EXT2_FT_CHRDEV  3
#define EXT2_FT_BLKDEV  4
#define EXT2_FT_FIFO    5
#define EXT2_FT_SOCK    6
#define EXT2_FT_SYMLINK 7

/* the length a record for a name of `len` bytes needs */
#define EXT2_DIR_REC_LEN(len) (((len) + 8 + 3) & ~3u)

/* The mounted file system (sb->s_fs_info). */
struct ext2_sb_info {
    struct block_device *bdev;
    struct ext2_super_block es;         /* a copy, written back by ext2_write_super */
    uint64_t sb_block, sb_offset;       /* where the superblock lies */
    uint32_t block_size, ptrs_per_block;
    uint32_t groups, gdt_block;
    uint32_t inode_size;
    struct ext2_group_desc *gd;         /* all group descriptors */
};

/* An ext2 inode's own part (inode->i_private). */
struct ext2_inode_info {
    uint32_t i_block[EXT2_N_BLOCKS];
    uint32_t i_flags, i_dtime, i_generation, i_file_acl;
};

static inline struct ext2_sb_info *EXT2_SB(struct super_block *sb)
{
    return sb->s_fs_info;
}

static inline struct ext2_inode_info *EXT2_I(struct inode *inode)
{
    return inode->i_private;
}

/* fs/ext2_super.c */
int ext2_write_super(struct super_block *sb);
int ext2_write_group(struct super_block *sb, uint32_t group);

/* fs/ext2_alloc.c: bitmaps.  ext2_new_block: a free block near `goal`,
 * marked used and zeroed on the disk (0: none left, *err set).  */
uint32_t ext2_new_block(struct super_block *sb, uint32_t goal, int *err);
void ext2_free_block(struct super_block *sb, uint32_t block);
uint32_t ext2_new_inode_number(struct super_block *sb, uint32_t dir_group, bool is_dir, int *err);
void ext2_free_inode_number(struct super_block *sb, uint32_t ino, bool is_dir);

/* fs/ext2_inode.c */
int ext2_iget(struct super_block *sb, uint32_t ino, struct inode **out);
int ext2_write_inode(struct inode *inode);
void ext2_evict(struct inode *inode);
extern const struct inode_operations ext2_file_iops, ext2_dir_iops, ext2_symlink_iops;

/* fs/ext2_bmap.c (lab 9): the disk block holding logical block `lblock`
 * of inode: 0 for a hole, or (create) allocated there; -errno. */
int64_t ext2_block_map(struct inode *inode, uint64_t lblock, bool create);
/* ext2_block_path: the slots the walk to `lblock` takes: offsets[0] in
 * i_block[], then one per indirect block; returns how many (1..4), or
 * -EFBIG. */
int ext2_block_path(struct inode *inode, uint64_t lblock, unsigned offsets[4]);
/* ext2_alloc_for: a new zeroed block for inode near goal (0: its group),
 * counted in i_blocks; 0 and *err when the disk is full. */
uint32_t ext2_alloc_for(struct inode *inode, uint32_t goal, int *err);
/* ext2_truncate_blocks: free every block at or past logical block `keep`. */
int ext2_truncate_blocks(struct inode *inode, uint64_t keep);
/* the largest file the block map can describe, in blocks */
uint64_t ext2_max_blocks(struct super_block *sb);

/* fs/ext2_file.c */
int64_t ext2_file_read(struct inode *inode, void *buf, uint64_t n, uint64_t pos, bool user);
int64_t ext2_file_write(struct inode *inode, const void *buf, uint64_t n, uint64_t pos, bool user);
int ext2_setsize(struct inode *inode, uint64_t size);
/* the page cache's operations for a regular file (readpage, writepage,
 * write_begin) */
extern const struct address_space_operations ext2_aops;

/* fs/ext2_dir.c */
int ext2_find_entry(struct inode *dir, const char *name, unsigned len, uint32_t *ino);
int ext2_add_entry(struct inode *dir, const char *name, unsigned len, uint32_t ino,
                   uint32_t mode);
int ext2_delete_entry(struct inode *dir, const char *name, unsigned len);
int ext2_set_entry(struct inode *dir, const char *name, unsigned len, uint32_t ino,
                   uint32_t mode);
int ext2_dir_is_empty(struct inode *dir);
int ext2_readdir(struct inode *dir, uint64_t *pos, filldir_t fill, void *ctx);
#endif
