; user/lib/setjmp.asm - setjmp/longjmp and sigsetjmp.
;
; A jmp_buf (<setjmp.h>) holds the registers a called function must
; preserve, then where to go back to:
;
;     0 rbx   8 rbp   16 r12   24 r13   32 r14   40 r15   48 rsp   56 rip
;     64 mask_saved (int)     72 mask (sigset_t)
;
; The saved RSP and RIP are the caller's, as they are just after setjmp
; returns, so longjmp makes setjmp return a second time.

bits 64

section .text

global setjmp, _setjmp, sigsetjmp, longjmp, _longjmp
extern __libc_save_sigmask

; int setjmp(jmp_buf env)          env in rdi
setjmp:
_setjmp:
    xor esi, esi                    ; no signal mask to save
; int sigsetjmp(sigjmp_buf env, int save_mask)
sigsetjmp:
    mov [rdi + 0], rbx
    mov [rdi + 8], rbp
    mov [rdi + 16], r12
    mov [rdi + 24], r13
    mov [rdi + 32], r14
    mov [rdi + 40], r15
    lea rdx, [rsp + 8]              ; the caller's RSP after we return
    mov [rdi + 48], rdx
    mov rdx, [rsp]                  ; our return address
    mov [rdi + 56], rdx
    mov [rdi + 64], esi
    test esi, esi
    jnz __libc_save_sigmask         ; tail call: it stores the mask, returns 0
    xor eax, eax
    ret

; void longjmp(jmp_buf env, int value)    siglongjmp is in signal.c
longjmp:
_longjmp:
    mov eax, esi
    test eax, eax
    jnz .value_ok
    mov eax, 1                      ; setjmp must not seem to return 0 again
.value_ok:
    mov rbx, [rdi + 0]
    mov rbp, [rdi + 8]
    mov r12, [rdi + 16]
    mov r13, [rdi + 24]
    mov r14, [rdi + 32]
    mov r15, [rdi + 40]
    mov rsp, [rdi + 48]
    jmp [rdi + 56]

section .note.GNU-stack noalloc noexec nowrite progbits
