/*
 * arch/x86_64/poweroff.c - stop the machine and hand a status to the host.
 * See arch/poweroff.h for the protocol.
 */
#include <arch/cpu.h>
#include <arch/poweroff.h>
#include <arch/printk.h>

#define QEMU_DEBUG_EXIT_PORT 0xf4
#define ACPI_PM1A_CNT_QEMU   0x604   /* QEMU's i440fx/q35 ACPI power-off */
#define ACPI_PM1A_CNT_BOCHS  0xb004  /* Bochs's (and old QEMU's) */
#define ACPI_SLP_EN_S5       0x2000

void arch_poweroff(int status)
{
    irq_disable();
    printk("poweroff: status %d\n", status);
    outl(QEMU_DEBUG_EXIT_PORT, (uint32_t)status);
    bochs_magic_break();
    outw(ACPI_PM1A_CNT_QEMU, ACPI_SLP_EN_S5);
    outw(ACPI_PM1A_CNT_BOCHS, ACPI_SLP_EN_S5);
    for (;;)
        __asm__ volatile("cli; hlt");
}
