/*
 * phase1-vma/proc/elf.c - the ELF64 loader (see proc/elf.h).  Every field
 * that comes from the file is checked before it is used: a damaged or
 * hostile executable gets -ENOEXEC, never a kernel crash.
 */
#include <arch/memlayout.h>
#include <lib/string.h>
#include <stdbool.h>
#include <mm/layout.h>
#include <mm/mmap.h>
#include <proc/elf.h>
#include <proc/exec.h>
#include <uapi/mman.h>
#include <uapi/errno.h>

#define ET_EXEC    2
#define EM_X86_64  62
#define PT_LOAD    1
#define PF_X       1
#define PF_W       2
#define PF_R       4
#define ELF_MAX_PHDRS 64

struct elf64_ehdr {
    uint8_t e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    uint64_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
    uint32_t p_type, p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

/* header_ok: the ELF header, and the program headers inside the `size`
 * bytes the loader has in memory. */
static bool header_ok(const struct elf64_ehdr *h, uint64_t size)
{
    static const uint8_t magic[7] = { 0x7f, 'E', 'L', 'F', 2 /* 64-bit */, 1 /* LE */, 1 };
    return size >= sizeof(*h) && memcmp(h->e_ident, magic, 7) == 0 &&
           h->e_type == ET_EXEC && h->e_machine == EM_X86_64 &&
           h->e_phentsize == sizeof(struct elf64_phdr) && h->e_phnum > 0 &&
           h->e_phnum <= ELF_MAX_PHDRS && h->e_phoff < size &&
           h->e_phoff + (uint64_t)h->e_phnum * sizeof(struct elf64_phdr) <= size;
}

static bool segment_ok(const struct elf64_phdr *ph, uint64_t size)
{
    return ph->p_filesz <= ph->p_memsz && ph->p_offset <= size &&
           ph->p_filesz <= size - ph->p_offset && ph->p_vaddr >= USER_MMAP_MIN_ADDR &&
           ph->p_memsz < USER_TOP && ph->p_vaddr < USER_TOP - ph->p_memsz &&
           (ph->p_vaddr & (PAGE_SIZE - 1)) == (ph->p_offset & (PAGE_SIZE - 1));
}

static uint32_t segment_vm_flags(uint32_t p_flags)
{
    uint32_t vm = VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_IMAGE;
    if (p_flags & PF_R)
        vm |= VM_READ;
    if (p_flags & PF_W)
        vm |= VM_WRITE;
    if (p_flags & PF_X)
        vm |= VM_EXEC;
    return vm;
}

static int segment_prot(uint32_t p_flags)
{
    return (p_flags & PF_R ? PROT_READ : 0) | (p_flags & PF_W ? PROT_WRITE : 0) |
           (p_flags & PF_X ? PROT_EXEC : 0);
}

/* copy_segment: a VMA for the segment, with the file's bytes copied in
 * (an image in memory: the ramdisk). */
static int copy_segment(struct mm_struct *mm, const struct elf64_phdr *ph, const uint8_t *image,
                        uint64_t start, uint64_t end)
{
    if (!mm_insert_vma(mm, start, end, segment_vm_flags(ph->p_flags)))
        return -ENOMEM;
    return mm_populate_write(mm, ph->p_vaddr, image + ph->p_offset, ph->p_filesz);
}

/* map_segment: the segment mapped from the program file (Linux's elf_map):
 * its file pages MAP_PRIVATE, paged in on first touch; the bytes of the
 * last file page past p_filesz zeroed (that page becomes the process's
 * own copy); and the rest of p_memsz (the bss) anonymous zeros. */
static int map_segment(struct mm_struct *mm, const struct elf64_phdr *ph, struct file *file,
                       uint64_t start, uint64_t end)
{
    uint64_t file_end = page_round_up(ph->p_vaddr + ph->p_filesz);
    uint64_t zero_len = file_end - (ph->p_vaddr + ph->p_filesz);
    int prot = segment_prot(ph->p_flags);
    int64_t r;

    if (ph->p_filesz > 0) {
        r = do_mmap(mm, start, file_end - start, prot, MAP_PRIVATE | MAP_FIXED, file,
                    page_round_down(ph->p_offset) >> PAGE_SHIFT);
        if (r < 0)
            return (int)r;
        find_vma(mm, start)->vm_flags |= VM_IMAGE;
        if (zero_len && ph->p_memsz > ph->p_filesz) {
            static const uint8_t zeros[PAGE_SIZE];
            int err = mm_populate_write(mm, ph->p_vaddr + ph->p_filesz, zeros, zero_len);
            if (err)
                return err;
        }
    } else {
        file_end = start;
    }
    if (end > file_end && !mm_insert_vma(mm, file_end, end, segment_vm_flags(ph->p_flags)))
        return -ENOMEM;
    return 0;
}

/* load_segment: the segment's VMAs, copied or mapped. */
static int load_segment(struct mm_struct *mm, const struct elf64_phdr *ph,
                        const struct exec_image *img)
{
    uint64_t start = page_round_down(ph->p_vaddr);
    uint64_t end = page_round_up(ph->p_vaddr + ph->p_memsz);
    struct vm_area_struct *vma = find_vma(mm, start);

    if (vma && vma->vm_start < end)
        return -ENOEXEC;                /* segments overlap */
    if (img->file)
        return map_segment(mm, ph, img->file, start, end);
    return copy_segment(mm, ph, img->data, start, end);
}

/* note_segment: record the code and data boundaries for mm and pmap;
 * returns the end of the segment in memory. */
static uint64_t note_segment(struct mm_struct *mm, const struct elf64_phdr *ph)
{
    if (ph->p_flags & PF_X) {
        mm->start_code = ph->p_vaddr;
        mm->end_code = ph->p_vaddr + ph->p_filesz;
    } else if (ph->p_flags & PF_W) {
        mm->start_data = ph->p_vaddr;
        mm->end_data = ph->p_vaddr + ph->p_filesz;
    }
    return ph->p_vaddr + ph->p_memsz;
}

static bool entry_ok(struct mm_struct *mm, uint64_t entry)
{
    struct vm_area_struct *vma = find_vma(mm, entry);
    return vma && vma->vm_start <= entry && (vma->vm_flags & VM_EXEC);
}

int elf_load(struct mm_struct *mm, const struct exec_image *img, struct elf_info *info)
{
    const uint8_t *image = img->data;
    const struct elf64_ehdr *h = (const struct elf64_ehdr *)image;
    const struct elf64_phdr *ph;
    uint64_t image_end = 0, size = img->file ? img->file_size : img->size;

    if (!header_ok(h, img->size))
        return -ENOEXEC;
    ph = (const struct elf64_phdr *)(image + h->e_phoff);
    info->phdr = 0;
    for (int i = 0; i < h->e_phnum; i++) {
        uint64_t end;
        int err;
        if (ph[i].p_type != PT_LOAD)
            continue;
        if (!segment_ok(&ph[i], size))
            return -ENOEXEC;
        err = load_segment(mm, &ph[i], img);
        if (err)
            return err;
        end = note_segment(mm, &ph[i]);
        if (end > image_end)
            image_end = end;
        if (h->e_phoff >= ph[i].p_offset && h->e_phoff < ph[i].p_offset + ph[i].p_filesz)
            info->phdr = ph[i].p_vaddr + (h->e_phoff - ph[i].p_offset);
    }
    if (image_end == 0 || !entry_ok(mm, h->e_entry))
        return -ENOEXEC;
    layout_place_heap(mm, image_end);
    info->entry = h->e_entry;
    info->phnum = h->e_phnum;
    return 0;
}
