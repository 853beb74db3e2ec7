/*
 * fs/vfs.h - the virtual file system: inodes, super blocks, mounts, path
 * lookup, and the per-process file-system state.
 *
 *   descriptor (task->files[fd]) -> struct file (phase 1, kernel/file.h)
 *        f_op: vfs_file_ops (fs/vfs_file.c) or a device's / pipe's ops
 *        f_inode -------------------------> struct inode  (i_count references)
 *                                              i_op: what its file system does
 *                                              i_sb -> struct super_block
 *                                              i_mapping: its cached pages (the
 *                                                page cache, next issue)
 *
 * Mounts (fs/vfs_mount.c): ext2 on the first ATA disk at /, a RAM file
 * system (fs/ramfs.c) at /tmp and /dev/shm, the devices at /dev
 * (fs/devfs.c: null, zero, console, tty).  Path lookup (fs/vfs_namei.c)
 * crosses them.
 *
 * Locking: one recursive sleeping lock, vfs_lock(), serialises every file
 * system operation (the disk driver sleeps; nothing else does).  Pipes and
 * the console wait without it.
 */
#ifndef FS_VFS_H
#define FS_VFS_H

#include <kernel/file.h>
#include <kernel/list.h>
#include <mm/page_store.h>
#include <stdbool.h>
#include <stdint.h>
#include <uapi/fcntl.h>

#define NAME_MAX   255
#define PATH_MAX   4096
#define SYMLOOP_MAX 8          /* nested symbolic links (kernel stack depth) */

struct inode;
struct super_block;
struct task;

/* address_space_operations: how the page cache (mm/filemap.c) moves a
 * file's pages to and from its file system.  4 KiB pages; ext2's blocks
 * are smaller (a page is several blocks). */
struct address_space_operations {
    /* readpage: the file's bytes of page `index` into buf (4 KiB): zeros
     * past the end of the file and in holes.  0 or -EIO.  NULL: a page
     * not in the cache is a hole (ramfs: the cache is the file). */
    int (*readpage)(struct inode *inode, uint64_t index, void *buf);
    /* writepage: the first `len` bytes of page `index` (the part inside
     * the file) to the file's blocks.  0 or -EIO / -ENOSPC.  NULL: the
     * pages live only in memory and can never be dropped. */
    int (*writepage)(struct inode *inode, uint64_t index, const void *buf, unsigned len);
    /* write_begin: room for a write() of [pos, pos + len) -- blocks
     * allocated now, so that a full disk says ENOSPC to write() and not
     * later to writeback.  0 or -ENOSPC / -EIO.  May be NULL. */
    int (*write_begin)(struct inode *inode, uint64_t pos, uint64_t len);
};

/* file_ra_state: the readahead of one file (mm/readahead.c, lab 12):
 * the window read last is [start, start + size), and `async_start` the page
 * whose use starts the next one; prev_index the page read or faulted last. */
struct file_ra_state {
    uint64_t start, size, async_start;
    uint64_t prev_index;
};

/* address_space: the page cache of one file (mm/filemap.h): its cached
 * pages, indexed by page offset, and the VMAs that map it. */
struct address_space {
    struct inode *host;
    const struct address_space_operations *a_ops;   /* NULL: not cached (devices) */
    struct page_store pages;    /* the cached pages (PG_CACHE; one reference each) */
    uint64_t nrpages;
    struct list_head i_mmap;    /* VMAs mapping the file (vm_shared links) */
    uint64_t nr_shared_writable;/* of those, MAP_SHARED and writable: their PTEs
                                 * may hold dirty bits */
    struct list_head mappings;  /* on the list of caches that hold pages */
    struct file_ra_state ra;
};

/* readdir's callback: one entry; non-zero stops the walk (buffer full). */
typedef int (*filldir_t)(void *ctx, const char *name, unsigned len, uint64_t ino,
                         unsigned dtype, uint64_t next_pos);

struct inode_operations {
    /* lookup: the inode called name[0..len) in directory `dir` (a new
     * reference), or -ENOENT. */
    int (*lookup)(struct inode *dir, const char *name, unsigned len, struct inode **out);
    /* create: a new inode of `mode` (S_IFREG, S_IFDIR, ...) called name in
     * dir, owned by uid:gid (a new reference in *out). */
    int (*create)(struct inode *dir, const char *name, unsigned len, uint32_t mode,
                  uint32_t uid, uint32_t gid, struct inode **out);
    /* link: another name for `target` in dir. */
    int (*link)(struct inode *dir, const char *name, unsigned len, struct inode *target);
    /* unlink / rmdir: remove the name `victim` has in dir (rmdir: an
     * empty directory). */
    int (*unlink)(struct inode *dir, const char *name, unsigned len, struct inode *victim);
    int (*rmdir)(struct inode *dir, const char *name, unsigned len, struct inode *victim);
    /* rename: the VFS has checked types, emptiness and loops; `victim` is
     * what the new name points at now (or NULL). */
    int (*rename)(struct inode *odir, const char *oname, unsigned olen, struct inode *obj,
                  struct inode *ndir, const char *nname, unsigned nlen, struct inode *victim);
    /* readdir: entries from *pos on, to fill; *pos advances. */
    int (*readdir)(struct inode *dir, uint64_t *pos, filldir_t fill, void *ctx);
    /* read / write: n bytes at offset `pos` to / from buf (a user
     * address when `user`, else a kernel one); the count, or -errno. */
    int64_t (*read)(struct inode *inode, void *buf, uint64_t n, uint64_t pos, bool user);
    int64_t (*write)(struct inode *inode, const void *buf, uint64_t n, uint64_t pos, bool user);
    /* setsize: truncate or extend (with a hole) to `size`. */
    int (*setsize)(struct inode *inode, uint64_t size);
    /* symlink: a symbolic link called name in dir, pointing at target
     * (tlen bytes), owned by uid:gid. */
    int (*symlink)(struct inode *dir, const char *name, unsigned len, const char *target,
                   unsigned tlen, uint32_t uid, uint32_t gid);
    /* readlink: a symbolic link's target into buf (kernel), its length. */
    int (*readlink)(struct inode *inode, char *buf, unsigned size);
    /* write_inode: mode, owner, times, ... changed: store them. */
    int (*write_inode)(struct inode *inode);
};

struct super_operations {
    /* evict: the last reference to `inode` is gone; when it has no links
     * left its file is freed. */
    void (*evict)(struct inode *inode);
    /* sync: everything to the disk (fsync, sync). */
    int (*sync)(struct super_block *sb);
};

struct super_block {
    const struct super_operations *s_op;
    const char *s_type;         /* "ext2", "ramfs", "devfs" */
    uint32_t s_dev;             /* st_dev */
    uint32_t s_blocksize;
    uint64_t s_maxbytes;        /* the largest file (EFBIG past it) */
    struct inode *s_root;
    void *s_fs_info;
};

struct inode {
    struct super_block *i_sb;
    uint64_t i_ino;
    uint32_t i_mode;
    uint32_t i_nlink;
    uint32_t i_uid, i_gid;
    uint64_t i_size;
    uint64_t i_blocks;          /* 512-byte units (st_blocks) */
    uint32_t i_atime, i_mtime, i_ctime;
    uint32_t i_rdev;
    int i_count;                /* references: open files, cwds, lookups */
    const struct inode_operations *i_op;
    const struct file_operations *i_fop;    /* an opened file's ops */
    struct address_space i_mapping;
    void *i_private;            /* the file system's own */
    struct list_head i_hash;    /* the inode cache (fs/vfs_inode.c) */
};

/* ---- inodes (fs/vfs_inode.c) ---- */
/* iget_cached: the cached inode (sb, ino) with a new reference, or NULL. */
struct inode *iget_cached(struct super_block *sb, uint64_t ino);
/* new_inode: a zeroed inode with one reference, in the cache. */
struct inode *new_inode(struct super_block *sb, uint64_t ino);
void iget(struct inode *inode);
/* iput: drop a reference; the last one evicts the inode. */
void iput(struct inode *inode);
/* inode_touch: set the times in `which` (bits 1 atime, 2 mtime, 4 ctime)
 * to now and store the inode. */
void inode_touch(struct inode *inode, unsigned which);
uint32_t vfs_now(void);

/* ---- the lock (fs/vfs_lock.c) ---- */
void vfs_lock(void);
void vfs_unlock(void);

/* ---- mounts (fs/vfs_mount.c) ---- */
/* vfs_mount: sb's root on the directory `path` (must exist, or "/"). */
int vfs_mount(const char *path, struct super_block *sb);
/* mount_crossing: the root mounted on `dir`, or NULL. */
struct inode *mount_root_on(struct inode *dir);
/* mount_point_of: the directory sb is mounted on (NULL for /). */
struct inode *mount_point_of(struct super_block *sb);
struct inode *vfs_root(void);
uint32_t vfs_new_dev(void);
void vfs_mount_init(void);

/* ---- per-process state (fs/fs_struct.c), in phase_data[TASK_DATA_FS] ---- */
struct fs_struct {
    struct inode *cwd;          /* referenced */
    uint32_t umask;
    uint32_t uid, euid, suid, gid, egid, sgid;
};
/* task_fs: t's state, made (cwd /, umask 022, uid 0) on first use;
 * NULL only when out of memory. */
struct fs_struct *task_fs(struct task *t);
void fs_struct_init(void);

/* ---- permissions (fs/vfs_perm.c) ---- */
#define MAY_EXEC  1
#define MAY_WRITE 2
#define MAY_READ  4
/* inode_permission: may current do `mask` to inode?  0 or -EACCES. */
int inode_permission(struct inode *inode, int mask);
/* inode_owner_or_root: current owns inode or is root. */
bool inode_owner_or_root(struct inode *inode);

/* ---- path lookup (fs/vfs_namei.c) ---- */
#define LOOKUP_FOLLOW    1      /* follow a final symbolic link */
#define LOOKUP_DIRECTORY 2      /* the result must be a directory */
/* path_lookup: the inode of `path` (kernel string) relative to the
 * directory of descriptor dirfd (AT_FDCWD: the working directory). */
int path_lookup(int dirfd, const char *path, unsigned flags, struct inode **out);
/* path_parent: the directory holding the last component of `path` and
 * that component (pointing into path; *len 0 for "/" itself).  The last
 * component may be "." or "..": callers refuse those where Linux does. */
int path_parent(int dirfd, const char *path, struct inode **dir, const char **last,
                unsigned *len, bool *trailing_slash);
/* dir_lookup: one component in dir, crossing mounts ("..": up). */
int dir_lookup(struct inode *dir, const char *name, unsigned len, struct inode **out);
/* getname: copy a user path in (PATH_MAX bytes of kmalloc, kfree it). */
int getname(const char *user_path, char **out);

/* ---- open files (fs/vfs_file.c) ---- */
extern const struct file_operations vfs_file_ops;
/* vfs_open_inode: a struct file for inode with open `flags` (takes a
 * reference of its own). */
int vfs_open_inode(struct inode *inode, int flags, struct file **out);
/* file_inode: the inode behind a file of the VFS, or NULL (the boot console). */
static inline struct inode *file_inode(struct file *f)
{
    return f->f_inode;
}
int vfs_truncate(struct inode *inode, uint64_t size);
uint32_t mode_to_dtype(uint32_t mode);

/* ---- devices (fs/devfs.c) ---- */
#define DEV_TTY     ((5 << 8) | 0)
#define DEV_CONSOLE ((5 << 8) | 1)
struct super_block *devfs_create(void);
/* ---- the RAM file system (fs/ramfs.c) ---- */
struct super_block *ramfs_create(void);
int ramfs_mknod(struct inode *dir, const char *name, uint32_t mode, uint32_t rdev,
                const struct file_operations *fops);
/* ---- ext2 (fs/ext2_super.c) ---- */
struct block_device;
int ext2_mount(struct block_device *bdev, struct super_block **out);

#endif
