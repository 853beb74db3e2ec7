/*
 * phase2-mapping/fs/exec_image.c - where execve finds a program once a disk
 * is mounted: the file at `path` (relative to the working directory; a
 * bare name that is not there is looked for in /bin too, as the ramdisk
 * of phase 1 found programs by name).  The file must be a regular file the
 * caller may execute (-EACCES otherwise, as in Linux).  The loader gets
 * the file open (read-only) and its first page (the ELF and program
 * headers, read through the page cache): it maps the segments from the
 * file, so the program is paged in on demand from the page cache, and
 * every process running it shares its text's frames.  Plugs in with
 * exec_set_image_loader() (proc/exec.h); without a disk it says -ENODEV
 * and the ramdisk is used.
 */
#include <fs/vfs.h>
#include <lib/string.h>
#include <mm/filemap.h>
#include <mm/slab.h>
#include <proc/exec.h>
#include <uapi/errno.h>

static bool disk_root;

static void release_image(struct exec_image *img)
{
    kfree((void *)img->data);
    file_put(img->file);        /* the mappings hold references of their own */
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

/* open_program: the file open for the loader, and its first page. */
static int open_program(struct inode *inode, const char *path, struct exec_image *img)
{
    uint64_t n = inode->i_size < PAGE_SIZE ? inode->i_size : PAGE_SIZE;
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    struct file *file;
    uint8_t *buf;
    int64_t got;
    int err;

    if (!S_ISREG(inode->i_mode) || !inode->i_mapping.a_ops)
        return -EACCES;
    if (inode_permission(inode, MAY_EXEC))
        return -EACCES;
    if (inode->i_size == 0)
        return -ENOEXEC;
    buf = kmalloc(n);
    if (!buf)
        return -ENOMEM;
    got = filemap_read(inode, buf, n, 0, false);
    if (got != (int64_t)n) {
        kfree(buf);
        return got < 0 ? (int)got : -EIO;
    }
    err = vfs_open_inode(inode, O_RDONLY, &file);
    if (err) {
        kfree(buf);
        return err;
    }
    strlcpy(file->name, base, sizeof(file->name));     /* what pmap shows */
    img->data = buf;
    img->size = n;
    img->file = file;
    img->file_size = inode->i_size;
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
        err = open_program(inode, path, img);
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
