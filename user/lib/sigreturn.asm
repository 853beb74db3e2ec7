; user/lib/sigreturn.asm - __restore_rt, where a signal handler returns.
;
; sigaction() passes it to the kernel as sa_restorer with SA_RESTORER, so
; the kernel pushes its address as the handler's return address.  When the
; handler returns, rt_sigreturn (15) restores the registers and signal mask
; the kernel saved in the signal frame, and the interrupted code goes on.

bits 64

section .text

global __restore_rt

__restore_rt:
    mov eax, 15                     ; SYS_rt_sigreturn
    syscall
    ud2                             ; rt_sigreturn does not return here

section .note.GNU-stack noalloc noexec nowrite progbits
