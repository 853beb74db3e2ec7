/*
 * proc/elf.h - loading a static ELF64 x86-64 executable into a new
 * address space.
 *
 * The file starts with the ELF header; its program headers list the
 * PT_LOAD segments, each a range of the file (p_offset, p_filesz) to place
 * at a virtual address (p_vaddr) in a region of p_memsz bytes (the rest is
 * zero: the bss) with rights p_flags:
 *
 *   file:    [ELF hdr|phdrs| .text ....... | .data ...]
 *                             |                 |
 *   memory:  0x400000 [ r-x text ]   0x40a000 [ rw- data | bss (zeros) ]
 */
#ifndef PROC_ELF_H
#define PROC_ELF_H

#include <stdint.h>

struct mm_struct;

struct elf_info {
    uint64_t entry;      /* where execution starts */
    uint64_t phdr;       /* address of the program headers in memory (AT_PHDR) */
    uint64_t phnum;
};

/* elf_load: check the image and map its segments into `mm` (text, data
 * and bss VMAs), set mm's code/data/brk fields.  An image in memory is
 * copied in; an image with a file (proc/exec.h) is mapped from it,
 * MAP_PRIVATE, and paged in on demand.  Returns 0, -ENOEXEC for a file
 * that is not a valid static x86-64 executable, or -ENOMEM. */
struct exec_image;
int elf_load(struct mm_struct *mm, const struct exec_image *img, struct elf_info *info);

#endif
