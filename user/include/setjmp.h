/*
 * <setjmp.h> - non-local jumps (user/lib/setjmp.asm).  A SIGSEGV handler
 * may leave with siglongjmp() to a sigsetjmp(env, 1) point, which also
 * restores the signal mask the handler ran with.
 */
#ifndef _SETJMP_H
#define _SETJMP_H

struct __jmp_buf {
    unsigned long regs[8];      /* rbx rbp r12 r13 r14 r15 rsp rip */
    int mask_saved;
    unsigned long mask;
};
typedef struct __jmp_buf jmp_buf[1];
typedef struct __jmp_buf sigjmp_buf[1];

int setjmp(jmp_buf env) __attribute__((returns_twice));
void longjmp(jmp_buf env, int value) __attribute__((noreturn));
int sigsetjmp(sigjmp_buf env, int save_mask) __attribute__((returns_twice));
void siglongjmp(sigjmp_buf env, int value) __attribute__((noreturn));
int _setjmp(jmp_buf env) __attribute__((returns_twice));
void _longjmp(jmp_buf env, int value) __attribute__((noreturn));

#endif
