; boot/boot.asm - from the boot loader to the higher-half C kernel.
;
; A multiboot loader (QEMU -kernel speaks multiboot 1, GRUB multiboot 2) enters
; _start in 32-bit protected mode with paging off, EAX = the loader's magic and
; EBX = the physical address of its information structure.  This file:
;
;   1. checks that the CPU can run 64-bit code at all (CPUID, long mode);
;   2. builds the boot page tables below: enough to run at the physical load
;      address, at the kernel's link address and in the direct map;
;   3. turns on PAE, long mode (and NX when the CPU has it) and paging;
;   4. jumps to 64-bit code, then to the higher half, and calls
;      arch_start(magic, info_phys) in arch/x86_64/start.c.
;
; Boot page tables (all 2 MiB pages, the first 1 GiB of physical memory):
;
;   virtual 0x0000000000000000 +1G -> phys 0   identity: the code here runs at
;                                              its physical address
;   virtual 0xffff800000000000 +1G -> phys 0   start of the direct map
;   virtual 0xffffffff80000000 +1G -> phys 0   the kernel image (-mcmodel=kernel)
;
; The C kernel replaces these tables with its own (mm/kernel_map.c)
; as soon as it knows how much memory there is.

MB1_MAGIC       equ 0x1BADB002
MB1_FLAGS       equ 0x00000003          ; page-align modules, give a memory map
MB2_MAGIC       equ 0xE85250D6
MB2_ARCH_I386   equ 0

KERNEL_VMA      equ 0xffffffff80000000

CR0_PG          equ 1 << 31
CR0_WP          equ 1 << 16
CR4_PAE         equ 1 << 5
MSR_EFER        equ 0xC0000080
EFER_LME        equ 1 << 8
EFER_NXE        equ 1 << 11

PTE_PRESENT     equ 1 << 0
PTE_WRITE       equ 1 << 1
PTE_HUGE        equ 1 << 7

COM1            equ 0x3F8

; ---------------------------------------------------------------------------
; Both multiboot headers: the version 1 header must sit in the first 8 KiB of
; the file, the version 2 header in the first 32 KiB, 8-byte aligned.  The
; linker script puts this section first.
section .multiboot
align 4
mb1_header:
        dd MB1_MAGIC
        dd MB1_FLAGS
        dd -(MB1_MAGIC + MB1_FLAGS)

align 8
mb2_header:
        dd MB2_MAGIC
        dd MB2_ARCH_I386
        dd mb2_header_end - mb2_header
        dd -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
        ; end tag: type 0, flags 0, size 8
        dw 0
        dw 0
        dd 8
mb2_header_end:

; ---------------------------------------------------------------------------
; 32-bit code, linked and run at its physical address.
section .boot.text
bits 32

global _start
_start:
        cli
        cld
        mov     esp, boot32_stack_top
        mov     [boot_magic], eax
        mov     [boot_info], ebx

        call    check_long_mode
        call    build_boot_page_tables

        mov     eax, cr4
        or      eax, CR4_PAE
        mov     cr4, eax

        mov     eax, boot_pml4
        mov     cr3, eax

        ; EFER: long mode, and no-execute when CPUID 0x80000001 EDX bit 20 says so
        mov     eax, 0x80000001
        cpuid
        mov     esi, edx
        mov     ecx, MSR_EFER
        rdmsr
        or      eax, EFER_LME
        test    esi, 1 << 20
        jz      .no_nx
        or      eax, EFER_NXE
.no_nx:
        wrmsr

        mov     eax, cr0
        or      eax, CR0_PG | CR0_WP
        mov     cr0, eax

        lgdt    [boot_gdt_pointer]
        jmp     0x08:long_mode_entry

; check_long_mode: CPUID must exist, must have extended leaf 0x80000001, and
; that leaf must report long mode (EDX bit 29).  Otherwise say so and stop.
check_long_mode:
        pushfd
        pop     eax
        mov     ecx, eax
        xor     eax, 1 << 21                    ; try to flip EFLAGS.ID
        push    eax
        popfd
        pushfd
        pop     eax
        push    ecx
        popfd
        cmp     eax, ecx
        je      .fail
        mov     eax, 0x80000000
        cpuid
        cmp     eax, 0x80000001
        jb      .fail
        mov     eax, 0x80000001
        cpuid
        test    edx, 1 << 29
        jz      .fail
        ret
.fail:
        mov     esi, no_long_mode_msg
        call    serial_puts32
.halt:
        hlt
        jmp     .halt

; serial_puts32: write the NUL-terminated string at ESI to COM1 (polled).
serial_puts32:
        mov     dx, COM1 + 5
.wait:
        in      al, dx
        test    al, 0x20
        jz      .wait
        lodsb
        test    al, al
        jz      .done
        mov     dx, COM1
        out     dx, al
        mov     dx, COM1 + 5
        jmp     .wait
.done:
        ret

; build_boot_page_tables: fill the tables described at the top of the file.
build_boot_page_tables:
        ; zero all four tables (they live in .boot.bss, which a loader may
        ; leave uninitialised)
        mov     edi, boot_pml4
        mov     ecx, (4 * 4096) / 4
        xor     eax, eax
        rep stosd

        mov     eax, boot_pdpt_low
        or      eax, PTE_PRESENT | PTE_WRITE
        mov     [boot_pml4 + 0 * 8], eax        ; identity
        mov     [boot_pml4 + 256 * 8], eax      ; direct map (0xffff800000000000)
        mov     eax, boot_pdpt_high
        or      eax, PTE_PRESENT | PTE_WRITE
        mov     [boot_pml4 + 511 * 8], eax      ; kernel image

        mov     eax, boot_pd
        or      eax, PTE_PRESENT | PTE_WRITE
        mov     [boot_pdpt_low + 0 * 8], eax
        mov     [boot_pdpt_high + 510 * 8], eax ; 0xffffffff80000000

        mov     edi, boot_pd
        mov     eax, PTE_PRESENT | PTE_WRITE | PTE_HUGE
        mov     ecx, 512
.fill:
        mov     [edi], eax
        add     eax, 0x200000
        add     edi, 8
        loop    .fill
        ret

; ---------------------------------------------------------------------------
bits 64
long_mode_entry:
        mov     ax, 0x10
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        xor     ax, ax
        mov     fs, ax
        mov     gs, ax
        mov     rax, higher_half_entry
        jmp     rax

section .boot.rodata
no_long_mode_msg:
        db      "boot: this CPU cannot run 64-bit code (no long mode); stopping.", 13, 10, 0

align 8
boot_gdt:
        dq      0                               ; null
        dq      0x00209A0000000000              ; 0x08: 64-bit kernel code
        dq      0x0000920000000000              ; 0x10: kernel data
boot_gdt_end:
boot_gdt_pointer:
        dw      boot_gdt_end - boot_gdt - 1
        dd      boot_gdt

section .boot.data
global boot_magic, boot_info
align 4
boot_magic:     dd 0
boot_info:      dd 0

section .boot.bss nobits
align 4096
global boot_pml4
boot_pml4:      resb 4096
boot_pdpt_low:  resb 4096
boot_pdpt_high: resb 4096
boot_pd:        resb 4096
                resb 1024
boot32_stack_top:

; ---------------------------------------------------------------------------
; 64-bit code at the kernel's link address.
section .text
extern arch_start
extern __bss_start, __bss_end
higher_half_entry:
        ; zero .bss (the boot stack is in it, still unused): loaders
        ; usually do, but the multiboot specifications do not promise it
        mov     rdi, __bss_start
        mov     rcx, __bss_end
        sub     rcx, rdi
        shr     rcx, 3
        xor     eax, eax
        rep stosq
        mov     rsp, boot_stack_top
        xor     rbp, rbp                        ; backtraces stop here
        mov     edi, [boot_magic]
        mov     esi, [boot_info]
        call    arch_start
.halt:
        cli
        hlt
        jmp     .halt

section .bss
align 16
global boot_stack_bottom, boot_stack_top
boot_stack_bottom:
        resb    16384
boot_stack_top:
