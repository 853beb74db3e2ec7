/*
 * phase2-mapping/mm/filemap.c - the page cache (see mm/filemap.h).
 * TEMPORARY: the interface only, so that msync/mincore/madvise/mlock and
 * the special mappings can be built beside it; the page cache replaces
 * these bodies.
 */
#include <fs/vfs.h>
#include <mm/filemap.h>
#include <mm/vma.h>
#include <uapi/errno.h>

struct page *find_get_page(struct address_space *mapping, uint64_t index)
{
    (void)mapping;
    (void)index;
    return NULL;
}

bool filemap_page_cached(struct inode *inode, uint64_t index)
{
    (void)inode;
    (void)index;
    return false;
}

void vma_sync_dirty(struct vm_area_struct *vma, uint64_t start, uint64_t end)
{
    (void)vma;
    (void)start;
    (void)end;
}

int filemap_write_range(struct inode *inode, uint64_t start, uint64_t end)
{
    (void)inode;
    (void)start;
    (void)end;
    return 0;
}

void filemap_readahead(struct inode *inode, uint64_t index, uint64_t count)
{
    (void)inode;
    (void)index;
    (void)count;
}

int filemap_punch_hole(struct inode *inode, uint64_t start, uint64_t end)
{
    (void)inode;
    (void)start;
    (void)end;
    return -EOPNOTSUPP;
}

bool vma_is_file(const struct vm_area_struct *vma)
{
    (void)vma;
    return false;
}

struct inode *vma_file_inode(const struct vm_area_struct *vma)
{
    (void)vma;
    return NULL;
}
