/*
 * user/lib/fopen.c - opening, closing and positioning streams on files.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "stdio_impl.h"

/* open_flags: fopen's mode string as open() flags; -1 if it is not one */
static int open_flags(const char *mode)
{
    int flags;

    switch (*mode) {
    case 'r': flags = O_RDONLY; break;
    case 'w': flags = O_WRONLY | O_CREAT | O_TRUNC; break;
    case 'a': flags = O_WRONLY | O_CREAT | O_APPEND; break;
    default: return -1;
    }
    for (mode++; *mode; mode++) {
        if (*mode == '+')
            flags = (flags & ~O_ACCMODE) | O_RDWR;
        else if (*mode == 'x')
            flags |= O_EXCL;
        else if (*mode == 'e')
            flags |= O_CLOEXEC;
        /* 'b' means nothing on POSIX */
    }
    return flags;
}

/* fdopen: a fully buffered stream on an open descriptor */
FILE *fdopen(int fd, const char *mode)
{
    int flags = open_flags(mode);
    FILE *f;

    if (flags < 0) {
        errno = EINVAL;
        return NULL;
    }
    f = calloc(1, sizeof(*f));
    if (f == NULL)
        return NULL;
    f->buf = malloc(BUFSIZ);
    if (f->buf == NULL) {
        free(f);
        return NULL;
    }
    f->fd = fd;
    f->size = BUFSIZ;
    f->mode = _IOFBF;
    f->flags = FILE_OWN_BUFFER;
    if ((flags & O_ACCMODE) != O_WRONLY)
        f->flags |= FILE_READ;
    if ((flags & O_ACCMODE) != O_RDONLY)
        f->flags |= FILE_WRITE;
    __libc_stdio_register(f);
    return f;
}

FILE *fopen(const char *path, const char *mode)
{
    int flags = open_flags(mode);
    int fd;
    FILE *f;

    if (flags < 0) {
        errno = EINVAL;
        return NULL;
    }
    fd = open(path, flags, 0666);
    if (fd < 0)
        return NULL;
    f = fdopen(fd, mode);
    if (f == NULL)
        close(fd);
    return f;
}

/* fclose: flush, close the descriptor, free the stream (0 or EOF) */
int fclose(FILE *f)
{
    int result = fflush(f);

    if (close(f->fd) < 0)
        result = EOF;
    __libc_stdio_unregister(f);
    if (f->flags & FILE_OWN_BUFFER)
        free(f->buf);
    if (!(f->flags & FILE_STATIC))
        free(f);
    else
        f->flags &= ~(FILE_READ | FILE_WRITE);
    return result;
}

int fseek(FILE *f, long offset, int whence)
{
    if (fflush(f) != 0)
        return -1;
    if (lseek(f->fd, offset, whence) < 0)
        return -1;
    f->flags &= ~FILE_EOF;
    return 0;
}

/* ftell: the descriptor's position, minus input read ahead, plus output
 * not yet written */
long ftell(FILE *f)
{
    off_t pos = lseek(f->fd, 0, SEEK_CUR);
    if (pos < 0)
        return -1;
    return pos - (off_t)(f->in_end - f->in_pos) + (off_t)f->out;
}

void rewind(FILE *f)
{
    fseek(f, 0, SEEK_SET);
    clearerr(f);
}

int remove(const char *path)
{
    return unlink(path);
}
