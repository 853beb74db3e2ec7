/*
 * arch/boot_info.h - what the boot loader told us, copied out of its
 * multiboot 1 or multiboot 2 structures by arch/x86_64/multiboot.c before
 * anything can overwrite them.
 */
#ifndef ARCH_BOOT_INFO_H
#define ARCH_BOOT_INFO_H

#include <stdint.h>

#define BOOT_MAX_REGIONS 64
#define BOOT_CMDLINE_MAX 1024

enum mem_type {
    MEM_USABLE = 1,
    MEM_RESERVED = 2,
    MEM_ACPI_RECLAIMABLE = 3,
    MEM_ACPI_NVS = 4,
    MEM_BAD = 5,
};

struct mem_region {
    uint64_t base;
    uint64_t length;
    uint32_t type; /* enum mem_type */
};

struct boot_info {
    int multiboot_version;           /* 1 (QEMU -kernel) or 2 (GRUB) */
    char loader_name[64];
    char cmdline[BOOT_CMDLINE_MAX];
    struct mem_region regions[BOOT_MAX_REGIONS];
    int nregions;
    uint64_t kernel_phys_start;      /* the loaded image, boot tables included */
    uint64_t kernel_phys_end;
};

/* boot_info_parse: copy the loader's information at physical `info_phys`.
 * Returns 0, or a negative value when `magic` is from no multiboot loader. */
int boot_info_parse(struct boot_info *bi, uint32_t magic, uint32_t info_phys);

const char *mem_type_name(uint32_t type);

#endif
