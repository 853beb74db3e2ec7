; arch/x86_64/uaccess.asm - copies to and from user memory that survive a
; fault.  See arch/uaccess.h for the contract.
;
; Each instruction that may touch a bad user address has an entry in
; .ex_table: (instruction address, fixup address).  On a fault the page
; fault handler finds it there and resumes at the fixup, which returns how
; many bytes were left (rep movsb keeps the remaining count in RCX).
;
; The bulk moves 8 bytes a step (rep movsq: under QEMU's -icount each step
; counts as one instruction, as on hardware it costs about one), the tail
; byte by byte.  When a step of 8 faults, the rest is retried a byte at a
; time from the same place, so the count left over is exact.

bits 64
section .text
global arch_copy_from_user, arch_copy_to_user, arch_clear_user
global arch_strncpy_from_user
global uaccess_smap_enabled

%macro USER_ACCESS_BEGIN 0
        cmp     byte [rel uaccess_smap_enabled], 0
        je      %%no_smap
        stac
%%no_smap:
%endmacro

%macro USER_ACCESS_END 0
        cmp     byte [rel uaccess_smap_enabled], 0
        je      %%no_smap
        clac
%%no_smap:
%endmacro

; size_t arch_copy_from_user(void *dst, const void *user_src, size_t n)
; size_t arch_copy_to_user(void *user_dst, const void *src, size_t n)
; (same code: RDI destination, RSI source, RDX count)
arch_copy_from_user:
arch_copy_to_user:
        mov     rcx, rdx
        shr     rcx, 3                  ; quadwords
        and     edx, 7                  ; and the bytes after them
        USER_ACCESS_BEGIN
.copy8:
        rep movsq
        mov     rcx, rdx
.copy:
        rep movsb
.copy_done:
        USER_ACCESS_END
        mov     rax, rcx
        ret
.copy8_fault:                           ; RSI/RDI at the quadword that faulted
        lea     rcx, [rdx + rcx * 8]
        jmp     .copy

; size_t arch_clear_user(void *user_dst, size_t n)
arch_clear_user:
        mov     rcx, rsi
        shr     rcx, 3
        and     esi, 7
        xor     eax, eax
        USER_ACCESS_BEGIN
.clear8:
        rep stosq
        mov     rcx, rsi
.clear:
        rep stosb
.clear_done:
        USER_ACCESS_END
        mov     rax, rcx
        ret
.clear8_fault:
        lea     rcx, [rsi + rcx * 8]
        jmp     .clear

; long arch_strncpy_from_user(char *dst, const char *user_src, size_t max)
arch_strncpy_from_user:
        xor     eax, eax                ; length so far
        USER_ACCESS_BEGIN
.next:
        cmp     rax, rdx
        je      .done
.load:
        mov     cl, [rsi + rax]
        mov     [rdi + rax], cl
        test    cl, cl
        jz      .done
        inc     rax
        jmp     .next
.done:
        USER_ACCESS_END
        ret
.fault:
        USER_ACCESS_END
        mov     rax, -1
        ret

section .ex_table
        dq      arch_copy_to_user.copy8, arch_copy_to_user.copy8_fault
        dq      arch_copy_to_user.copy, arch_copy_to_user.copy_done
        dq      arch_clear_user.clear8, arch_clear_user.clear8_fault
        dq      arch_clear_user.clear, arch_clear_user.clear_done
        dq      arch_strncpy_from_user.load, arch_strncpy_from_user.fault

section .data
uaccess_smap_enabled:   db 0
