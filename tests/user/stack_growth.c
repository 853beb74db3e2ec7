// phases: 2 3
// lab: 8
// cmdline: check_mm=2
// expect-log: ^pf: stack_growth\[\d+\] addr 0x[0-9a-f]+ \[not-present write user\] ip 0x[0-9a-f]+ no vma -> SIGSEGV \(SEGV_MAPERR\)$
/*
 * stack_growth: the main stack starts as a 128 KiB VMA and grows on
 * demand -- from ring 3 and from copy_to_user -- up to RLIMIT_STACK; a
 * runaway recursion dies with SIGSEGV; a guard gap of 256 pages stays free
 * below every stack: an mmap hint inside it is moved out, a fault inside
 * it is SIGSEGV (SEGV_MAPERR, as the pftrace line says).  MAP_GROWSDOWN
 * mappings grow the same way.
 */
#include "utest.h"
#include <sys/random.h>
#include <sys/resource.h>
#include <usmm.h>

#define PAGE 4096ul
#define KiB 1024ul
#define MiB (1024ul * 1024)
#define GAP (256 * PAGE)

static volatile char sink;

/* stack_vma: the [stack] VMA's range. */
static void stack_vma(uint64_t *start, uint64_t *end)
{
    struct usmm_vma_info v[64];
    long n = usmm_vmas(0, 0, v, 64);
    *start = *end = 0;
    for (long i = 0; i < n && i < 64; i++)
        if (v[i].flags & USMM_VM_STACK) {
            *start = v[i].start;
            *end = v[i].end;
        }
}

static uint64_t stack_size(void)
{
    uint64_t s, e;
    stack_vma(&s, &e);
    return e - s;
}

static void touch(uint64_t addr)
{
    *(volatile char *)addr = 1;
}

static void set_stack_limit(uint64_t bytes)
{
    struct rlimit r = { bytes, RLIM_INFINITY };
    setrlimit(RLIMIT_STACK, &r);
}

static volatile int forever = 1;

static int recurse(int depth)
{
    volatile char frame[512];
    frame[0] = (char)depth;
    return forever ? recurse(depth + 1) + frame[0] : 0;
}

/* big_frame: a function whose frame is 1 MiB; touching its far end grows
 * the stack by that much. */
static __attribute__((noinline)) int big_frame(void)
{
    volatile char buf[1 << 20];
    buf[0] = 1;
    return buf[0];
}

static __attribute__((noinline)) long read_into_big_buffer(void)
{
    char buf[2 << 20];      /* never touched by the program: the kernel grows the stack */
    long n = getrandom(buf, sizeof(buf), 0);
    return n == (long)sizeof(buf) ? n : -1;
}

static void initial_stack(void)
{
    struct rlimit r;
    struct usmm_vma_info v[64];
    long n = usmm_vmas(0, 0, v, 64);
    uint32_t flags = 0;

    for (long i = 0; i < n && i < 64; i++)
        if (v[i].flags & USMM_VM_STACK)
            flags = v[i].flags;
    EXPECT_EQ("initial_stack_vma_is_128KiB", 128 * KiB, stack_size());
    EXPECT_TRUE("stack_vma_grows_down", flags & USMM_VM_GROWSDOWN);
    EXPECT_TRUE("stack_vma_is_not_executable", !(flags & USMM_VM_EXEC));
    EXPECT_EQ("getrlimit_stack", 0, getrlimit(RLIMIT_STACK, &r));
    EXPECT_EQ("default_rlimit_stack_is_8MiB", 8 * MiB, r.rlim_cur);
}

static void growth(void)
{
    big_frame();
    EXPECT_TRUE("one_MiB_frame_grows_the_stack", stack_size() > 1 * MiB);
    EXPECT_TRUE("growth_is_by_pages_touched", stack_size() < 1 * MiB + 128 * KiB);
    EXPECT_EQ("copy_to_user_grows_the_stack", 2l << 20, read_into_big_buffer());
    EXPECT_TRUE("kernel_growth_shows_in_the_vma", stack_size() > 2 * MiB);
    EXPECT_EQ("check_mm_after_growth", 0, usmm_check_mm(0));
}

/* limits: growth stops exactly at RLIMIT_STACK (in children, which start
 * with their parent's stack, still 128 KiB) */
static void limits(void)
{
    uint64_t s, top;
    stack_vma(&s, &top);

    EXPECT_EXIT("grow_to_exactly_the_limit", 0, {
        set_stack_limit(1 * MiB);
        touch(top - 1 * MiB);
    });
    EXPECT_SIGNAL("one_page_past_the_limit_is_sigsegv", SIGSEGV, {
        set_stack_limit(1 * MiB);
        touch(top - 1 * MiB - 1);
    });
    EXPECT_EXIT("raising_the_limit_allows_more", 0, {
        set_stack_limit(1 * MiB);
        set_stack_limit(4 * MiB);
        touch(top - 4 * MiB);
    });
    EXPECT_SIGNAL("default_limit_8MiB_stops_growth", SIGSEGV, touch(top - 8 * MiB - PAGE));
    EXPECT_EXIT("default_limit_8MiB_allows_8MiB", 0, touch(top - 8 * MiB));
    EXPECT_SIGNAL("runaway_recursion_is_sigsegv", SIGSEGV, recurse(0));
    EXPECT_SIGNAL("runaway_recursion_small_limit_is_sigsegv", SIGSEGV, {
        set_stack_limit(256 * KiB);
        recurse(0);
    });
}

/* guard gap: nothing is placed within 256 pages below the stack */
static void guard_gap(void)
{
    uint64_t s, top;
    stack_vma(&s, &top);
    uint64_t hint = s - 64 * KiB;
    char *p = mmap((void *)hint, PAGE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    EXPECT_TRUE("hint_in_guard_gap_is_moved", (uint64_t)p != hint && p != MAP_FAILED);
    EXPECT_TRUE("moved_mapping_is_outside_the_gap",
                (uint64_t)p + PAGE <= s - GAP || (uint64_t)p >= top);
    munmap(p, PAGE);
    p = mmap((void *)(s - GAP - PAGE), PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    EXPECT_EQ("hint_just_below_the_gap_is_taken", s - GAP - PAGE, (uint64_t)p);
    munmap(p, PAGE);

    /* a mapping 4 MiB below: the stack may grow to 256 pages above it */
    uint64_t low = s - 4 * MiB;
    EXPECT_EQ("map_fixed_below_the_stack", low,
              (uint64_t)mmap((void *)low, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                             -1, 0));
    EXPECT_EXIT("grow_to_the_edge_of_the_gap", 0, touch(low + PAGE + GAP));
    EXPECT_SIGNAL("fault_in_the_guard_gap_is_sigsegv", SIGSEGV, {
        usmm_sysctl("kernel.pftrace", NULL, &(int64_t){ 1 });  /* SEGV_MAPERR in the log */
        touch(low + PAGE + GAP - 1);
    });
    usmm_sysctl("kernel.pftrace", NULL, &(int64_t){ 0 });
    EXPECT_SIGNAL("fault_just_above_the_mapping_is_sigsegv", SIGSEGV, touch(low + PAGE));
    /* MAP_FIXED may go inside the gap, as on Linux */
    uint64_t in_gap = s - 2 * PAGE;
    EXPECT_EQ("map_fixed_inside_the_gap_is_allowed", in_gap,
              (uint64_t)mmap((void *)in_gap, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                             -1, 0));
    EXPECT_SIGNAL("no_growth_past_a_fixed_mapping_in_the_gap", SIGSEGV, touch(s - PAGE));
    munmap((void *)in_gap, PAGE);
    munmap((void *)low, PAGE);
    EXPECT_EQ("check_mm_after_gap_tests", 0, usmm_check_mm(0));
}

static void growsdown_mapping(void)
{
    char *p = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0);
    struct usmm_vma_info v;

    p[0] = 1;
    p[-1] = 2;
    usmm_vmas(0, (uint64_t)p - 1, &v, 1);
    EXPECT_EQ("map_growsdown_grew_one_page", (uint64_t)p - PAGE, v.start);
    p[-64 * (long)PAGE] = 3;
    usmm_vmas(0, (uint64_t)p - 1, &v, 1);
    EXPECT_EQ("map_growsdown_grew_64_pages", (uint64_t)p - 64 * PAGE, v.start);
    EXPECT_EQ("map_growsdown_contents", 2 + 3, p[-1] + p[-64 * (long)PAGE]);
    munmap(p - 64 * PAGE, 80 * PAGE);
}

int main(void)
{
    initial_stack();
    limits();
    growth();
    guard_gap();
    growsdown_mapping();
    return utest_finish();
}
