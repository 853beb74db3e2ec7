; arch/x86_64/switch.asm - switch from one kernel stack to another.
;
; void arch_switch_stack(uint64_t *save_rsp, uint64_t next_rsp)
;
; Saves the callee-saved registers and RFLAGS (so each task keeps its own
; interrupt flag) on the current stack, stores RSP in *save_rsp, loads
; next_rsp and pops the same things in reverse.  The `ret` then continues
; wherever the next task called arch_switch_stack -- or, for a new task, at
; the entry address arch_context_init() placed on its stack.

bits 64
section .text
global arch_switch_stack

arch_switch_stack:
        pushfq
        push    rbp
        push    rbx
        push    r12
        push    r13
        push    r14
        push    r15
        mov     [rdi], rsp
        mov     rsp, rsi
        pop     r15
        pop     r14
        pop     r13
        pop     r12
        pop     rbx
        pop     rbp
        popfq
        ret
