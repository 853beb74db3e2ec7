/*
 * phase2-mapping/fs/exec_image.c - where execve finds a program once a disk
 * is mounted: the file at `path` (relative to the working directory; a
 * bare name that is not there is looked for in /bin too, as the ramdisk
 * of phase 1 found programs by name).  The file must be a regular file the
 * caller may execute (-EACCES otherwise, as in Linux); its bytes are read
 * into kernel memory for the ELF loader (the next issue pages it in from
 * the page cache instead).  Plugs in with exec_set_image_loader()
 * (proc/exec.h); without a disk it says -ENODEV and the ramdisk is used.
 */
#include <fs/vfs.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <proc/exec.h>
#include <uapi/errno.h>

#define EXEC_IMAGE_MAX (4ul << 20)      /* kmalloc's largest block */

static bool disk_root;

static void release_image(struct exec_image *img)
{
    kfree((void *)img->data);
}

/* find_program: the inode execve means by path. */
static int find_program(const char *path, struct inode **out)
{
    char bin[NAME_MAX + 6] = "/bin/";
    int err = path_lookup(AT_FDCWD, path, LOOKUP_FOLLOW, out);

    if (err == -ENOENT && !strchr(path, '/') && strlen(path) <= NAME_MAX) {
        strlcpy(bin + 5, path, sizeof(bin) - 5);
        err = path_lookup(AT_FDCWD, bin, LOOKUP_FOLLOW, out);
    }
    return err;
}

/* read_program: inode's bytes into a kmalloc'd buffer. */
static int read_program(struct inode *inode, struct exec_image *img)
{
    uint8_t *buf;
    int64_t got;

    if (!S_ISREG(inode->i_mode))
        return -EACCES;
    if (inode_permission(inode, MAY_EXEC))
        return -EACCES;
    if (inode->i_size == 0)
        return -ENOEXEC;
    if (inode->i_size > EXEC_IMAGE_MAX)
        return -ENOMEM;
    buf = kmalloc(inode->i_size);
    if (!buf)
        return -ENOMEM;
    got = inode->i_op->read(inode, buf, inode->i_size, 0, false);
    if (got != (int64_t)inode->i_size) {
        kfree(buf);
        return got < 0 ? (int)got : -EIO;
    }
    img->data = buf;
    img->size = inode->i_size;
    img->release = release_image;
    return 0;
}

static int vfs_exec_image(const char *path, struct exec_image *img)
{
    struct inode *inode;
    int err;

    if (!disk_root)
        return -ENODEV;
    vfs_lock();
    err = find_program(path, &inode);
    if (!err) {
        err = read_program(inode, img);
        iput(inode);
    }
    vfs_unlock();
    return err;
}

void exec_image_init(bool have_disk)
{
    disk_root = have_disk;
    exec_set_image_loader(vfs_exec_image);
}
