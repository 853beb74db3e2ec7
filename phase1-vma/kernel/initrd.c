/*
 * phase1-vma/kernel/initrd.c - reading the cpio "newc" archive linked into
 * the kernel (see kernel/initrd.h).
 *
 * Each entry is a 110-byte ASCII header ("070701", then 13 eight-digit
 * hex fields), the NUL-terminated name, padding to 4 bytes, the data,
 * padding to 4 bytes.  The entry named TRAILER!!! ends the archive.
 */
#include <kernel/initrd.h>
#include <lib/string.h>
#include <stdbool.h>
#include <uapi/errno.h>

extern const uint8_t initrd_start[], initrd_end[];

#define CPIO_HEADER_SIZE 110
#define CPIO_FIELD_MODE     1
#define CPIO_FIELD_FILESIZE 6
#define CPIO_FIELD_NAMESIZE 11

/* hex_field: field `index` (0-based, after the magic) of a header. */
static uint64_t hex_field(const uint8_t *header, int index)
{
    const uint8_t *p = header + 6 + index * 8;
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) {
        uint8_t c = p[i];
        v = v * 16 + (c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0');
    }
    return v;
}

static uint64_t align4(uint64_t n)
{
    return (n + 3) & ~3ul;
}

struct cpio_entry {
    const char *name;
    const uint8_t *data;
    uint64_t size;
    uint32_t mode;
};

/* next_entry: parse the entry at *offset; false at the end or on damage. */
static bool next_entry(uint64_t *offset, struct cpio_entry *e)
{
    uint64_t total = (uint64_t)(initrd_end - initrd_start);
    const uint8_t *h = initrd_start + *offset;
    uint64_t namesize, data_offset;

    if (*offset + CPIO_HEADER_SIZE > total || memcmp(h, "070701", 6) != 0)
        return false;
    namesize = hex_field(h, CPIO_FIELD_NAMESIZE);
    e->size = hex_field(h, CPIO_FIELD_FILESIZE);
    e->mode = (uint32_t)hex_field(h, CPIO_FIELD_MODE);
    e->name = (const char *)h + CPIO_HEADER_SIZE;
    data_offset = align4(*offset + CPIO_HEADER_SIZE + namesize);
    if (data_offset + e->size > total || strcmp(e->name, "TRAILER!!!") == 0)
        return false;
    e->data = initrd_start + data_offset;
    *offset = align4(data_offset + e->size);
    return true;
}

int initrd_find(const char *name, const uint8_t **data, uint64_t *size)
{
    uint64_t offset = 0;
    struct cpio_entry e;
    while (next_entry(&offset, &e)) {
        if (strcmp(e.name, name) == 0) {
            *data = e.data;
            *size = e.size;
            return 0;
        }
    }
    return -ENOENT;
}

void initrd_for_each(int (*fn)(const char *name, uint64_t size, uint32_t mode, void *ctx),
                     void *ctx)
{
    uint64_t offset = 0;
    struct cpio_entry e;
    while (next_entry(&offset, &e))
        if (fn(e.name, e.size, e.mode, ctx))
            return;
}
