/*
 * arch/x86_64/multiboot.c - copy what a multiboot 1 (QEMU -kernel) or
 * multiboot 2 (GRUB) loader left in memory into a struct boot_info.
 *
 * The loader's structures sit in low physical memory that the allocators
 * will soon hand out, so everything is copied now.  They are read through
 * the boot direct map, which covers the first 1 GiB (boot.asm).
 */
#include <arch/boot_info.h>
#include <arch/memlayout.h>
#include <lib/string.h>

#define MB1_BOOTLOADER_MAGIC 0x2BADB002u
#define MB2_BOOTLOADER_MAGIC 0x36d76289u
#define BOOT_MAP_LIMIT       (1ul << 30)

#define MB1_INFO_CMDLINE   (1u << 2)
#define MB1_INFO_MMAP      (1u << 6)
#define MB1_INFO_LOADER    (1u << 9)

struct mb1_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
    uint32_t drives_length, drives_addr;
    uint32_t config_table;
    uint32_t boot_loader_name;
} __attribute__((packed));

struct mb1_mmap_entry {
    uint32_t size;          /* of the rest of the entry */
    uint64_t base;
    uint64_t length;
    uint32_t type;
} __attribute__((packed));

struct mb2_tag {
    uint32_t type;
    uint32_t size;
};

#define MB2_TAG_END     0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_LOADER  2
#define MB2_TAG_MMAP    6

struct mb2_mmap {
    uint32_t type, size;
    uint32_t entry_size, entry_version;
};

struct mb2_mmap_entry {
    uint64_t base;
    uint64_t length;
    uint32_t type;
    uint32_t reserved;
};


const char *mem_type_name(uint32_t type)
{
    switch (type) {
    case MEM_USABLE: return "usable";
    case MEM_RESERVED: return "reserved";
    case MEM_ACPI_RECLAIMABLE: return "ACPI data";
    case MEM_ACPI_NVS: return "ACPI NVS";
    case MEM_BAD: return "bad RAM";
    default: return "unknown";
    }
}

/* low_ptr: a pointer to physical memory the boot tables map, or NULL. */
static const void *low_ptr(uint64_t pa)
{
    return pa && pa < BOOT_MAP_LIMIT ? phys_to_virt(pa) : NULL;
}

static void copy_string(char *dst, size_t size, uint64_t pa)
{
    const char *s = low_ptr(pa);
    if (s)
        strlcpy(dst, s, size);
}

static void add_region(struct boot_info *bi, uint64_t base, uint64_t length, uint32_t type)
{
    if (bi->nregions == BOOT_MAX_REGIONS || length == 0)
        return;
    if (type < MEM_USABLE || type > MEM_BAD)
        type = MEM_RESERVED;
    bi->regions[bi->nregions++] = (struct mem_region){ base, length, type };
}

/* drop_first_word: QEMU's multiboot 1 loader puts the kernel's file name
 * before the command line proper ("build/phase1/kernel32.elf quiet"). */
static void drop_first_word(char *s)
{
    size_t n = 0;
    while (s[n] && s[n] != ' ')
        n++;
    while (s[n] == ' ')
        n++;
    memmove(s, s + n, strlen(s + n) + 1);
}

static void parse_mb1(struct boot_info *bi, const struct mb1_info *mb)
{
    bi->multiboot_version = 1;
    if (mb->flags & MB1_INFO_LOADER)
        copy_string(bi->loader_name, sizeof(bi->loader_name), mb->boot_loader_name);
    if (mb->flags & MB1_INFO_CMDLINE) {
        copy_string(bi->cmdline, sizeof(bi->cmdline), mb->cmdline);
        if (strncmp(bi->loader_name, "qemu", 4) == 0)
            drop_first_word(bi->cmdline);
    }
    if (mb->flags & MB1_INFO_MMAP) {
        uint64_t p = mb->mmap_addr, end = p + mb->mmap_length;
        while (p < end) {
            const struct mb1_mmap_entry *e = low_ptr(p);
            if (!e)
                break;
            add_region(bi, e->base, e->length, e->type);
            p += e->size + sizeof(e->size);
        }
    }
}

static void parse_mb2_mmap(struct boot_info *bi, const struct mb2_mmap *m)
{
    const uint8_t *p = (const uint8_t *)(m + 1);
    const uint8_t *end = (const uint8_t *)m + m->size;
    for (; p + m->entry_size <= end; p += m->entry_size) {
        const struct mb2_mmap_entry *e = (const struct mb2_mmap_entry *)p;
        add_region(bi, e->base, e->length, e->type);
    }
}

static void parse_mb2(struct boot_info *bi, const uint8_t *info)
{
    uint32_t total = *(const uint32_t *)info;
    const uint8_t *p = info + 8, *end = info + total;

    bi->multiboot_version = 2;
    while (p + sizeof(struct mb2_tag) <= end) {
        const struct mb2_tag *tag = (const struct mb2_tag *)p;
        if (tag->type == MB2_TAG_END)
            break;
        if (tag->type == MB2_TAG_CMDLINE)
            strlcpy(bi->cmdline, (const char *)(tag + 1), sizeof(bi->cmdline));
        else if (tag->type == MB2_TAG_LOADER)
            strlcpy(bi->loader_name, (const char *)(tag + 1), sizeof(bi->loader_name));
        else if (tag->type == MB2_TAG_MMAP)
            parse_mb2_mmap(bi, (const struct mb2_mmap *)tag);
        p += (tag->size + 7) & ~7u;
    }
}

int boot_info_parse(struct boot_info *bi, uint32_t magic, uint32_t info_phys)
{
    const void *info = low_ptr(info_phys);

    memset(bi, 0, sizeof(*bi));
    bi->kernel_phys_start = (uint64_t)__kernel_phys_start;
    bi->kernel_phys_end = (uint64_t)__kernel_phys_end;
    strlcpy(bi->loader_name, "(unnamed loader)", sizeof(bi->loader_name));
    if (!info)
        return -1;
    if (magic == MB1_BOOTLOADER_MAGIC)
        parse_mb1(bi, info);
    else if (magic == MB2_BOOTLOADER_MAGIC)
        parse_mb2(bi, info);
    else
        return -1;
    return 0;
}
