; arch/x86_64/trap_entry.asm - the first instructions of every interrupt and
; exception, and the way back out (see struct trap_frame in arch/trap.h).
;
; Each of the 256 stubs pushes an error code (0 when the CPU pushed none) and
; its vector, then jumps to trap_common, which saves the general registers
; and calls trap_dispatch(frame) in trap.c.

bits 64
section .text

extern trap_dispatch
global trap_stubs, trap_return, trap_return_to_frame, trap_iret

; vectors for which the CPU pushes an error code itself
%define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

%macro TRAP_STUB 1
align 16
trap_stub_%1:
%if HAS_ERROR(%1) == 0
        push    0
%endif
        push    %1
        jmp     trap_common
%endmacro

%assign v 0
%rep 256
        TRAP_STUB v
%assign v v + 1
%endrep

; push_registers / pop_registers: the order matches struct trap_frame
%macro PUSH_REGISTERS 0
        push    rax
        push    rbx
        push    rcx
        push    rdx
        push    rsi
        push    rdi
        push    rbp
        push    r8
        push    r9
        push    r10
        push    r11
        push    r12
        push    r13
        push    r14
        push    r15
%endmacro

%macro POP_REGISTERS 0
        pop     r15
        pop     r14
        pop     r13
        pop     r12
        pop     r11
        pop     r10
        pop     r9
        pop     r8
        pop     rbp
        pop     rdi
        pop     rsi
        pop     rdx
        pop     rcx
        pop     rbx
        pop     rax
%endmacro

trap_common:
        PUSH_REGISTERS
        ; the kernel's own RFLAGS, whatever ring 3 left in them: a gate
        ; clears only TF, NT, RF, VM (and IF), and an emulator may let worse
        ; through (under QEMU, random ring-3 code set VM, IOPL and reserved
        ; bits: docs/security.md).
        ; Known flags: DF clear, AC clear (a trap taken inside copy_to_user
        ; must not run its handler with SMAP off), IOPL 0, NT 0, IF off.
        ; iretq restores the interrupted code's own flags.
        push    2
        popfq
        xor     ebp, ebp                ; backtraces end at the trap
        mov     rdi, rsp
        call    trap_dispatch
trap_return_to_frame:
        POP_REGISTERS
        add     rsp, 16                 ; vector and error code
        ; the one iretq of the kernel.  Back to ring 3 it can fault in ring 0
        ; (#GP for a bad selector, or on Intel a non-canonical RIP); then
        ; trap.c's bad_iret() turns the fault into the user's (see there)
trap_iret:
        iretq

; trap_return(struct trap_frame *tf): continue at the state in tf (which
; must be on the current kernel stack).  Used to enter a new process.
trap_return:
        mov     rsp, rdi
        jmp     trap_return_to_frame

section .rodata
align 8
trap_stubs:
%assign v 0
%rep 256
        dq      trap_stub_ %+ v
%assign v v + 1
%endrep
