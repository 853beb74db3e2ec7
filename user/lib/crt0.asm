; user/lib/crt0.asm - _start, where every user program begins.
;
; The kernel enters here in ring 3 with RSP 16-byte aligned and pointing at:
;
;     [rsp]                    argc
;     [rsp + 8]                argv[0] ... argv[argc - 1], NULL
;     after it                 envp[0] ... NULL
;     after it                 the auxiliary vector: (type, value) pairs up to AT_NULL
;
; _start records environ and the auxiliary vector, runs the constructors
; (.preinit_array and .init_array: the test harness registers its tests
; with them), calls main(argc, argv, envp) and hands its result to exit(),
; which runs the atexit handlers and flushes stdio.

bits 64
default rel

section .text

global _start
extern main
extern exit
extern environ
extern __libc_auxv
extern __preinit_array_start, __preinit_array_end
extern __init_array_start, __init_array_end

_start:
    xor ebp, ebp                    ; the outermost frame: backtraces end here
    mov r12, [rsp]                  ; argc       (r12-r15 survive calls)
    lea r13, [rsp + 8]              ; argv
    lea r14, [r13 + r12 * 8 + 8]    ; envp: just past argv's NULL
    mov [environ], r14

    mov rax, r14                    ; the auxiliary vector: past envp's NULL
.skip_env:
    mov rcx, [rax]
    add rax, 8
    test rcx, rcx
    jnz .skip_env
    mov [__libc_auxv], rax

    ; RSP is still 16-byte aligned, as each call below needs
    mov rbx, __preinit_array_start
    mov r15, __preinit_array_end
    call run_constructors
    mov rbx, __init_array_start
    mov r15, __init_array_end
    call run_constructors

    mov edi, r12d                   ; main(argc, argv, envp)
    mov rsi, r13
    mov rdx, r14
    call main
    mov edi, eax
    call exit
    ud2                             ; exit() does not return

; run_constructors: call each function pointer in [rbx, r15).  Entered by
; a call, so RSP is 8 off alignment: the push restores it.
run_constructors:
    push rbp
.next:
    cmp rbx, r15
    jae .done
    call [rbx]
    add rbx, 8
    jmp .next
.done:
    pop rbp
    ret

section .note.GNU-stack noalloc noexec nowrite progbits
