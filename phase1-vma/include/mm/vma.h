/*
 * mm/vma.h - virtual memory areas: the kernel's description of what a
 * process may touch.
 *
 * A VMA is a page-aligned range [vm_start, vm_end) with one set of rights
 * and one source of pages (anonymous memory, a file, shared memory).  The
 * VMAs of an address space never overlap.  They are kept twice:
 *
 *   - in a doubly linked list in address order (vm_prev / vm_next), for
 *     walks and for the neighbours that split and merge work on;
 *   - in a balanced binary search tree keyed by address (an AVL tree:
 *     the heights of any node's two subtrees differ by at most one, so the
 *     depth is at most 1.44 log2 n).  Each node also records
 *     `subtree_gap`, the largest free gap in front of any VMA in its
 *     subtree, so the search for a free range can skip every subtree whose
 *     gaps are all too small: O(log n) instead of a scan.
 *
 *       gap(v) = v->vm_start - (v->vm_prev ? v->vm_prev->vm_end : 0)
 *       subtree_gap(v) = max(gap(v), subtree_gap(left), subtree_gap(right))
 *
 *   address:  0      [A)    [B)        [C)            [D)          USER_TOP
 *             |gap A |  gap B |  gap C   |    gap D     |   (top gap)  |
 *
 *   tree:            C  (subtree_gap = max of all four)
 *                   / \
 *                  A   D
 *                   \
 *                    B
 *
 * The gap above the last VMA is not in any node; the gap search handles it.
 */
#ifndef MM_VMA_H
#define MM_VMA_H

#include <kernel/list.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mm_struct;
struct vm_area_struct;
struct file;

/* vm_flags.  The low three bits are the PROT_* bits (read 1, write 2,
 * exec 4), so the protection asked for by mmap/mprotect is vm_flags & 7. */
#define VM_READ       0x00000001u
#define VM_WRITE      0x00000002u
#define VM_EXEC       0x00000004u
#define VM_SHARED     0x00000008u
#define VM_MAYREAD    0x00000010u  /* mprotect may add read ... */
#define VM_MAYWRITE   0x00000020u  /* ... write ... */
#define VM_MAYEXEC    0x00000040u  /* ... exec (limited by how it was mapped) */
#define VM_MAYSHARE   0x00000080u
#define VM_GROWSDOWN  0x00000100u  /* a stack: may grow down into the gap below */
#define VM_NORESERVE  0x00200000u  /* MAP_NORESERVE: not counted as committed */
#define VM_LOCKED     0x00002000u  /* mlock: keep resident (phase 2) */
#define VM_STACK      0x00000200u  /* the main thread's stack (pmap: [stack]) */
#define VM_HEAP       0x00000400u  /* the brk heap (pmap: [heap]) */
#define VM_IMAGE      0x00000800u  /* a segment of the program file (pmap: its name) */
#define VM_DONTCOPY   0x00020000u  /* MADV_DONTFORK: fork leaves this VMA out of the child */
#define VM_WIPEONFORK 0x10000000u  /* MADV_WIPEONFORK: the child gets it empty (zeros);
                                    * not Linux's bit: 24-27 hold protection keys */
/* Phase 2's page cache, madvise and special mappings (Linux's names; the
 * values are Linux's except VM_PFNMAP, whose bit here is VM_HEAP's). */
#define VM_PFNMAP     0x00001000u  /* device frames, no struct page users: never
                                    * reference counted, copied, COW'd or locked */
#define VM_IO         0x00004000u  /* device memory (uncached) */
#define VM_SEQ_READ   0x00008000u  /* MADV_SEQUENTIAL: read ahead more, drop behind */
#define VM_RAND_READ  0x00010000u  /* MADV_RANDOM: no readahead */
#define VM_DONTEXPAND 0x00040000u  /* mremap may not grow it (special mappings) */
#define VM_LOCKONFAULT 0x00080000u /* mlock2(MLOCK_ONFAULT): lock pages as they fault */
#define VM_SPECIAL    (VM_IO | VM_PFNMAP | VM_DONTEXPAND)
#define VM_LOCKED_MASK (VM_LOCKED | VM_LOCKONFAULT)
#define VM_PROT_MASK  (VM_READ | VM_WRITE | VM_EXEC)
/* The protection key of the VMA's pages (pkey_mprotect, phase 2), 0..15,
 * as Linux keeps it in vm_flags: VMAs with different keys never merge,
 * and split copies the key.  vma_pte_flags() puts it into PTE bits 59-62. */
#define VM_PKEY_SHIFT 24
#define VM_PKEY_MASK  (0xfu << VM_PKEY_SHIFT)

/* Why a fault happened, for vm_ops->fault and the permission check. */
#define FAULT_FLAG_WRITE 0x1u
#define FAULT_FLAG_EXEC  0x2u
#define FAULT_FLAG_USER  0x4u

/*
 * vm_operations_struct - how one kind of mapping behaves.  Anonymous
 * memory (phase 1), files (phase 2) and shared memory (phase 3) each supply
 * one; the generic code only calls through it.  Entries may be NULL.
 */
struct vm_operations_struct {
    const char *name;   /* for pmap: "anon", "file", "shm", ... */
    /* fault: make the page at `addr` (page-aligned, inside vma) present,
     * with rights from vma->vm_flags.  Returns 0 or a negative errno
     * (-ENOMEM: no memory; -EFAULT: nothing can back this address). */
    int (*fault)(struct vm_area_struct *vma, uint64_t addr, unsigned fault_flags);
    /* (fault may also return VM_FAULT_MAJOR, mm/mmap.h: done, but the page
     * had to be read from a disk; or -EIO: no page there -- past the end of
     * a file -- which a user access pays for with SIGBUS.) */
    /* open: a new VMA now refers to the same backing object (split, fork). */
    void (*open)(struct vm_area_struct *vma);
    /* close: this VMA is going away (munmap, exit). */
    void (*close)(struct vm_area_struct *vma);
    /* vma_name: the name pmap shows for this VMA ("[vdso]", "/dev/mem"),
     * or NULL for the usual one (Linux's vm_ops->name(vma)). */
    const char *(*vma_name)(const struct vm_area_struct *vma);
};

struct vm_area_struct {
    uint64_t vm_start;          /* first address */
    uint64_t vm_end;            /* first address after the area */
    uint32_t vm_flags;          /* VM_* */
    int32_t vm_height;          /* AVL: height of this subtree (leaf: 1) */
    struct file *vm_file;       /* mapped file (phase 2), or NULL */
    uint64_t vm_pgoff;          /* offset in the file, in pages */
    struct mm_struct *vm_mm;    /* the address space this area belongs to */
    struct vm_area_struct *vm_next, *vm_prev;   /* address order */
    struct vm_area_struct *vm_left, *vm_right, *vm_parent;  /* the tree */
    uint64_t vm_subtree_gap;    /* largest gap in front of a VMA in this subtree */
    const struct vm_operations_struct *vm_ops;
    void *vm_private_data;      /* for the vm_ops */
    /* the VMAs that map one file (phase 2's page cache: address_space's
     * i_mmap list, kept by the file's vm_ops open/close), so that truncate
     * and writeback can find every page-table entry of a page */
    struct list_head vm_shared;
};

/* vma_pkey: the protection key of vma's pages (0 unless pkey_mprotect set one). */
static inline int vma_pkey(const struct vm_area_struct *vma)
{
    return (int)((vma->vm_flags & VM_PKEY_MASK) >> VM_PKEY_SHIFT);
}

/* stack_guard_gap: bytes kept free below every VM_GROWSDOWN VMA (Linux's
 * stack_guard_gap): the gap search never places a mapping there, so a
 * stack cannot grow into one.  0 in phase 1 (which grows no stack); phase 2
 * sets it once at boot, before any address space exists, and never again
 * (the tree's gaps depend on it). */
extern uint64_t stack_guard_gap;

/* vm_start_gap: where the free space below vma must end: vm_start, less
 * the guard gap for a VMA that grows down (0 at the bottom). */
static inline uint64_t vm_start_gap(const struct vm_area_struct *vma)
{
    uint64_t start = vma->vm_start;
    if (vma->vm_flags & VM_GROWSDOWN)
        start = start > stack_guard_gap ? start - stack_guard_gap : 0;
    return start;
}

/* ---- the tree (vma_tree.c) ------------------------------------------- */

/* How many nodes may wait with a subtree gap that is too high (a shrunken
 * gap not yet carried up the tree); see vma_gaps_settle. */
#define VMA_GAP_PENDING 8

/* vma_tree_insert: link `vma` into mm's tree and list.  It must not
 * overlap any VMA already there.  mm->map_count grows by one. */
void vma_tree_insert(struct mm_struct *mm, struct vm_area_struct *vma);

/* vma_tree_remove: unlink `vma` from mm's tree and list (not freed). */
void vma_tree_remove(struct mm_struct *mm, struct vm_area_struct *vma);

/* vma_set_range: change vma's boundaries in place.  The new range must
 * still lie between its neighbours, so the order is unchanged; the gaps of
 * vma and of its successor are updated up to the root. */
void vma_set_range(struct vm_area_struct *vma, uint64_t start, uint64_t end);

/* vma_gaps_settle: carry every pending gap decrease up the tree, so that
 * each vm_subtree_gap is exact again.  The gap search (lab 2) needs exact
 * values: callers settle first.  O(log n) per pending node, at most
 * VMA_GAP_PENDING of them. */
void vma_gaps_settle(struct mm_struct *mm);

/* find_vma_hinted: find_vma, trying mm->vma_hint first: O(1) when the
 * answer is the VMA touched last, as for munmap after mmap or the second
 * half of mprotect. */
struct vm_area_struct *find_vma_hinted(struct mm_struct *mm, uint64_t addr);

/* vma_gap: the free gap in front of `vma` that a new mapping may use:
 * from its predecessor's end up to vm_start_gap(vma) (0 when a MAP_FIXED
 * mapping sits inside a stack's guard gap). */
uint64_t vma_gap(const struct vm_area_struct *vma);

/* vma_last: the VMA with the highest addresses, or NULL. */
struct vm_area_struct *vma_last(const struct mm_struct *mm);

/* vma_tree_check: check every invariant of mm's VMAs -- sorted, no
 * overlap, page-aligned, list and tree agree, AVL balance and heights,
 * subtree gaps, map_count.  Returns 0, or -1 after printing the first
 * broken invariant. */
int vma_tree_check(const struct mm_struct *mm);

/* ---- lab functions (labs/ and solutions/) ---------------------------- */

/* Lab 1.  find_vma: the VMA with the lowest vm_end above `addr`, i.e. the
 * VMA containing addr, or else the first VMA after it; NULL when there is
 * none.  O(log n): one walk down the tree. */
struct vm_area_struct *find_vma(const struct mm_struct *mm, uint64_t addr);

/* Lab 2.  unmapped_area_topdown: the highest address `a` such that
 * [a, a + length) lies in a free gap, low_limit <= a and a + length <=
 * high_limit.  Returns a, or -ENOMEM when no gap fits.  O(log n): uses
 * vm_subtree_gap to skip subtrees. */
int64_t unmapped_area_topdown(const struct mm_struct *mm, uint64_t length,
                              uint64_t low_limit, uint64_t high_limit);

/* Lab 3.  split_vma: cut `vma` at `addr` (page-aligned, strictly inside)
 * into two VMAs.  With new_below, the new VMA takes [vm_start, addr) and
 * `vma` keeps [addr, vm_end); otherwise `vma` keeps the lower part and the
 * new one takes [addr, vm_end).  The new VMA copies everything else
 * (file offset adjusted) and gets vm_ops->open.  Returns 0, -ENOMEM when
 * no VMA can be allocated, or -ENOMEM when the mm already has
 * sysctl_max_map_count VMAs. */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t addr,
              int new_below);

/* Lab 4.  vma_merge_neighbours: merge `vma` with the VMA just before it
 * and/or just after it when they touch and are compatible (same flags,
 * ops, private data, file, and file offsets that continue).  Returns the
 * VMA that now covers vma's range (vma itself, or its predecessor). */
struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm,
                                            struct vm_area_struct *vma);

/* vma_can_merge: `a` (lower) and `b` (higher) touch and may become one. */
bool vma_can_merge(const struct vm_area_struct *a, const struct vm_area_struct *b);

/* ---- ranges (vma_range.c) -------------------------------------------- */

/* vma_split_range: make [start, end) begin and end on VMA boundaries by
 * splitting the (at most two) VMAs that straddle `start` or `end`, so that
 * every VMA meeting the range afterwards lies wholly inside it.  start and
 * end are page-aligned, start < end.  Sets *first to the lowest VMA inside
 * [start, end), or NULL when no VMA meets the range; the rest follow via
 * vm_next while vm_start < end.  Returns 0, or -ENOMEM: either map_count
 * plus the splits needed would pass sysctl_max_map_count (nothing changed),
 * or a VMA could not be allocated (the tree is valid; at most one extra
 * boundary, at `end`, may remain between two otherwise identical VMAs).
 * O(log n). */
int vma_split_range(struct mm_struct *mm, uint64_t start, uint64_t end,
                    struct vm_area_struct **first);

/* ---- allocation (vma.c) ---------------------------------------------- */

/* vma_cache_init: set up the slab cache of VMAs (boot; also done lazily
 * by the first vm_area_alloc). */
void vma_cache_init(void);

/* vm_area_alloc: a zeroed VMA for `mm`, or NULL. */
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
/* vm_area_dup: a copy of `orig` (tree links cleared), or NULL.  It lives
 * in vma_tree.c, next to the code that owns the links; the host tests
 * replace vma.c with a calloc shim and keep it. */
struct vm_area_struct *vm_area_dup(const struct vm_area_struct *orig);
void vm_area_free(struct vm_area_struct *vma);

/* The most VMAs one address space may have (like Linux's vm.max_map_count,
 * but default 1,048,576). */
extern uint64_t sysctl_max_map_count;

#endif
