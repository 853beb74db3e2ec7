// phases: 1 3
// timeout: 600
/*
 * machine_fuzz: attacks the kernel through the state of the CPU, not
 * through system-call arguments (syscall_fuzz does those).  Each case runs
 * in its own child, as machine code generated into a page far from the
 * program, after a prologue that loads every register -- RSP included --
 * with values chosen to hurt (0, -1, kernel addresses, non-canonical ones,
 * the top of user space, misaligned stacks):
 *
 *   random      random bytes (never a `syscall` or `sysenter` pair: random
 *               system calls could kill the fuzzer itself)
 *   syscall     a system call from a safe list with every other register
 *               and the stack pointer hostile
 *   far         far jmp/call/ret and a hand-built iretq frame to every GDT
 *               selector and a few random ones, 32- and 64-bit forms
 *   int         `int N`, all 256 vectors
 *   segment     mov to DS/ES/FS/GS/SS, then memory accesses and a syscall
 *   pkru        wrpkru with random rights, then a syscall and accesses;
 *               xrstor/xsetbv with random state
 *   flags       popf with AC/TF/NT/IOPL/DF bits, then a syscall
 *   privileged  hlt, cli, in/out, lgdt, invlpg, wrmsr, mov to CR, swapgs,
 *               wrfsbase and friends
 *
 * Every child must end -- by a signal, by exit, or killed by the parent
 * when it loops -- and afterwards the machine's free memory must be what
 * it was and the parent's address space must pass check_mm.
 *
 *   machine_fuzz [SEED [ROUNDS [CASE]]]  (default: a fixed seed, 1 round;
 *                                         CASE: run only that case, numbered
 *                                         from 0, and show its code)
 * Outside CI: `make run PROG=tests/user/machine_fuzz.c ARGS="7 1000"`.
 */
#include "utest.h"
#include <sys/syscall.h>
#include <time.h>
#include <usmm.h>
#include "prefault.h"

#define CODE_ADDR 0x5a0000000000ul   /* far (> 2 GiB) from the program */
#define STACK_ADDR 0x5a0000200000ul
#define CODE_SIZE 4096

enum kind { RANDOM, SYSCALL, FAR, INTN, SEGMENT, PKRU, FLAGS, PRIVILEGED, KINDS };
static const char *const kind_names[KINDS] = {
    "random", "syscall", "far", "int", "segment", "pkru", "flags", "privileged",
};
/* cases of each kind per round (far and int walk their whole range) */
static const int cases_per_round[KINDS] = { 3000, 400, 0, 256, 300, 200, 200, 60 };

static uint64_t rng;
static uint64_t next_random(void)
{
    return utest_random(&rng);
}

static uint64_t hostile_value(void)
{
    static const uint64_t values[] = {
        0, 1, ~0ull, 0x7fffffffffffull, 0x7ffffffff000ull, 0x800000000000ull,
        0xffff800000000000ull, 0xffff888000000000ull, 0xffffffff80000000ull,
        0xffffffff80100000ull, 0x8000000000000000ull, 0x400000, 0x1000,
        STACK_ADDR + 0x800, STACK_ADDR + 0x801, CODE_ADDR, 0x23, 0x2b, 0x33,
    };
    uint64_t r = next_random();
    if (r % 3 == 0)
        return next_random();
    return values[(r >> 8) % (sizeof(values) / sizeof(values[0]))];
}

/* ---- a tiny x86-64 emitter ------------------------------------------------ */

static uint8_t *pc;

static void emit(int n, ...)
{
    __builtin_va_list ap;
    __builtin_va_start(ap, n);
    while (n--)
        *pc++ = (uint8_t)__builtin_va_arg(ap, int);
    __builtin_va_end(ap);
}

static void emit64(uint64_t v)
{
    for (int i = 0; i < 8; i++)
        *pc++ = (uint8_t)(v >> (8 * i));
}

/* movabs reg, imm64 (reg 0..15, Intel numbering: rax rcx rdx rbx rsp ...) */
static void mov_imm(int reg, uint64_t v)
{
    emit(2, reg >= 8 ? 0x49 : 0x48, 0xb8 + (reg & 7));
    emit64(v);
}

enum { RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI };

static void hostile_registers(void)
{
    for (int reg = 0; reg < 16; reg++)
        if (reg != RSP)
            mov_imm(reg, hostile_value());
}

/* a stack pointer that works, is misaligned, or is hostile */
static void some_stack(void)
{
    uint64_t r = next_random() % 4;
    mov_imm(RSP, r == 0 ? hostile_value() : STACK_ADDR + 0x800 + (r == 1 ? next_random() % 16 : 0));
}

static void syscall_insn(void) { emit(2, 0x0f, 0x05); }

/* ---- the cases ----------------------------------------------------------- */

static void gen_random(void)
{
    hostile_registers();
    some_stack();
    for (int i = 0, n = 8 + (int)(next_random() % 56); i < n; i++)
        *pc++ = (uint8_t)next_random();
}

static void gen_syscall(void)
{
    static const int safe[] = { 0, 1, 9, 10, 11, 12, 24, 35, 39, 60, 61, 63, 15, 158, 228,
                                34, 13, 14, 131, 218, 273, 334, 302, 7 };
    hostile_registers();
    some_stack();
    mov_imm(RAX, (uint64_t)safe[next_random() % (sizeof(safe) / sizeof(safe[0]))]);
    syscall_insn();     /* then the int3 after it */
}

/* far transfers: case n picks the selector and the form */
static void gen_far(int n)
{
    unsigned sel = n < 256 ? (unsigned)n / 4 : (unsigned)next_random() & 0xffff;
    int form = n % 4;
    uint64_t land = CODE_ADDR + 0x800;      /* an int3 waits there */

    hostile_registers();
    mov_imm(RSP, STACK_ADDR + 0x800);
    switch (form) {
    case 0:     /* ljmp *[rsp] with m16:32 */
    case 1:     /* lcall *[rsp] with m16:32 */
        mov_imm(RAX, (land & 0xffffffff) | ((uint64_t)sel << 32));
        emit(1, 0x50);                              /* push rax */
        emit(3, 0xff, form == 0 ? 0x2c : 0x1c, 0x24); /* jmp/call far [rsp] */
        break;
    case 2:     /* lretq */
        mov_imm(RAX, sel);
        emit(1, 0x50);                              /* push rax: cs */
        mov_imm(RAX, land);
        emit(1, 0x50);                              /* push rax: rip */
        emit(2, 0x48, 0xcb);                        /* lretq */
        break;
    default:    /* iretq with a hand-built frame */
        mov_imm(RAX, next_random() % 2 ? 0x23 : hostile_value() & 0xffff);
        emit(1, 0x50);                              /* ss */
        mov_imm(RAX, next_random() % 2 ? STACK_ADDR + 0x400 : hostile_value());
        emit(1, 0x50);                              /* rsp */
        mov_imm(RAX, next_random() % 2 ? 0x202 : next_random() & 0x3f7fd7);
        emit(1, 0x50);                              /* rflags */
        mov_imm(RAX, sel);
        emit(1, 0x50);                              /* cs */
        mov_imm(RAX, next_random() % 2 ? land : hostile_value());
        emit(1, 0x50);                              /* rip */
        emit(2, 0x48, 0xcf);                        /* iretq */
        break;
    }
}

static void gen_int(int n)
{
    hostile_registers();
    some_stack();
    emit(2, 0xcd, n & 0xff);
}

static void gen_segment(void)
{
    static const uint8_t modrm[] = { 0xd8, 0xc0, 0xe0, 0xe8, 0xd0 };  /* ds es fs gs ss */
    hostile_registers();
    some_stack();
    /* the null selector, user data and code, RPL variants, and noise */
    static const uint16_t selectors[] = { 0, 3, 0x20, 0x23, 0x28, 0x2b, 0x1b, 0x33, 0x08 };
    for (int i = 0, n = 1 + (int)(next_random() % 4); i < n; i++) {
        uint64_t r = next_random();
        mov_imm(RAX, r % 4 ? selectors[(r >> 8) % 9] : r >> 16);
        emit(2, 0x8e, modrm[(r >> 4) % 5]);         /* mov sreg, ax */
    }
    mov_imm(RAX, 39);                               /* getpid */
    syscall_insn();
    mov_imm(RBX, next_random() % 2 ? STACK_ADDR + 0x10 : hostile_value());
    emit(3, 0x64, 0x8b, 0x03);                      /* mov eax, fs:[rbx] */
    emit(3, 0x65, 0x8b, 0x03);                      /* mov eax, gs:[rbx] */
}

static void gen_pkru(void)
{
    hostile_registers();
    some_stack();
    switch (next_random() % 3) {
    case 0:
    case 1:
        mov_imm(RAX, next_random() % 2 ? next_random() : 0x55555555 + next_random() % 4);
        mov_imm(RCX, 0);
        mov_imm(RDX, 0);
        emit(3, 0x0f, 0x01, 0xef);                  /* wrpkru */
        mov_imm(RAX, next_random() % 2 ? 1 : 0);    /* write / read */
        mov_imm(RDI, next_random() % 3);
        mov_imm(RSI, STACK_ADDR + 0x100);
        mov_imm(RDX, 64);
        syscall_insn();
        emit(3, 0x48, 0x8b, 0x06);                  /* mov rax, [rsi] */
        emit(3, 0x48, 0x89, 0x06);                  /* mov [rsi], rax */
        break;
    default:
        mov_imm(RBX, STACK_ADDR);
        emit(4, 0x48, 0x0f, 0xae, 0x2b);            /* xrstor64 [rbx] */
        emit(3, 0x0f, 0x01, 0xd1);                  /* xsetbv */
        break;
    }
}

static void gen_flags(void)
{
    /* AC TF NT IOPL DF ID, in random combinations */
    static const uint64_t bits[] = { 1u << 18, 1u << 8, 1u << 14, 3u << 12, 1u << 10, 1u << 21 };
    uint64_t flags = 0x202;
    for (int i = 0; i < 6; i++)
        if (next_random() % 2)
            flags |= bits[i];
    hostile_registers();
    mov_imm(RSP, STACK_ADDR + 0x800 + (next_random() % 2 ? next_random() % 16 : 0));
    mov_imm(RAX, flags);
    emit(2, 0x50, 0x9d);                            /* push rax; popf */
    mov_imm(RAX, next_random() % 2 ? 39 : 24);      /* getpid, sched_yield */
    mov_imm(RDI, STACK_ADDR + 0x101);
    syscall_insn();
    emit(3, 0x48, 0x8b, 0x07);                      /* mov rax, [rdi]: misaligned */
    emit(2, 0x50, 0x58);                            /* push rax; pop rax */
}

static void gen_privileged(int n)
{
    static const uint8_t insns[][6] = {
        { 1, 0xf4 },                    /* hlt */
        { 1, 0xfa },                    /* cli */
        { 1, 0xfb },                    /* sti */
        { 2, 0xe6, 0x80 },              /* out 0x80, al */
        { 2, 0xe4, 0x60 },              /* in al, 0x60 */
        { 3, 0x0f, 0x01, 0x10 },        /* lgdt [rax] */
        { 3, 0x0f, 0x01, 0x38 },        /* invlpg [rax] */
        { 2, 0x0f, 0x30 },              /* wrmsr */
        { 3, 0x0f, 0x22, 0xd8 },        /* mov cr3, rax */
        { 3, 0x0f, 0x01, 0xf8 },        /* swapgs */
        { 5, 0xf3, 0x48, 0x0f, 0xae, 0xd0 }, /* wrfsbase rax */
        { 2, 0x0f, 0x06 },              /* clts */
        { 2, 0x0f, 0x09 },              /* wbinvd */
        { 2, 0x0f, 0x0b },              /* ud2 */
        { 3, 0x0f, 0x01, 0xca },        /* clac */
        { 3, 0x0f, 0x01, 0xcb },        /* stac */
        { 2, 0x0f, 0x07 },              /* sysret */
        { 2, 0x48, 0xcf },              /* iretq with a hostile stack */
        { 2, 0xcd, 0x80 },              /* int 0x80 */
        { 1, 0xf1 },                    /* int1 (icebp) */
    };
    const uint8_t *insn = insns[n % (sizeof(insns) / sizeof(insns[0]))];
    hostile_registers();
    some_stack();
    for (int i = 1; i <= insn[0]; i++)
        *pc++ = insn[i];
}

/* no `syscall` (0f 05) or `sysenter` (0f 34) anywhere in the page, at any
 * offset, except where a case put one on purpose */
static void defuse(uint8_t *from, uint8_t *to)
{
    for (uint8_t *p = from; p + 1 < to; p++)
        if (p[0] == 0x0f && (p[1] == 0x05 || p[1] == 0x34))
            p[0] = 0x0e;
}

static void generate(enum kind kind, int n)
{
    uint8_t *code = (uint8_t *)CODE_ADDR;

    memset(code, 0xcc, CODE_SIZE);                  /* int3 everywhere else */
    pc = code;
    switch (kind) {
    case RANDOM: gen_random(); break;
    case SYSCALL: gen_syscall(); break;
    case FAR: gen_far(n); break;
    case INTN: gen_int(n); break;
    case SEGMENT: gen_segment(); break;
    case PKRU: gen_pkru(); break;
    case FLAGS: gen_flags(); break;
    default: gen_privileged(n); break;
    }
    if (kind == RANDOM || kind == FAR || kind == INTN || kind == PRIVILEGED)
        defuse(code, code + CODE_SIZE);
}

/* ---- running a case ------------------------------------------------------- */

struct tally {
    int exited, signaled[32], killed, lost;
};

static long only_case = -1, case_number;    /* machine_fuzz SEED ROUNDS CASE */

static void child(enum kind kind, int n)
{
    uint8_t *code = mmap((void *)CODE_ADDR, CODE_SIZE, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    uint64_t *stack = mmap((void *)STACK_ADDR, 4096, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (code == MAP_FAILED || stack == MAP_FAILED)
        _exit(100);
    for (int i = 0; i < 512; i++)
        stack[i] = hostile_value();
    generate(kind, n);
    mprotect(code, CODE_SIZE, PROT_READ | PROT_EXEC);
    if (only_case >= 0) {               /* show what is about to run */
        printf("machine_fuzz: case %ld (%s %d) code:", only_case, kind_names[kind], n);
        for (int i = 0; i < 256; i++)
            printf("%s%02x", i % 32 ? " " : "\n  ", code[i]);
        printf("\n");
        fflush(stdout);
    }
    close(0);
    close(1);
    close(2);
    ((void (*)(void))code)();
    _exit(101);
}

static void run_case(enum kind kind, int n, struct tally *t)
{
    pid_t pid;
    int status;

    next_random();                  /* the child's stream differs per case */
    if (only_case >= 0 && case_number++ != only_case)
        return;                     /* skipped: the stream advances the same */
    fflush(stdout);
    pid = fork();
    if (pid == 0)
        child(kind, n);
    if (pid < 0) {
        t->lost++;
        return;
    }
    for (int i = 0; i < 3; i++) {
        if (waitpid(pid, &status, WNOHANG) == pid)
            goto ended;
        if (i == 0)
            sched_yield();
        else
            nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
    }
    kill(pid, SIGKILL);             /* it loops */
    if (waitpid(pid, &status, 0) != pid) {
        t->lost++;
        return;
    }
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
        t->killed++;
        return;
    }
ended:
    if (WIFEXITED(status))
        t->exited++;
    else if (WIFSIGNALED(status))
        t->signaled[WTERMSIG(status) & 31]++;
    else
        t->lost++;
}

int main(int argc, char **argv)
{
    prefault_program();     /* its own text: in before anything is counted */
    struct usmm_meminfo m;
    struct tally total = { 0 };
    uint64_t free_before, free_after;
    uint64_t seed = argc > 1 ? strtoul(argv[1], NULL, 0) : 1;
    long rounds = argc > 2 ? strtol(argv[2], NULL, 0) : 1, cases = 0;

    if (argc > 3)
        only_case = strtol(argv[3], NULL, 0);

    rng = 0x9e3779b97f4a7c15ull ^ (seed * 0x2545f4914f6cdd1dull);
    usmm_meminfo(&m);
    free_before = m.free_pages;
    for (long round = 0; round < rounds; round++) {
        for (int kind = 0; kind < KINDS; kind++) {
            struct tally t = { 0 };
            int n = kind == FAR ? 256 + 16 : cases_per_round[kind];
            for (int i = 0; i < n; i++)
                run_case((enum kind)kind, i, &t);
            cases += n;
            if (round == 0 || rounds <= 10)
                printf("machine_fuzz: %-10s %4d cases: %d exited, %d SIGSEGV, %d SIGILL, "
                       "%d SIGTRAP, %d SIGBUS, %d SIGFPE, %d looped, %d lost\n",
                       kind_names[kind], n, t.exited, t.signaled[SIGSEGV], t.signaled[SIGILL],
                       t.signaled[SIGTRAP], t.signaled[SIGBUS], t.signaled[SIGFPE], t.killed,
                       t.lost);
            total.lost += t.lost;
        }
    }
    usmm_meminfo(&m);
    free_after = m.free_pages;
    printf("machine_fuzz: seed %lu, %ld rounds, %ld cases\n", (unsigned long)seed, rounds, cases);
    EXPECT_EQ("every_machine_state_child_ended", 0, total.lost);
    EXPECT_EQ("check_mm_after_machine_fuzzing", 0, usmm_check_mm(0));
    EXPECT_EQ("free_memory_comes_back_after_machine_fuzzing", free_before, free_after);
    EXPECT_EXIT("fork_still_works_after_machine_fuzzing", 3, _exit(3));
    return utest_finish();
}
