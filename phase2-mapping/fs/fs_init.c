/*
 * phase2-mapping/fs/fs_init.c - the file systems at boot: ext2 on the first
 * ATA disk as / (or, without a disk, a RAM file system, and programs keep
 * coming from the ramdisk), a RAM file system on /tmp and /dev/shm, the
 * devices on /dev; then the file system calls (fs/sys_*.c), the exec
 * loader (fs/exec_image.c) and the per-process state (fs/fs_struct.c).
 */
#include <arch/printk.h>
#include <drivers/ata.h>
#include <fs/ext2.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <lib/string.h>
#include <uapi/errno.h>

/* ensure_dir: a directory at path on the root (made if missing). */
static void ensure_dir(const char *path)
{
    struct inode *root = vfs_root(), *dir;
    if (dir_lookup(root, path + 1, (unsigned)strlen(path + 1), &dir) == 0) {
        iput(dir);
        return;
    }
    if (root->i_op->create(root, path + 1, (unsigned)strlen(path + 1), S_IFDIR | 01777, 0, 0,
                           &dir) == 0)
        iput(dir);
}

static void mount_ram(const char *path, struct super_block *sb)
{
    int err = sb ? vfs_mount(path, sb) : -ENOMEM;
    if (err)
        printk("vfs: cannot mount on %s: error %d\n", path, err);
}

/* block_map_works: can the driver find the root directory's first block?
 * (Not while lab 9's ext2_block_map is a stub: then the kernel runs as if
 * it had no disk, so that the other labs' tests still run.) */
static bool block_map_works(struct super_block *sb)
{
    if (ext2_block_map(sb->s_root, 0, false) > 0)
        return true;
    printk("ext2: the block map (lab 9, ext2_block_map) cannot find the root directory: "
           "the disk stays unmounted\n");
    return false;
}

/* mount_root: ext2 from the first disk; true if it worked. */
static bool mount_root(void)
{
    struct block_device *disk = ata_disk(0);
    struct super_block *sb;

    if (disk && ext2_mount(disk, &sb) == 0 && block_map_works(sb) && vfs_mount("/", sb) == 0)
        return true;
    printk("vfs: no ext2 disk: / is a RAM file system, programs come from the ramdisk\n");
    sb = ramfs_create();
    if (!sb || vfs_mount("/", sb))
        return false;
    sb->s_root->i_mode = S_IFDIR | 0755;
    return false;
}

void fs_syscalls_init(void)
{
    sys_open_init();
    sys_rw_init();
    sys_stat_init();
    sys_namei_init();
    sys_fd_init();
    sys_cwd_init();
    sys_cred_init();
    pipe_init();
    sys_poll_init();
}

void fs_init(void)
{
    bool disk;

    ata_init();
    fs_struct_init();
    disk = mount_root();
    if (!vfs_root())
        return;
    vfs_lock();
    ensure_dir("/tmp");
    ensure_dir("/dev");
    mount_ram("/tmp", ramfs_create());
    mount_ram("/dev", devfs_create());
    mount_ram("/dev/shm", ramfs_create());
    vfs_unlock();
    exec_image_init(disk);
    fs_syscalls_init();
    pr_info("vfs: / %s, /tmp and /dev/shm ramfs, /dev devfs\n", disk ? "ext2" : "ramfs");
}
