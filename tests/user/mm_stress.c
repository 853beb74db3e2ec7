// phases: 1 3
// timeout: 300
// cmdline: check_mm=2
/*
 * mm_stress: several processes at once, each doing thousands of random
 * mmap(MAP_FIXED), munmap, mprotect, writes and reads in a window of its
 * address space, checked against a model of what every page must hold.
 * The timer preempts them in the middle of it all; check_mm=2 checks every
 * address space's invariants before each return to user mode.
 */
#include "utest.h"
#include <usmm.h>
#include "prefault.h"

#define PROCS  6
#define OPS    20000
#define PAGES  128
#define WINDOW ((char *)0x600000000000ul)

struct page_model {
    int mapped;
    int prot;
    unsigned char value;    /* what the page's first byte holds */
};

static struct page_model model[PAGES];
static uint64_t rng;

static uint64_t next_random(void)
{
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    return rng >> 33;
}

/* range: a random run of pages [*first, *first + *count) in the window. */
static void range(int *first, int *count)
{
    *first = (int)(next_random() % PAGES);
    *count = 1 + (int)(next_random() % 8);
    if (*first + *count > PAGES)
        *count = PAGES - *first;
}

static int random_prot(void)
{
    static const int prots[] = { PROT_NONE, PROT_READ, PROT_READ | PROT_WRITE,
                                 PROT_READ | PROT_WRITE, PROT_READ | PROT_EXEC };
    return prots[next_random() % 5];
}

/* one_op: a random operation, applied to the process and the model.
 * Returns a non-zero code naming the first disagreement. */
static int one_op(void)
{
    int first, count, prot, hole = 0;
    char *p;

    range(&first, &count);
    p = WINDOW + first * 4096ul;
    switch (next_random() % 5) {
    case 0:
        prot = random_prot();
        if (mmap(p, count * 4096ul, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != p)
            return 1;
        for (int i = first; i < first + count; i++)
            model[i] = (struct page_model){ 1, prot, 0 };
        return 0;
    case 1:
        if (munmap(p, count * 4096ul) != 0)
            return 2;
        for (int i = first; i < first + count; i++)
            model[i].mapped = 0;
        return 0;
    case 2:
        prot = random_prot();
        for (int i = first; i < first + count; i++)
            hole |= !model[i].mapped;
        if (mprotect(p, count * 4096ul, prot) != (hole ? -1 : 0))
            return 3;
        if (hole)
            return errno == ENOMEM ? 0 : 4;
        for (int i = first; i < first + count; i++)
            model[i].prot = prot;
        return 0;
    default:
        for (int i = first; i < first + count; i++) {
            char *page = WINDOW + i * 4096ul;
            if (!model[i].mapped || !(model[i].prot & PROT_READ))
                continue;
            if ((unsigned char)page[0] != model[i].value)
                return 5;
            if (model[i].prot & PROT_WRITE) {
                model[i].value = (unsigned char)next_random();
                page[0] = (char)model[i].value;
            }
        }
        return 0;
    }
}

static void stress(int id)
{
    rng = 1000 + (uint64_t)id;
    for (int op = 0; op < OPS; op++) {
        int bad = one_op();
        if (bad) {
            printf("mm_stress[%d]: operation %d disagreed with the model (code %d)\n", id, op, bad);
            _exit(10 + bad);
        }
        if (op % 2000 == 0 && usmm_check_mm(0) != 0)
            _exit(9);
    }
    _exit(usmm_check_mm(0) == 0 ? 0 : 9);
}

int main(void)
{
    prefault_program();     /* its own text: in before anything is counted */
    struct usmm_meminfo m;
    uint64_t before;
    pid_t pids[PROCS];
    int ok = 0;

    usmm_meminfo(&m);
    before = m.free_pages;
    for (int i = 0; i < PROCS; i++) {
        pids[i] = fork();
        if (pids[i] == 0)
            stress(i);
    }
    for (int i = 0; i < PROCS; i++) {
        int status;
        if (waitpid(pids[i], &status, 0) == pids[i] && WIFEXITED(status) &&
            WEXITSTATUS(status) == 0)
            ok++;
    }
    EXPECT_EQ("all_processes_agree_with_their_models", PROCS, ok);
    usmm_meminfo(&m);
    EXPECT_EQ("every_frame_comes_back", before, m.free_pages);
    return utest_finish();
}
