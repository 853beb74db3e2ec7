/*
 * uapi/sigcontext.h - what a signal handler finds on its stack (Linux's
 * x86-64 layout, which musl's <signal.h> and <ucontext.h> describe too),
 * and the structures of rt_sigaction and sigaltstack.
 *
 * The rt signal frame, as setup_rt_frame() writes it (higher addresses up):
 *
 *            +------------------------------+ <- the interrupted rsp
 *            | red zone (128 bytes, skipped)|    (or the top of the alt stack)
 *            +------------------------------+
 *            | FPU/SSE state (fxsave, 512)  | <- uc_mcontext.fpstate, 64-aligned
 *            +------------------------------+
 *            | struct siginfo     (128)     | <- rsi (SA_SIGINFO's 2nd argument)
 *            | struct ucontext    (304)     | <- rdx (3rd argument)
 *            |   uc_flags, uc_link, uc_stack|
 *            |   uc_mcontext (sigcontext)   |
 *            |   uc_sigmask (mask to restore)
 *            | return address = sa_restorer | <- rsp at handler entry: rsp+8
 *            +------------------------------+    is 16-byte aligned
 *
 * The handler's `ret` pops sa_restorer, which calls rt_sigreturn with rsp
 * pointing at the ucontext; the kernel checks and restores it from there.
 */
#ifndef UAPI_SIGCONTEXT_H
#define UAPI_SIGCONTEXT_H

#include <stdint.h>

/* sa_flags (Linux x86-64) */
#define SA_NOCLDSTOP  0x00000001u
#define SA_NOCLDWAIT  0x00000002u
#define SA_SIGINFO    0x00000004u
#define SA_RESTORER   0x04000000u
#define SA_ONSTACK    0x08000000u
#define SA_RESTART    0x10000000u
#define SA_NODEFER    0x40000000u
#define SA_RESETHAND  0x80000000u

#define SIG_DFL_HANDLER 0ul
#define SIG_IGN_HANDLER 1ul

/* The kernel's struct sigaction (rt_sigaction), 32 bytes. */
struct k_sigaction {
    uint64_t handler;       /* SIG_DFL (0), SIG_IGN (1) or a function */
    uint64_t flags;         /* SA_* */
    uint64_t restorer;      /* where the handler returns: calls rt_sigreturn */
    uint64_t mask;          /* blocked while the handler runs (8-byte sigset) */
};

/* sigaltstack */
#define SS_ONSTACK     1
#define SS_DISABLE     2
#define SS_AUTODISARM  (1u << 31)
#define MINSIGSTKSZ    2048

struct user_stack {         /* stack_t, 24 bytes */
    uint64_t ss_sp;
    int32_t ss_flags;
    int32_t pad;
    uint64_t ss_size;
};

/* struct sigcontext: uc_mcontext.  gregs[REG_*] index the first 23 words. */
struct sigcontext {
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;      /* REG_R8 .. REG_R15 = 0..7 */
    uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp;    /* 8 .. 15 */
    uint64_t rip, eflags;                               /* REG_RIP 16, REG_EFL 17 */
    uint16_t cs, gs, fs, ss;                            /* REG_CSGSFS 18 */
    uint64_t err, trapno, oldmask, cr2;                 /* REG_ERR 19 .. REG_CR2 22 */
    uint64_t fpstate;                                   /* user address of the FPU area */
    uint64_t reserved1[8];
};

#define UC_FP_XSTATE          0x1
#define UC_SIGCONTEXT_SS      0x2
#define UC_STRICT_RESTORE_SS  0x4

struct ucontext {
    uint64_t uc_flags;
    uint64_t uc_link;
    struct user_stack uc_stack;
    struct sigcontext uc_mcontext;
    uint64_t uc_sigmask;
};

/* siginfo_t, 128 bytes; the fields this kernel fills. */
struct siginfo {
    int32_t si_signo, si_errno, si_code, pad0;
    union {
        struct { int32_t pid, uid; } kill;          /* SI_USER, SI_TKILL */
        struct {
            int32_t pid, uid, status, pad1;
            int64_t utime, stime;
        } chld;                                     /* SIGCHLD: CLD_* */
        struct {
            uint64_t addr;                          /* si_addr */
            int16_t addr_lsb;
            int16_t pad1[3];
            uint32_t pkey;                          /* si_pkey (SEGV_PKUERR) */
        } fault;
        uint8_t bytes[112];
    };
};

/* The FPU area: fxsave's 512 bytes, 64-byte aligned in the frame.  PKRU
 * travels in the software-reserved bytes at FP_PKRU_OFFSET (Linux keeps it
 * in the XSAVE area's PKRU component instead; see docs/linux-differences.md). */
#define FP_STATE_SIZE   512
#define FP_MXCSR_OFFSET 24
#define FP_PKRU_OFFSET  508

struct rt_sigframe {
    uint64_t pretcode;          /* sa_restorer */
    struct ucontext uc;
    struct siginfo info;
};

#endif
