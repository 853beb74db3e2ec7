/*
 * arch/x86_64/start.c - the first C code.  boot.asm calls arch_start() on
 * the boot stack, in the higher half, with the boot page tables.
 */
#include <arch/boot_info.h>
#include <arch/context.h>
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <arch/kernel_entry.h>
#include <arch/poweroff.h>
#include <arch/printk.h>
#include <arch/serial.h>
#include <arch/trap.h>

static struct boot_info boot_info;

__attribute__((noreturn)) void arch_start(uint32_t magic, uint32_t info_phys);

void arch_start(uint32_t magic, uint32_t info_phys)
{
    serial_init();
    if (boot_info_parse(&boot_info, magic, info_phys) < 0) {
        printk("boot: not started by a multiboot loader (magic 0x%x); "
               "boot with QEMU -kernel or GRUB\n", magic);
        arch_poweroff(POWEROFF_PANIC);
    }
    cpu_detect_features();
    cpu_enable_features();
    gdt_init();
    idt_init();
    fpu_init();
    kernel_main(&boot_info);
}
