/*
 * tests/host/test_malloc.c - the course's malloc (user/libusmm/malloc.c),
 * on the host: malloc & co. against a model, merging, trimming, big blocks,
 * alignment, and the heap checks.
 *
 * How it gets here (mk/user.mk, build/host/test_malloc): malloc.c is
 * compiled, then every name it defines is renamed NAME -> usmm_NAME, so
 * that it lives beside the host's C library in one program.  This file
 * therefore calls usmm_malloc, ... and declares them itself.
 *
 * malloc's link to the kernel (user/libusmm/malloc_os.h) is provided here:
 * the "program break" moves in a static arena, big blocks come from the
 * host's mmap (counted), and heap corruption reports longjmp back into
 * the test that provoked them.
 */
#include "check.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

/* ---- the library under test ------------------------------------------- */

void *usmm_malloc(size_t n);
void usmm_free(void *p);
void *usmm_realloc(void *p, size_t n);
void *usmm_calloc(size_t n, size_t size);
int usmm_posix_memalign(void **out, size_t alignment, size_t n);
void *usmm_aligned_alloc(size_t alignment, size_t n);
size_t usmm_malloc_usable_size(void *p);
int usmm_malloc_check(void);



/* ---- malloc's memory: user/libusmm/malloc_os.h, on the host ----------- */

#define ARENA_SIZE (64u << 20)
static _Alignas(4096) unsigned char arena[ARENA_SIZE];
static size_t arena_break;           /* the "program break", as an offset */
static bool sbrk_refuses, mmap_refuses;
static long live_mappings;

void *__libc_heap_sbrk(intptr_t delta)
{
    size_t old = arena_break;
    if (sbrk_refuses || (delta > 0 && (size_t)delta > ARENA_SIZE - old) ||
        (delta < 0 && (size_t)-delta > old))
        return NULL;
    arena_break += (size_t)delta;
    return arena + old;
}

void *__libc_heap_mmap(size_t length)
{
    void *p;
    if (mmap_refuses)
        return NULL;
    p = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    live_mappings++;
    return p;
}

void __libc_heap_munmap(void *p, size_t length)
{
    live_mappings--;
    munmap(p, length);
}

int __libc_heap_guard(void *p, size_t length)
{
    return mprotect(p, length, PROT_NONE);
}

static jmp_buf heap_abort_return;
static bool heap_abort_expected;
static char heap_abort_message[256];

void __libc_heap_abort(const char *caller, const char *problem, void *p)
{
    snprintf(heap_abort_message, sizeof(heap_abort_message), "%s(): %s %p", caller,
             problem, p);
    if (heap_abort_expected) {
        heap_abort_expected = false;
        longjmp(heap_abort_return, 1);
    }
    fprintf(stderr, "unexpected heap abort: %s\n", heap_abort_message);
    abort();
}

/* expect_heap_abort(call): run `call`, which must end in a heap abort;
 * afterwards heap_abort_message holds the report (or is "" if none came) */
#define expect_heap_abort(call)                                              \
    do {                                                                     \
        heap_abort_message[0] = '\0';                                        \
        heap_abort_expected = true;                                          \
        if (setjmp(heap_abort_return) == 0)                                  \
            call;                                                            \
        heap_abort_expected = false;                                         \
    } while (0)

/* ---- helpers ---------------------------------------------------------- */

static uint64_t rng_state = 88172645463325252ull;

static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* a block size: mostly small, sometimes medium, rarely big enough for mmap */
static size_t random_size(void)
{
    uint64_t r = rng() % 100;
    if (r < 70)
        return rng() % 256;
    if (r < 97)
        return rng() % 16384;
    return 128 * 1024 + rng() % (256 * 1024);
}

static bool filled_with(const unsigned char *p, size_t n, unsigned char value)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != value)
            return false;
    return true;
}

/* ---- malloc ------------------------------------------------------------ */

TEST(malloc_blocks_are_aligned_and_distinct)
{
    enum { N = 500 };
    unsigned char *p[N];
    size_t size[N];

    for (int i = 0; i < N; i++) {
        size[i] = (size_t)i * 13;
        p[i] = usmm_malloc(size[i]);
        CHECK(p[i] != NULL);
        CHECK_EQ(0, (uintptr_t)p[i] % 16);
        CHECK(usmm_malloc_usable_size(p[i]) >= size[i]);
        memset(p[i], i & 0xff, size[i]);
    }
    for (int i = 0; i < N; i++)
        CHECK(filled_with(p[i], size[i], i & 0xff));   /* no block overlapped another */
    CHECK_EQ(0, usmm_malloc_check());
    for (int i = 0; i < N; i++)
        usmm_free(p[i]);
    CHECK_EQ(0, usmm_malloc_check());
}

TEST(malloc_random_operations_match_a_model)
{
    enum { SLOTS = 200, STEPS = 20000 };
    unsigned char *p[SLOTS] = { 0 };
    size_t size[SLOTS] = { 0 };
    unsigned char fill[SLOTS] = { 0 };

    for (int step = 0; step < STEPS; step++) {
        int i = (int)(rng() % SLOTS);
        uint64_t op = rng() % 4;

        if (p[i] != NULL)               /* the model: contents never change */
            CHECK(filled_with(p[i], size[i], fill[i]));
        if (p[i] == NULL || op == 0) {
            usmm_free(p[i]);
            size[i] = random_size();
            p[i] = op == 1 ? usmm_calloc(1, size[i]) : usmm_malloc(size[i]);
            CHECK(p[i] != NULL);
            CHECK_EQ(0, (uintptr_t)p[i] % 16);
            if (op == 1)
                CHECK(filled_with(p[i], size[i], 0));
            fill[i] = (unsigned char)step;
            memset(p[i], fill[i], size[i]);
        } else if (op == 1) {
            usmm_free(p[i]);
            p[i] = NULL;
        } else {
            size_t new_size = random_size();
            size_t kept = new_size < size[i] ? new_size : size[i];
            unsigned char *q = usmm_realloc(p[i], new_size ? new_size : 1);
            CHECK(q != NULL);
            CHECK_EQ(0, (uintptr_t)q % 16);
            CHECK(filled_with(q, kept, fill[i]));   /* realloc kept the contents */
            memset(q + kept, fill[i], new_size - kept);
            p[i] = q;
            size[i] = new_size;
        }
        if (step < 2000 || step % 100 == 0)
            CHECK_EQ(0, usmm_malloc_check());
    }
    for (int i = 0; i < SLOTS; i++)
        usmm_free(p[i]);
    CHECK_EQ(0, usmm_malloc_check());
    CHECK_EQ(0, live_mappings);
}

TEST(free_merges_neighbours_into_one_block)
{
    char *a = usmm_malloc(100), *b = usmm_malloc(100), *c = usmm_malloc(100);
    char *guard = usmm_malloc(100), *d;

    CHECK(a && b && c && guard);
    CHECK(b > a && c > b);              /* carved one after the other */
    usmm_free(a);
    usmm_free(c);
    usmm_free(b);                       /* joins a below and c above */
    CHECK_EQ(0, usmm_malloc_check());
    d = usmm_malloc(300);               /* fits only in the merged block */
    CHECK(d == a);
    usmm_free(d);
    usmm_free(guard);
}

TEST(realloc_grows_in_place_into_a_free_neighbour)
{
    char *a = usmm_malloc(100), *b = usmm_malloc(100), *guard = usmm_malloc(100);
    char *grown;

    memset(a, 'a', 100);
    usmm_free(b);
    grown = usmm_realloc(a, 200);
    CHECK(grown == a);
    CHECK(filled_with((unsigned char *)grown, 100, 'a'));
    CHECK_EQ(0, usmm_malloc_check());
    usmm_free(grown);
    usmm_free(guard);
}

TEST(realloc_shrinks_in_place_and_handles_null_and_zero)
{
    char *a = usmm_malloc(4000), *b;

    memset(a, 'x', 4000);
    b = usmm_realloc(a, 50);
    CHECK(b == a);
    CHECK(filled_with((unsigned char *)b, 50, 'x'));
    CHECK_EQ(0, usmm_malloc_check());
    usmm_free(b);

    b = usmm_realloc(NULL, 10);          /* realloc(NULL, n) is malloc(n) */
    CHECK(b != NULL);
    CHECK(usmm_realloc(b, 0) == NULL);   /* realloc(p, 0) frees p */
    CHECK_EQ(0, usmm_malloc_check());
}

TEST(big_blocks_get_their_own_mapping)
{
    long before = live_mappings;
    char *big = usmm_malloc(1 << 20);
    char *bigger;

    CHECK(big != NULL);
    CHECK_EQ(before + 1, live_mappings);
    CHECK(big < (char *)arena || big >= (char *)arena + ARENA_SIZE);
    memset(big, 7, 1 << 20);
    bigger = usmm_realloc(big, 3 << 20);
    CHECK(bigger != NULL);
    CHECK(filled_with((unsigned char *)bigger, 1 << 20, 7));
    CHECK_EQ(before + 1, live_mappings);
    usmm_free(bigger);
    CHECK_EQ(before, live_mappings);
}

TEST(calloc_zeroes_reused_memory_and_refuses_overflow)
{
    char *a = usmm_malloc(1000);
    unsigned char *z;

    memset(a, 0xff, 1000);
    usmm_free(a);
    z = usmm_calloc(10, 100);            /* likely the same block */
    CHECK(z != NULL);
    CHECK(filled_with(z, 1000, 0));
    usmm_free(z);

    errno = 0;
    CHECK(usmm_calloc(SIZE_MAX / 2, 4) == NULL);
    CHECK_EQ(ENOMEM, errno);
    errno = 0;
    CHECK(usmm_malloc(SIZE_MAX - 8) == NULL);
    CHECK_EQ(ENOMEM, errno);
}

TEST(heap_gives_memory_back_after_a_big_free)
{
    enum { N = 64 };
    char *p[N];
    size_t high;

    for (int i = 0; i < N; i++)
        p[i] = usmm_malloc(16000);       /* ~1 MiB of small blocks */
    high = arena_break;
    for (int i = N - 1; i >= 0; i--)
        usmm_free(p[i]);
    CHECK(arena_break < high - 512 * 1024);
    CHECK_EQ(0, usmm_malloc_check());
}

TEST(heap_survives_someone_else_moving_the_break)
{
    char *before = usmm_malloc(50000), *after[40];
    size_t gap = 12345;                  /* odd, so the new segment must realign */

    arena_break += gap;                  /* like a program calling sbrk itself */
    for (int i = 0; i < 40; i++) {
        after[i] = usmm_malloc(60000);   /* forces the heap to grow again */
        CHECK(after[i] != NULL);
        CHECK_EQ(0, (uintptr_t)after[i] % 16);
        memset(after[i], 1, 60000);
    }
    CHECK_EQ(0, usmm_malloc_check());
    usmm_free(before);
    for (int i = 0; i < 40; i++)
        usmm_free(after[i]);
    CHECK_EQ(0, usmm_malloc_check());
}

TEST(malloc_fails_cleanly_when_the_kernel_refuses)
{
    void *p;
    sbrk_refuses = mmap_refuses = true;
    errno = 0;
    p = usmm_malloc(200000);             /* needs a new mapping */
    sbrk_refuses = mmap_refuses = false;
    CHECK(p == NULL);
    CHECK_EQ(ENOMEM, errno);
    CHECK_EQ(0, usmm_malloc_check());
}

TEST(double_free_is_reported)
{
    char *p = usmm_malloc(32), *keep = usmm_malloc(32);
    char expected[64];

    usmm_free(p);
    expect_heap_abort(usmm_free(p));
    snprintf(expected, sizeof(expected), "free(): double free %p", (void *)p);
    CHECK_STR(expected, heap_abort_message);
    usmm_free(keep);
}

TEST(free_of_a_pointer_malloc_never_returned_is_reported)
{
    char *p = usmm_malloc(64);
    char expected[64];
    static char not_from_malloc[64] __attribute__((aligned(16)));

    expect_heap_abort(usmm_free(p + 16));
    snprintf(expected, sizeof(expected), "free(): invalid pointer %p", (void *)(p + 16));
    CHECK_STR(expected, heap_abort_message);

    expect_heap_abort(usmm_free(p + 1));
    snprintf(expected, sizeof(expected), "free(): invalid pointer %p", (void *)(p + 1));
    CHECK_STR(expected, heap_abort_message);

    expect_heap_abort(usmm_free(not_from_malloc + 32));
    CHECK(strncmp(heap_abort_message, "free(): invalid pointer", 23) == 0);

    expect_heap_abort(usmm_realloc(p + 32, 10));
    CHECK(strncmp(heap_abort_message, "realloc(): invalid pointer", 26) == 0);
    usmm_free(p);
    CHECK_EQ(0, usmm_malloc_check());
}

TEST(writing_past_a_block_is_caught_at_free)
{
    char *p = usmm_malloc(40), *next = usmm_malloc(40);
    char saved[16];

    memcpy(saved, p + 48, 16);           /* the next chunk's header */
    memset(p, 'x', 64);                  /* 16 bytes too many */
    expect_heap_abort(usmm_free(p));
    CHECK(strstr(heap_abort_message, "heap overflow") != NULL);
    memcpy(p + 48, saved, 16);           /* repair, so the heap stays usable */
    usmm_free(p);
    usmm_free(next);
    CHECK_EQ(0, usmm_malloc_check());
}

TEST(aligned_allocations_are_aligned)
{
    for (size_t align = 16; align <= (1 << 20); align *= 2) {
        size_t sizes[] = { 1, 100, 5000, 300000 };
        for (int i = 0; i < 4; i++) {
            void *p = NULL;
            CHECK_EQ(0, usmm_posix_memalign(&p, align, sizes[i]));
            CHECK(p != NULL);
            CHECK_EQ(0, (uintptr_t)p % align);
            CHECK(usmm_malloc_usable_size(p) >= sizes[i]);
            memset(p, 0x5a, sizes[i]);
            CHECK_EQ(0, usmm_malloc_check());
            usmm_free(p);
        }
    }
    {
        void *p = (void *)1;
        CHECK_EQ(EINVAL, usmm_posix_memalign(&p, 24, 10));   /* not a power of two */
        CHECK_EQ(EINVAL, usmm_posix_memalign(&p, 4, 10));    /* below sizeof(void *) */
        CHECK(p == (void *)1);
        p = usmm_aligned_alloc(4096, 4096);
        CHECK(p != NULL && (uintptr_t)p % 4096 == 0);
        usmm_free(p);
    }
    CHECK_EQ(0, usmm_malloc_check());
    CHECK_EQ(0, live_mappings);
}

/* The checks added with phase 2's protection work: each kind of damage is
 * reported with its own message when the allocator next meets it. */

TEST(corrupted_free_list_link_is_reported)
{
    char *keep = usmm_malloc(48), *a = usmm_malloc(48), *guard = usmm_malloc(48);
    static void *fake[4];                /* a "chunk" whose next link is not a */
    void *saved;

    usmm_free(a);
    CHECK_EQ(0xf7eef7eeu, *(uint32_t *)(a - 16));   /* a is a free chunk of its own */
    memcpy(&saved, a + 8, sizeof(saved));           /* its prev_free link */
    void *bogus = fake;
    memcpy(a + 8, &bogus, sizeof(bogus));
    expect_heap_abort(usmm_malloc(48));
    CHECK(strncmp(heap_abort_message, "malloc(): corrupted free list", 29) == 0);
    memcpy(a + 8, &saved, sizeof(saved));           /* repair */
    CHECK_EQ(0, usmm_malloc_check());
    usmm_free(keep);
    usmm_free(guard);
}

TEST(overwritten_free_chunk_header_is_reported)
{
    char *a = usmm_malloc(48), *b = usmm_malloc(48), *c = usmm_malloc(48);
    char saved[16];

    usmm_free(b);
    CHECK(b == a + 64);                   /* neighbours, b free */
    memcpy(saved, a + 48, 16);
    memset(a + 48, 'x', 16);              /* a's overflow lands on b's header */
    expect_heap_abort(usmm_malloc(48));
    CHECK(strncmp(heap_abort_message, "malloc(): heap overflow: a free chunk's header was overwritten", 61) == 0);
    memcpy(a + 48, saved, 16);
    CHECK_EQ(0, usmm_malloc_check());
    usmm_free(a);
    usmm_free(c);
}

TEST(corrupted_top_of_the_heap_is_reported)
{
    unsigned char *fence = arena + arena_break - 16;  /* the heap ends at the break */
    uint32_t prev_units;
    unsigned char *last, saved[16];

    usmm_free(usmm_malloc(16));           /* make sure a heap exists */
    fence = arena + arena_break - 16;
    CHECK_EQ(0xfe7cefe7u, *(uint32_t *)fence);
    memcpy(&prev_units, fence + 4, 4);
    last = fence - (uint64_t)prev_units * 16;
    memcpy(saved, last, 16);
    memset(last + 8, 0x41, 8);            /* the top chunk's size */
    expect_heap_abort(usmm_malloc(16));
    CHECK(strncmp(heap_abort_message, "malloc(): corrupted top of the heap", 35) == 0);
    memcpy(last, saved, 16);
    memset(fence, 0, 4);                  /* and the fence itself */
    expect_heap_abort(usmm_malloc(16));
    CHECK(strncmp(heap_abort_message, "malloc(): corrupted top of the heap", 35) == 0);
    *(uint32_t *)fence = 0xfe7cefe7u;
    CHECK_EQ(0, usmm_malloc_check());
}
