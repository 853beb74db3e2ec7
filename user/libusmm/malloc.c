/*
 * user/libusmm/malloc.c - malloc, free, realloc, calloc and the aligned
 * variants: boundary-tagged chunks on segregated free lists.
 *
 * Small blocks live in the brk heap, large ones (128 KiB and more) get an
 * mmap of their own and go back to the kernel at free().  The memory comes
 * from the four functions of malloc_os.c, which the host tests replace.
 *
 * The heap is one or more segments of contiguous chunks, each ending in a
 * fence (a header alone, never free) so that no chunk needs to know where
 * its segment ends.  A new segment begins only when something other than
 * malloc moved the program break; otherwise the heap grows in place.
 *
 *   segment:  | seg hdr | chunk | chunk | chunk | ... | fence |
 *
 *   chunk:    +--------------------------------+  <- struct chunk *
 *             | magic (4) | prev_units (4)     |     16-byte header
 *             | size (8)                       |
 *             +--------------------------------+  <- what malloc returns
 *             | the user's bytes               |     (16-byte aligned)
 *             | (free: next_free, prev_free)   |
 *             +--------------------------------+
 *
 * `size` counts the header, is a multiple of 16 and at least 32.
 * `prev_units` is the size of the chunk just below, in 16-byte units (0
 * for the first chunk of a segment), which is what lets free() merge a
 * chunk with the free chunk below it.  `magic` says what the chunk is: in
 * use, free, a fence, or a big block from mmap; free() checks it, so a
 * pointer malloc never returned, or one freed twice, is caught.
 *
 * Invariants (malloc_check() verifies them all):
 *   - the chunks of a segment tile it exactly, from the segment header to
 *     the fence, and each prev_units matches the chunk below;
 *   - no two free chunks are neighbours: free() merges them at once;
 *   - every free chunk is on exactly one free list, the one its size
 *     selects, and only free chunks are.
 *
 * Free lists: sizes below 1 KiB have one list per 16-byte size (a search
 * there takes the first chunk); above, one list per power of two, searched
 * first-fit.  A request takes the first list that can serve it and splits
 * the chunk it finds, giving the tail back to a free list.
 *
 * prev_units has 32 bits, so a chunk is at most 64 GiB: the heap stops
 * growing at that size and larger needs go to mmap.
 *
 * Heap-corruption checks (as glibc's, each a message naming the problem
 * and abort(), i.e. SIGABRT -- see __libc_heap_abort):
 *   - free/realloc of a pointer malloc never returned, or not any more:
 *     "invalid pointer", "double free" (the chunk's magic);
 *   - a write past a block that damaged the next chunk's header, found at
 *     free/realloc: "heap overflow: the header after the block was
 *     overwritten"; a free chunk's header found damaged when malloc takes
 *     it or free merges with it: "heap overflow: a free chunk's header was
 *     overwritten";
 *   - the top of the heap (the last chunk and the fence) damaged, checked
 *     at every malloc: "corrupted top of the heap";
 *   - free-list links that do not point back (glibc's "corrupted
 *     double-linked list"), checked at every unlink: "corrupted free list".
 *
 * Guard-page mode (USMM_MALLOC_GUARD=1 in the environment, read at the
 * first call; as ElectricFence and GWP-ASan): every block gets a mapping
 * of its own that ends at an inaccessible page, the block placed against
 * it (at the smallest alignment its size allows, so a one-byte overflow
 * of any block touches the guard page); free() makes the whole mapping
 * inaccessible and never reuses it, so a use after free faults too.  The
 * fault happens at the faulting instruction (SIGSEGV), and pmap shows the
 * guard pages as ---p mappings.  It costs two pages per block at least
 * and address space is never given back: a debugging mode.  A double free
 * in this mode faults in free() itself (the header is inaccessible).
 */
#include <errno.h>
#include <malloc.h>
#include <usmm.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "malloc_os.h"

#define ALIGNMENT        16
#define HEADER_SIZE      16            /* magic, prev_units, size */
#define MIN_CHUNK        32            /* a header and two list links */
#define PAGE_SIZE        4096
#define MMAP_THRESHOLD   (128 * 1024)  /* chunks this big get their own mmap */
#define HEAP_GROW_MIN    (128 * 1024)  /* sbrk at least this much at a time */
#define TRIM_THRESHOLD   (256 * 1024)  /* a free top chunk this big ... */
#define TRIM_KEEP        (64 * 1024)   /* ... is cut back to this */
#define HEAP_LIMIT       ((uint64_t)UINT32_MAX * ALIGNMENT) /* see prev_units */

#define MAGIC_IN_USE 0xa110c8edu       /* "allocated" */
#define MAGIC_FREE   0xf7eef7eeu
#define MAGIC_FENCE  0xfe7cefe7u
#define MAGIC_MAPPED 0xb16b10c5u       /* "big block" from mmap */
#define MAGIC_GUARDED 0x6a4d6a4du      /* guard-page mode: a block against a guard page */

struct chunk {
    uint32_t magic;
    uint32_t prev_units;   /* mapped chunks: distance from the mapping's start */
    uint64_t size;
    /* only while free: */
    struct chunk *next_free;
    struct chunk *prev_free;
};

/* the first 16 bytes of a segment, before its first chunk */
struct segment {
    struct segment *next;
    uint64_t reserved;
};

#define EXACT_LIMIT 1024                         /* exact-size lists below this */
#define EXACT_BINS  (EXACT_LIMIT / ALIGNMENT - 2) /* 32, 48, ..., 1008 */
#define NBINS       (EXACT_BINS + 27)            /* 2^10 .. 2^36 bytes */

static struct chunk *bins[NBINS];
static const char *heap_caller = "malloc";  /* who is running, for the reports */
static struct segment *segments;     /* newest first */
static struct chunk *top_fence;      /* the newest segment's fence */
static uint64_t heap_bytes;          /* all segments together */

/* ---- chunk arithmetic ------------------------------------------------- */

/* chunk_of: the header of the block malloc returned as p */
static struct chunk *chunk_of(void *p)
{
    return (struct chunk *)((char *)p - HEADER_SIZE);
}

/* payload_of: what malloc returns for chunk c */
static void *payload_of(struct chunk *c)
{
    return (char *)c + HEADER_SIZE;
}

/* chunk_after: the chunk (or fence) just above c in its segment */
static struct chunk *chunk_after(struct chunk *c)
{
    return (struct chunk *)((char *)c + c->size);
}

/* chunk_before: the chunk below c; only when c->prev_units != 0 */
static struct chunk *chunk_before(struct chunk *c)
{
    return (struct chunk *)((char *)c - (uint64_t)c->prev_units * ALIGNMENT);
}

/* round_up: v up to a multiple of align, a power of two */
static uint64_t round_up(uint64_t v, uint64_t align)
{
    return (v + align - 1) & ~(align - 1);
}

/* chunk_size_for: the chunk that holds n bytes; 0 when n is absurd */
static uint64_t chunk_size_for(size_t n)
{
    if (n > SIZE_MAX / 2)
        return 0;
    uint64_t size = round_up(n + HEADER_SIZE, ALIGNMENT);
    return size < MIN_CHUNK ? MIN_CHUNK : size;
}

/* set_size: give c a new size and tell the chunk above */
static void set_size(struct chunk *c, uint64_t size)
{
    c->size = size;
    chunk_after(c)->prev_units = (uint32_t)(size / ALIGNMENT);
}

/* ---- free lists ------------------------------------------------------- */

/* floor_log2: the index of v's highest set bit; v > 0 */
static int floor_log2(uint64_t v)
{
    return 63 - __builtin_clzl(v);
}

/* bin_index: the list for chunks of `size` bytes */
static int bin_index(uint64_t size)
{
    int i;
    if (size < EXACT_LIMIT)
        return (int)(size / ALIGNMENT) - 2;
    i = EXACT_BINS + floor_log2(size) - 10;
    return i < NBINS ? i : NBINS - 1;
}

/* bin_insert: mark c free and put it first on the list for its size */
static void bin_insert(struct chunk *c)
{
    struct chunk **head = &bins[bin_index(c->size)];
    c->magic = MAGIC_FREE;
    c->prev_free = NULL;
    c->next_free = *head;
    if (*head)
        (*head)->prev_free = c;
    *head = c;
}

/* bin_remove: take c off its list; c->size must still be the size it
 * was inserted with */
static void bin_remove(struct chunk *c)
{
    struct chunk **head = &bins[bin_index(c->size)];

    if ((c->next_free && c->next_free->prev_free != c) ||
        (c->prev_free ? c->prev_free->next_free != c : *head != c))
        __libc_heap_abort(heap_caller, "corrupted free list", payload_of(c));
    if (c->prev_free)
        c->prev_free->next_free = c->next_free;
    else
        bins[bin_index(c->size)] = c->next_free;
    if (c->next_free)
        c->next_free->prev_free = c->prev_free;
}

/* check_free_chunk: abort unless c's header is a sane free chunk's:
 * magic, size, and the chunk above agreeing on that size. */
static void check_free_chunk(struct chunk *c)
{
    if (c->magic != MAGIC_FREE || c->size % ALIGNMENT != 0 || c->size < MIN_CHUNK ||
        c->size > heap_bytes || chunk_after(c)->prev_units != c->size / ALIGNMENT)
        __libc_heap_abort(heap_caller, "heap overflow: a free chunk's header was overwritten",
                          payload_of(c));
}

/* check_top: abort unless the top of the heap -- the newest segment's
 * fence and the chunk just below it -- is intact. */
static void check_top(void)
{
    struct chunk *last;

    if (top_fence == NULL)
        return;
    if (top_fence->magic != MAGIC_FENCE || top_fence->size != HEADER_SIZE)
        __libc_heap_abort(heap_caller, "corrupted top of the heap", payload_of(top_fence));
    if (top_fence->prev_units == 0)
        return;
    last = chunk_before(top_fence);
    if ((last->magic != MAGIC_FREE && last->magic != MAGIC_IN_USE) ||
        last->size != (uint64_t)top_fence->prev_units * ALIGNMENT)
        __libc_heap_abort(heap_caller, "corrupted top of the heap", payload_of(last));
}

/* take_free_chunk: unlink and return a free chunk of at least `need`
 * bytes, NULL when there is none.  The chunk's magic is still FREE. */
static struct chunk *take_free_chunk(uint64_t need)
{
    for (int i = bin_index(need); i < NBINS; i++) {
        for (struct chunk *c = bins[i]; c != NULL; c = c->next_free) {
            check_free_chunk(c);
            if (c->size >= need) {
                bin_remove(c);
                return c;
            }
        }
    }
    return NULL;
}

/* ---- merging and splitting -------------------------------------------- */

/* release: turn c (not on any list) into a free chunk: merge it with free
 * neighbours, put the result on its list and return it. */
static struct chunk *release(struct chunk *c)
{
    struct chunk *next = chunk_after(c);
    uint64_t size = c->size;

    c->magic = MAGIC_FREE;
    if (next->magic == MAGIC_FREE) {
        check_free_chunk(next);
        bin_remove(next);
        size += next->size;
    }
    if (c->prev_units != 0) {
        struct chunk *prev = chunk_before(c);
        if (prev->magic == MAGIC_FREE) {
            check_free_chunk(prev);
            bin_remove(prev);
            size += prev->size;
            c = prev;
        }
    }
    set_size(c, size);
    bin_insert(c);
    return c;
}

/* shrink_to: keep the first `need` bytes of c, free the rest if it can
 * make a chunk of its own (else c keeps a few spare bytes). */
static void shrink_to(struct chunk *c, uint64_t need)
{
    struct chunk *rest;
    if (c->size - need < MIN_CHUNK)
        return;
    rest = (struct chunk *)((char *)c + need);
    rest->prev_units = (uint32_t)(need / ALIGNMENT);
    set_size(rest, c->size - need);
    c->size = need;
    release(rest);
}

/* ---- talking to the kernel -------------------------------------------- */

/* heap_grow: add at least `need` bytes of free chunk to the heap.  Returns
 * false when the kernel (or HEAP_LIMIT) refuses. */
static bool heap_grow(uint64_t need)
{
    uint64_t amount = need + sizeof(struct segment) + HEADER_SIZE;
    char *end, *mem;
    struct chunk *c, *fence;

    if (amount < HEAP_GROW_MIN)
        amount = HEAP_GROW_MIN;
    end = __libc_heap_sbrk(0);
    if (end == NULL)
        return false;
    /* end the heap on a page boundary: the fence then ends exactly at the
     * break, which is how the next heap_grow sees it can grow in place */
    amount = round_up((uintptr_t)end + amount, PAGE_SIZE) - (uintptr_t)end;
    if (heap_bytes + amount > HEAP_LIMIT)
        return false;
    mem = __libc_heap_sbrk((intptr_t)amount);
    if (mem == NULL)
        return false;
    heap_bytes += amount;

    fence = (struct chunk *)(mem + amount - HEADER_SIZE);
    if (top_fence != NULL && mem == (char *)top_fence + HEADER_SIZE) {
        /* the break did not move since our last sbrk: the old fence
         * becomes the start of a free chunk reaching the new end */
        c = top_fence;
    } else {
        /* a new segment: its header, then one free chunk, then a fence */
        struct segment *seg = (struct segment *)round_up((uintptr_t)mem, ALIGNMENT);
        seg->next = segments;
        segments = seg;
        c = (struct chunk *)(seg + 1);
        c->prev_units = 0;
    }
    fence->magic = MAGIC_FENCE;
    fence->size = HEADER_SIZE;
    top_fence = fence;
    set_size(c, (uint64_t)((char *)fence - (char *)c));
    release(c);
    return true;
}

/* heap_trim: when the newest segment ends in a big free chunk, and the
 * break is still where we left it, hand all but TRIM_KEEP of it back. */
static void heap_trim(void)
{
    struct chunk *last;
    uint64_t cut;

    if (top_fence == NULL || top_fence->prev_units == 0)
        return;
    last = chunk_before(top_fence);
    if (last->magic != MAGIC_FREE || last->size < TRIM_THRESHOLD)
        return;
    if (__libc_heap_sbrk(0) != (char *)top_fence + HEADER_SIZE)
        return;                     /* someone else moved the break */
    cut = (last->size - TRIM_KEEP) & ~(uint64_t)(PAGE_SIZE - 1);
    if (cut == 0 || __libc_heap_sbrk(-(intptr_t)cut) == NULL)
        return;
    heap_bytes -= cut;
    bin_remove(last);
    top_fence = (struct chunk *)((char *)top_fence - cut);
    top_fence->magic = MAGIC_FENCE;
    top_fence->size = HEADER_SIZE;
    set_size(last, last->size - cut);
    bin_insert(last);
}

/* mapped_alloc: a block of n bytes with its own mapping, its address a
 * multiple of `alignment` (a power of two, 16 or more).  The chunk header
 * sits just below that address, `lead` bytes into the mapping; prev_units
 * remembers the lead so that free() can unmap from the start.  NULL when
 * mmap fails. */
static void *mapped_alloc(size_t n, uint64_t alignment)
{
    uint64_t slack = alignment > ALIGNMENT ? alignment : 0;
    uint64_t length = round_up(n + HEADER_SIZE + slack, PAGE_SIZE);
    char *mem;
    struct chunk *c;
    uint64_t lead;

    if (length < n)
        return NULL;
    mem = __libc_heap_mmap(length);
    if (mem == NULL)
        return NULL;
    c = chunk_of((void *)round_up((uintptr_t)mem + HEADER_SIZE, alignment));
    lead = (uint64_t)((char *)c - mem);
    c->magic = MAGIC_MAPPED;
    c->prev_units = (uint32_t)(lead / ALIGNMENT);
    c->size = length - lead;
    return payload_of(c);
}

/* mapped_free: unmap a block from mapped_alloc, lead included */
static void mapped_free(struct chunk *c)
{
    uint64_t lead = (uint64_t)c->prev_units * ALIGNMENT;
    c->magic = 0;
    __libc_heap_munmap((char *)c - lead, c->size + lead);
}

/* ---- guard-page mode -------------------------------------------------- */

/* A guarded block's mapping:
 *
 *   mem                                              mem + data_len
 *   +------------------------------------------------+-------------+
 *   | (unused)  | header (16) | the user's n bytes   | guard page  |
 *   +------------------------------------------------+-------------+
 *                             p                       PROT_NONE
 *
 * The header may be unaligned (so is p for odd sizes): it is read and
 * written with memcpy.  prev_units holds the lead (p - 16 - mem) in
 * bytes, size the length of the whole mapping. */

static int guard_mode = -1;            /* -1: not looked at yet */

/* guarded: is guard-page mode on (USMM_MALLOC_GUARD set, not "0")? */
static bool guarded(void)
{
    if (guard_mode < 0) {
        const char *v = getenv("USMM_MALLOC_GUARD");
        guard_mode = v != NULL && *v != '\0' && strcmp(v, "0") != 0;
    }
    return guard_mode;
}

/* natural_alignment: the alignment an object of n bytes can need: the
 * largest power of two dividing n, at most 16 (16 for n = 0) */
static uint64_t natural_alignment(size_t n)
{
    uint64_t a = n == 0 ? ALIGNMENT : (uint64_t)(n & -n);
    return a > ALIGNMENT ? ALIGNMENT : a;
}

/* guard_alloc: n bytes ending right at a guard page, at a multiple of
 * `alignment` (0: the natural alignment).  NULL when mmap fails. */
static void *guard_alloc(size_t n, uint64_t alignment)
{
    uint64_t align = alignment > natural_alignment(n) ? alignment : natural_alignment(n);
    uint64_t data_len = round_up(n + HEADER_SIZE + align, PAGE_SIZE);
    uint64_t total = data_len + PAGE_SIZE;
    char *mem, *p;
    struct chunk h;

    if (data_len < n || (mem = __libc_heap_mmap(total)) == NULL)
        return NULL;
    if (__libc_heap_guard(mem + data_len, PAGE_SIZE) != 0) {
        __libc_heap_munmap(mem, total);
        return NULL;
    }
    p = (char *)((uintptr_t)(mem + data_len - n) & ~(uintptr_t)(align - 1));
    h = (struct chunk){ .magic = MAGIC_GUARDED, .prev_units = (uint32_t)(p - HEADER_SIZE - mem),
                        .size = total };
    memcpy(p - HEADER_SIZE, &h, HEADER_SIZE);
    return p;
}

/* guard_header: the header of guarded block p, after checking it is one */
static struct chunk guard_header(const char *caller, void *p)
{
    struct chunk h;
    memcpy(&h, (char *)p - HEADER_SIZE, HEADER_SIZE);
    if (h.magic != MAGIC_GUARDED)
        __libc_heap_abort(caller, "invalid pointer", p);
    return h;
}

/* guard_usable: the bytes from p up to its guard page */
static size_t guard_usable(void *p, const struct chunk *h)
{
    char *mem = (char *)p - HEADER_SIZE - h->prev_units;
    return (size_t)(mem + h->size - PAGE_SIZE - (char *)p);
}

/* guard_free: make the whole mapping inaccessible, for ever: any later
 * use of the block faults */
static void guard_free(void *p)
{
    struct chunk h = guard_header("free", p);
    char *mem = (char *)p - HEADER_SIZE - h.prev_units;
    __libc_heap_guard(mem, h.size);
}

/* guard_realloc: a new guarded block with the contents, the old freed */
static void *guard_realloc(void *p, size_t n)
{
    struct chunk h = guard_header("realloc", p);
    size_t have = guard_usable(p, &h);
    void *q = guard_alloc(n, 0);

    if (q == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    memcpy(q, p, have < n ? have : n);
    guard_free(p);
    return q;
}

/* ---- checking pointers ------------------------------------------------ */

/*
 * checked_chunk: the chunk of a pointer the user hands back to free() or
 * realloc(), after checking that it is one malloc gave out and that the
 * chunk after it is intact (a write past the end of a block usually
 * breaks its neighbour's header).  Reports and aborts otherwise.
 */
static struct chunk *checked_chunk(const char *caller, void *p)
{
    struct chunk *c, *next;

    if ((uintptr_t)p % ALIGNMENT != 0)
        __libc_heap_abort(caller, "invalid pointer", p);
    c = chunk_of(p);
    if (c->magic == MAGIC_MAPPED)
        return c;
    if (c->magic == MAGIC_FREE)
        __libc_heap_abort(caller, "double free", p);
    if (c->magic != MAGIC_IN_USE || c->size % ALIGNMENT != 0 || c->size < MIN_CHUNK)
        __libc_heap_abort(caller, "invalid pointer", p);
    next = chunk_after(c);
    if ((next->magic != MAGIC_IN_USE && next->magic != MAGIC_FREE &&
         next->magic != MAGIC_FENCE) || next->prev_units != c->size / ALIGNMENT)
        __libc_heap_abort(caller, "heap overflow: the header after the block was overwritten",
                          p);
    return c;
}

/* ---- the API ---------------------------------------------------------- */

/* malloc: n bytes, 16-byte aligned, or NULL with errno ENOMEM */
void *malloc(size_t n)
{
    uint64_t need = chunk_size_for(n);
    struct chunk *c;
    void *p;

    if (need == 0) {
        errno = ENOMEM;
        return NULL;
    }
    if (guarded()) {
        p = guard_alloc(n, 0);
        if (p == NULL)
            errno = ENOMEM;
        return p;
    }
    heap_caller = "malloc";
    check_top();
    if (need >= MMAP_THRESHOLD) {
        p = mapped_alloc(n, ALIGNMENT);
        if (p == NULL)
            errno = ENOMEM;
        return p;
    }
    c = take_free_chunk(need);
    if (c == NULL) {
        if (!heap_grow(need)) {
            /* no more heap: a small block can live in a mapping too */
            p = mapped_alloc(n, ALIGNMENT);
            if (p == NULL)
                errno = ENOMEM;
            return p;
        }
        c = take_free_chunk(need);
    }
    c->magic = MAGIC_IN_USE;
    shrink_to(c, need);
    return payload_of(c);
}

/* free: give back a block from malloc & co.; NULL is allowed */
void free(void *p)
{
    struct chunk *c;

    if (p == NULL)
        return;
    if (guarded()) {
        guard_free(p);
        return;
    }
    heap_caller = "free";
    c = checked_chunk("free", p);
    if (c->magic == MAGIC_MAPPED) {
        mapped_free(c);
        return;
    }
    release(c);
    heap_trim();
}

/* calloc: n * size zeroed bytes; NULL (ENOMEM) when the product overflows */
void *calloc(size_t n, size_t size)
{
    size_t total;
    void *p;

    if (__builtin_mul_overflow(n, size, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    p = malloc(total);
    if (p != NULL && !guarded() && chunk_of(p)->magic != MAGIC_MAPPED)  /* mmap gives zeroes */
        memset(p, 0, total);
    return p;
}

/*
 * realloc: resize the block at p to n bytes, keeping its contents.  In
 * place when the block shrinks or the chunk above is free and big enough;
 * otherwise a new block, a copy, and a free.  realloc(NULL, n) is
 * malloc(n); realloc(p, 0) frees p and returns NULL.  On failure p stays
 * as it was and NULL is returned.
 */
void *realloc(void *p, size_t n)
{
    struct chunk *c, *next;
    uint64_t need, have;
    void *q;

    if (p == NULL)
        return malloc(n);
    if (n == 0) {
        free(p);
        return NULL;
    }
    if (guarded())
        return guard_realloc(p, n);
    heap_caller = "realloc";
    c = checked_chunk("realloc", p);
    need = chunk_size_for(n);
    if (need == 0) {
        errno = ENOMEM;
        return NULL;
    }
    if (c->magic == MAGIC_MAPPED) {
        have = c->size;
        if (need <= have && need > have / 2)
            return p;                       /* fits, and not too wastefully */
    } else {
        have = c->size;
        if (need <= have && need < MMAP_THRESHOLD) {
            shrink_to(c, need);
            return p;
        }
        next = chunk_after(c);
        if (need < MMAP_THRESHOLD && next->magic == MAGIC_FREE &&
            have + next->size >= need) {
            bin_remove(next);               /* grow into the free chunk above */
            set_size(c, have + next->size);
            shrink_to(c, need);
            return p;
        }
    }
    q = malloc(n);
    if (q == NULL)
        return NULL;
    memcpy(q, p, (have - HEADER_SIZE) < n ? (have - HEADER_SIZE) : n);
    free(p);
    return q;
}

/*
 * aligned_block: n bytes at an address that is a multiple of `alignment`
 * (a power of two above 16).  Takes a chunk big enough to find such an
 * address inside with room for a chunk header before it, and frees what
 * lies before and after.
 */
static void *aligned_block(size_t alignment, size_t n)
{
    uint64_t need = chunk_size_for(n);
    uint64_t want = need + alignment + MIN_CHUNK;
    struct chunk *c, *aligned;
    uintptr_t p;
    void *block;

    if (need == 0 || want < need) {
        errno = ENOMEM;
        return NULL;
    }
    if (want >= MMAP_THRESHOLD) {
        block = mapped_alloc(n, alignment);
        if (block == NULL)
            errno = ENOMEM;
        return block;
    }
    block = malloc(want - HEADER_SIZE);
    if (block == NULL)
        return NULL;
    c = chunk_of(block);
    if (c->magic == MAGIC_MAPPED) {      /* heap exhausted: malloc mapped it */
        free(block);
        block = mapped_alloc(n, alignment);
        if (block == NULL)
            errno = ENOMEM;
        return block;
    }
    p = (uintptr_t)block;
    if (p % alignment != 0) {
        /* the first aligned address that leaves a whole free chunk below */
        p = round_up(p + MIN_CHUNK, alignment);
        aligned = chunk_of((void *)p);
        aligned->magic = MAGIC_IN_USE;
        aligned->prev_units = (uint32_t)(((char *)aligned - (char *)c) / ALIGNMENT);
        set_size(aligned, c->size - ((char *)aligned - (char *)c));
        c->size = (uint64_t)((char *)aligned - (char *)c);
        release(c);
        c = aligned;
    }
    shrink_to(c, need);
    return payload_of(c);
}

/* posix_memalign: 0 and *out, or EINVAL (alignment not a power of two
 * times sizeof(void *)) or ENOMEM; errno is left alone */
int posix_memalign(void **out, size_t alignment, size_t n)
{
    int saved = errno;
    void *p;

    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0)
        return EINVAL;
    if (guarded())
        p = guard_alloc(n, alignment);
    else
        p = alignment <= ALIGNMENT ? malloc(n) : aligned_block(alignment, n);
    if (p == NULL) {
        errno = saved;
        return ENOMEM;
    }
    *out = p;
    return 0;
}

/* aligned_alloc: C11; alignment must be a power of two */
void *aligned_alloc(size_t alignment, size_t n)
{
    if (alignment == 0 || (alignment & (alignment - 1)) != 0) {
        errno = EINVAL;
        return NULL;
    }
    if (guarded())
        return guard_alloc(n, alignment);
    return alignment <= ALIGNMENT ? malloc(n) : aligned_block(alignment, n);
}

/* malloc_usable_size: the bytes the block at p can hold (0 for NULL) */
size_t malloc_usable_size(void *p)
{
    if (p == NULL)
        return 0;
    if (guarded()) {
        struct chunk h = guard_header("malloc_usable_size", p);
        return guard_usable(p, &h);
    }
    return checked_chunk("malloc_usable_size", p)->size - HEADER_SIZE;
}

/* ---- self-check ------------------------------------------------------- */

/* broken: malloc_check's report of one broken invariant; returns -1 */
static int broken(const char *what, const void *where)
{
    fprintf(stderr, "malloc_check: %s at %p\n", what, where);
    return -1;
}

/* malloc_check: see <malloc.h>.  Walks every segment chunk by chunk, then
 * every free list, and compares the free chunks each walk found. */
int malloc_check(void)
{
    uint64_t free_on_heap = 0, free_on_lists = 0;

    for (struct segment *seg = segments; seg != NULL; seg = seg->next) {
        struct chunk *c = (struct chunk *)(seg + 1);
        uint64_t prev_size = 0;
        bool prev_free = false;

        if (c->prev_units != 0)
            return broken("first chunk of a segment has a chunk below it", c);
        for (; c->magic != MAGIC_FENCE; c = chunk_after(c)) {
            if (c->magic != MAGIC_IN_USE && c->magic != MAGIC_FREE)
                return broken("chunk with a bad magic number", c);
            if (c->size % ALIGNMENT != 0 || c->size < MIN_CHUNK)
                return broken("chunk with a bad size", c);
            if ((uint64_t)c->prev_units * ALIGNMENT != prev_size)
                return broken("prev_units does not match the chunk below", c);
            if (c->magic == MAGIC_FREE) {
                if (prev_free)
                    return broken("two free chunks side by side", c);
                free_on_heap++;
            }
            prev_free = c->magic == MAGIC_FREE;
            prev_size = c->size;
        }
        if ((uint64_t)c->prev_units * ALIGNMENT != prev_size)
            return broken("fence's prev_units does not match the last chunk", c);
    }
    for (int i = 0; i < NBINS; i++) {
        struct chunk *prev = NULL;
        for (struct chunk *c = bins[i]; c != NULL; prev = c, c = c->next_free) {
            if (c->magic != MAGIC_FREE)
                return broken("chunk on a free list is not free", c);
            if (bin_index(c->size) != i)
                return broken("free chunk on the wrong list", c);
            if (c->prev_free != prev)
                return broken("free list back link is wrong", c);
            if (++free_on_lists > free_on_heap)
                return broken("free lists hold more chunks than the heap", c);
        }
    }
    if (free_on_lists != free_on_heap)
        return broken("free chunks missing from the free lists", NULL);
    return 0;
}

/* malloc_stats: see <malloc.h> */
void malloc_stats(void)
{
    uint64_t in_use = 0, free_bytes = 0, nsegments = 0;

    for (struct segment *seg = segments; seg != NULL; seg = seg->next) {
        struct chunk *c = (struct chunk *)(seg + 1);
        nsegments++;
        for (; c->magic != MAGIC_FENCE; c = chunk_after(c)) {
            if (c->magic == MAGIC_FREE)
                free_bytes += c->size;
            else
                in_use += c->size;
        }
    }
    fprintf(stderr, "malloc: heap %lu bytes in %lu segment(s): %lu in use, %lu free\n",
            (unsigned long)heap_bytes, (unsigned long)nsegments,
            (unsigned long)in_use, (unsigned long)free_bytes);
}
