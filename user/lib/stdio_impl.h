/*
 * user/lib/stdio_impl.h - what a FILE is, for the stdio files only.
 *
 * One buffer serves either direction, never both at once: while writing,
 * buf[0, out) waits to be written; while reading, buf[in_pos, in_end) has
 * been read but not consumed.  Switching direction flushes the output or
 * drops the unread input (seeking back over it).
 */
#ifndef USER_LIB_STDIO_IMPL_H
#define USER_LIB_STDIO_IMPL_H

#include <stdio.h>

#define FILE_READ       0x01   /* opened for reading */
#define FILE_WRITE      0x02   /* opened for writing */
#define FILE_EOF        0x04   /* a read found the end */
#define FILE_ERROR      0x08   /* a read or write failed */
#define FILE_OWN_BUFFER 0x10   /* buf came from malloc: free it at fclose */
#define FILE_STATIC     0x20   /* stdin/stdout/stderr: not from malloc */

struct usmm_file {
    int fd;
    int flags;                 /* FILE_* */
    int mode;                  /* _IOFBF, _IOLBF or _IONBF */
    char *buf;
    size_t size;
    size_t out;                /* bytes waiting to be written */
    size_t in_pos, in_end;     /* input read ahead, not yet consumed */
    char one_byte;             /* the buffer of an unbuffered stream */
    struct usmm_file *next;    /* every open stream, for fflush(NULL) */
};

/* __libc_stdio_register: add f to the list fflush(NULL) walks */
void __libc_stdio_register(FILE *f);
/* __libc_stdio_unregister: take f off that list (fclose) */
void __libc_stdio_unregister(FILE *f);
/* __libc_stdio_write: put n bytes into f, obeying its buffering mode;
 * returns how many were taken (n unless an error occurred) */
size_t __libc_stdio_write(FILE *f, const char *s, size_t n);
/* __libc_stdio_drop_input: forget read-ahead input before f changes
 * direction or position */
void __libc_stdio_drop_input(FILE *f);

#endif
