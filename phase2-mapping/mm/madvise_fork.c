/*
 * phase2-mapping/mm/madvise_fork.c - what fork does with a mapping,
 * chosen by madvise (mm/madvise.c asks madvise_fork_flags), as on Linux:
 *
 *   MADV_DONTFORK    VM_DONTCOPY: the child does not get the mapping at all
 *                    (touching it there is SIGSEGV)
 *   MADV_DOFORK      clears VM_DONTCOPY
 *   MADV_WIPEONFORK  VM_WIPEONFORK: the child gets the mapping empty, so it
 *                    reads zeros; private anonymous memory only (EINVAL on
 *                    shared or file mappings)
 *   MADV_KEEPONFORK  clears VM_WIPEONFORK
 *
 * The flags for each advice are here; the walk over the range (split at
 * its ends, new flags, merge again with neighbours that now match) is
 * madvise's, in mm/madvise.c, the one madvise hook of phase 2.
 */
#include <mm/mcalls.h>
#include <mm/mmap.h>
#include <uapi/errno.h>

#define MADV_DONTFORK    10
#define MADV_DOFORK      11
#define MADV_WIPEONFORK  18
#define MADV_KEEPONFORK  19

/* madvise_fork_flags: contract in mm/mcalls.h. */
uint32_t madvise_fork_flags(const struct vm_area_struct *vma, int advice, int *err)
{
    switch (advice) {
    case MADV_DONTFORK:
        return vma->vm_flags | VM_DONTCOPY;
    case MADV_DOFORK:
        if (vma->vm_flags & VM_IO) {
            *err = -EINVAL;         /* device memory is never copied */
            return 0;
        }
        return vma->vm_flags & ~VM_DONTCOPY;
    case MADV_WIPEONFORK:
        if (vma->vm_file || (vma->vm_flags & VM_SHARED)) {
            *err = -EINVAL;
            return 0;
        }
        return vma->vm_flags | VM_WIPEONFORK;
    default: /* MADV_KEEPONFORK */
        return vma->vm_flags & ~VM_WIPEONFORK;
    }
}
