// phases: 2 3
// timeout: 300
// lab: 6
/*
 * sigreturn_fuzz: rt_sigreturn with forged frames, thousands of times, in
 * forked children: pure garbage, and real frames with fields made hostile
 * (kernel and non-canonical RIP, kernel selectors in CS/SS, IOPL/VM/NT in
 * RFLAGS, bad and unaligned fpstate pointers, reserved MXCSR bits, random
 * masks and alternate stacks).  Each child catches what follows on an
 * alternate stack and siglongjmps back for the next round; whatever
 * happens, it ends (or is killed after a while) and the kernel survives,
 * and handlers still work afterwards.  Same lines on Linux.
 *
 *   sigreturn_fuzz [SEED [CHILDREN [ROUNDS]]]
 */
#include "utest.h"
#include <setjmp.h>
#include <stdint.h>
#include <time.h>
#include <ucontext.h>

#define MS(n) (&(struct timespec){ 0, (n) * 1000000L })

static uint64_t rng = 0x2545f4914f6cdd1dull;
static sigjmp_buf again;
static char alt[65536] __attribute__((aligned(16)));
static uint8_t frame_area[16384] __attribute__((aligned(64)));
static uint8_t real_frame[1024];        /* a genuine ucontext + FPU area */
static uint8_t real_fpu[512] __attribute__((aligned(64)));
static volatile int caught;
static volatile long *rounds_done;
static const stack_t own_stack = { .ss_sp = alt, .ss_size = sizeof(alt) };

static void recover(int sig)
{
    caught++;
    siglongjmp(again, 1);
}

static void capture(int sig, siginfo_t *si, void *uc)
{
    ucontext_t *u = uc;
    memcpy(real_frame, uc, sizeof(ucontext_t) < sizeof(real_frame) ? sizeof(ucontext_t)
                                                                  : sizeof(real_frame));
    if (u->uc_mcontext.fpregs)
        memcpy(real_fpu, u->uc_mcontext.fpregs, sizeof(real_fpu));
}

static uint64_t hostile(void)
{
    static const uint64_t v[] = {
        0, 1, 0x7fffffffffffull, 0x800000000000ull, 0xffff800000000000ull,
        0xffffffff80100000ull, 0x8000000000000000ull, ~0ull, 0x10, 0x1000,
        0x3000 /* IOPL 3 */, 0x20000 /* VM */, 0x4000 /* NT */, 0x8, 0x10, 0x2b, 0x23,
    };
    uint64_t r = utest_random(&rng);
    return (r & 1) ? v[(r >> 1) % (sizeof(v) / sizeof(v[0]))] : utest_random(&rng);
}

/* forge: write a frame into frame_area; returns the rsp to sigreturn with. */
static uint64_t forge(void)
{
    uint64_t *words = (uint64_t *)frame_area, kind = utest_random(&rng) % 4;
    ucontext_t *uc = (ucontext_t *)(frame_area + 4096);
    uint64_t *g = (uint64_t *)uc->uc_mcontext.gregs;

    for (unsigned i = 0; i < sizeof(frame_area) / 8; i++)
        words[i] = utest_random(&rng);
    if (kind == 0) {                            /* pure garbage ... */
        if (utest_random(&rng) % 16) {          /* ... mostly with the mask and alt */
            memset(&uc->uc_sigmask, 0, 8);      /* stack that let the child catch */
            uc->uc_stack = own_stack;           /* what follows */
        }
        return (uint64_t)uc;
    }
    if (kind == 1)
        return hostile();                       /* rsp itself hostile */
    memcpy(uc, real_frame, sizeof(ucontext_t));
    uc->uc_stack = own_stack;
    memcpy(frame_area + 12288, real_fpu, sizeof(real_fpu));
    uc->uc_mcontext.fpregs = (void *)(frame_area + 12288);
    g[REG_RSP] = (uint64_t)(frame_area + 2048);
    g[REG_RIP] = (uint64_t)recover;             /* lands in a handler-like spot */
    for (int n = (int)(utest_random(&rng) % 4) + 1; n > 0; n--) {
        switch (utest_random(&rng) % 8) {
        case 0: g[REG_RIP] = hostile(); break;
        case 1: g[REG_CSGSFS] = hostile(); break;
        case 2: g[REG_EFL] = hostile(); break;
        case 3: uc->uc_mcontext.fpregs = (void *)hostile(); break;
        case 4: uc->uc_mcontext.fpregs = (void *)(frame_area + 12288 + utest_random(&rng) % 64);
                break;
        case 5: *(uint32_t *)(frame_area + 12288 + 24) = (uint32_t)hostile(); break; /* MXCSR */
        case 6:
            if (utest_random(&rng) % 8 == 0)    /* rarely: a blocked SIGSEGV kills */
                memcpy(&uc->uc_sigmask, &(uint64_t){ hostile() }, 8);
            break;
        case 7:
            if (utest_random(&rng) % 8 == 0) {  /* rarely: the child dies of it */
                uc->uc_stack.ss_sp = (void *)hostile();
                uc->uc_stack.ss_size = hostile();
            }
            break;
        }
    }
    return (uint64_t)uc;
}

static void fuzz_child(int rounds)
{
    struct sigaction sa = { .sa_handler = recover, .sa_flags = SA_ONSTACK | SA_NODEFER };
    static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS };
    static volatile int round;

    sigaltstack(&own_stack, NULL);
    sigfillset(&sa.sa_mask);
    for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
        sigaction(sigs[i], &sa, NULL);
    sigsetjmp(again, 1);
    while (round < rounds) {
        uint64_t sp;
        round++;
        (*rounds_done)++;
        sp = forge();
        __asm__ volatile("mov %0, %%rsp\n\tmov $15, %%eax\n\tsyscall\n\tud2" : : "r"(sp)
                         : "memory");
    }
    _exit(0);
}

int main(int argc, char **argv)
{
    int children = argc > 2 ? atoi(argv[2]) : 40, rounds = argc > 3 ? atoi(argv[3]) : 500;
    int ended = 0, killed = 0, exited = 0;
    struct sigaction sa = { .sa_sigaction = capture, .sa_flags = SA_SIGINFO };

    if (argc > 1)
        rng = strtoull(argv[1], NULL, 0) | 1;
    rounds_done = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (rounds_done == MAP_FAILED)
        return 2;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);                             /* a genuine frame to start from */
    for (int c = 0; c < children; c++) {
        pid_t pid;
        int status = 0, waited = 0;
        fflush(stdout);
        pid = fork();
        if (pid == 0) {
            rng ^= (uint64_t)(c + 1) * 0x9e3779b97f4a7c15ull;   /* a sequence of its own */
            fuzz_child(rounds);
        }
        while (waitpid(pid, &status, WNOHANG) == 0) {
            if (++waited == 3000) {             /* 30 s: stuck in a loop it jumped into */
                kill(pid, SIGKILL);
                waitpid(pid, &status, 0);
                killed++;
                break;
            }
            nanosleep(MS(10), NULL);
        }
        ended++;
        exited += WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    printf("sigreturn_fuzz: %d children x %d rounds: %ld forged sigreturns, %d children "
           "finished all rounds, %d killed by timeout, the rest died of a signal\n", children,
           rounds, *rounds_done, exited, killed);
    EXPECT_EQ("every_fuzz_child_ended", children, ended);
    EXPECT_TRUE("fuzz_made_thousands_of_sigreturns", *rounds_done >= 1000);
    caught = 0;
    sa.sa_handler = recover;
    sa.sa_flags = 0;
    sigaction(SIGUSR2, &sa, NULL);
    if (!sigsetjmp(again, 1))
        raise(SIGUSR2);
    EXPECT_EQ("handlers_still_work_after_fuzz", 1, caught);
    EXPECT_EXIT("fork_still_works_after_fuzz", 3, _exit(3));
    return utest_finish();
}
