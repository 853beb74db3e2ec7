; arch/x86_64/syscall_entry.asm - the `syscall` instruction lands here.
;
; `syscall` saves the user RIP in RCX and RFLAGS in R11, masks RFLAGS with
; MSR_FMASK (interrupts off) and jumps to MSR_LSTAR in ring 0 -- but leaves
; RSP pointing at the user stack.  We switch to the current task's kernel
; stack, build a struct trap_frame that looks like an interrupt's, and call
; syscall_trap(frame) in syscall.c.
;
; Single CPU: the user stack pointer is parked in a global for the two
; instructions it takes to switch stacks.  An SMP kernel keeps it in per-CPU
; data reached through swapgs instead.

bits 64
section .text

extern syscall_trap
global syscall_entry
global syscall_kernel_rsp
global syscall_compat_entry

USER_CS         equ 0x2b
USER_DS         equ 0x23
TRAP_SYSCALL    equ 0x100
FRAME_RIP       equ 17 * 8
FRAME_CS        equ 18 * 8
FRAME_RFLAGS    equ 19 * 8
FRAME_RSP       equ 20 * 8
FRAME_R11       equ 4 * 8
FRAME_RCX       equ 12 * 8

syscall_entry:
        mov     [rel syscall_user_rsp], rsp
        mov     rsp, [rel syscall_kernel_rsp]
        push    USER_DS                         ; ss
        push    qword [rel syscall_user_rsp]    ; rsp
        push    r11                             ; rflags
        push    USER_CS                         ; cs
        push    rcx                             ; rip
        push    0                               ; error
        push    TRAP_SYSCALL                    ; vector
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
        xor     ebp, ebp
        mov     rdi, rsp
        call    syscall_trap                    ; returns with interrupts off

        ; sysretq is only safe to a canonical user RIP in the user code
        ; segment; anything else (a frame changed by exec or a signal) goes
        ; back through iretq.  sysretq also loads RIP from RCX and RFLAGS
        ; from R11: a frame whose RCX and R11 are not those (sigreturn
        ; restoring an interrupted program, whose every register counts)
        ; goes back through iretq too, as on Linux.
        mov     rax, [rsp + FRAME_RIP]
        cmp     rax, [rsp + FRAME_RCX]
        jne     .iret
        shr     rax, 47
        jnz     .iret
        cmp     qword [rsp + FRAME_CS], USER_CS
        jne     .iret
        mov     rax, [rsp + FRAME_RFLAGS]
        cmp     rax, [rsp + FRAME_R11]
        jne     .iret
        test    rax, 0x10100                    ; RF, TF: sysret cannot restore them
        jnz     .iret

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
        mov     rcx, [rsp + 16]                 ; rip
        mov     r11, [rsp + 32]                 ; rflags
        mov     rsp, [rsp + 40]                 ; user rsp
        o64 sysret

.iret:
        extern trap_return
        mov     rdi, rsp
        jmp     trap_return

; `syscall` from 32-bit code (MSR_CSTAR).  Ring 3 cannot reach 32-bit mode
; (the GDT has no 32-bit user code segment), but should it ever, the call
; fails with -ENOSYS like Linux's kernels without ia32 emulation: RSP is
; still the user's, so touch no memory, and go straight back.
syscall_compat_entry:
        mov     eax, -38                        ; -ENOSYS
        sysret                                  ; 32-bit sysret, to EIP = ECX

section .bss
align 8
syscall_user_rsp:       resq 1
syscall_kernel_rsp:     resq 1
