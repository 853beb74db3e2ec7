/*
 * user/lib/stdio.c - buffered streams: stdin, stdout, stderr, reading and
 * writing characters, lines and blocks, flushing and buffering modes.
 * Opening and closing files is fopen.c; formatted output is printf.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stdio_impl.h"

static char stdin_buffer[BUFSIZ];
static char stdout_buffer[BUFSIZ];

static struct usmm_file stderr_file = {
    .fd = 2, .flags = FILE_WRITE | FILE_STATIC, .mode = _IONBF,
    .buf = &stderr_file.one_byte, .size = 1,
};
static struct usmm_file stdout_file = {
    .fd = 1, .flags = FILE_WRITE | FILE_STATIC, .mode = _IOLBF,
    .buf = stdout_buffer, .size = sizeof(stdout_buffer), .next = &stderr_file,
};
static struct usmm_file stdin_file = {
    .fd = 0, .flags = FILE_READ | FILE_STATIC, .mode = _IOLBF,
    .buf = stdin_buffer, .size = sizeof(stdin_buffer), .next = &stdout_file,
};

FILE *stdin = &stdin_file;
FILE *stdout = &stdout_file;
FILE *stderr = &stderr_file;

static FILE *open_streams = &stdin_file;

void __libc_stdio_register(FILE *f)
{
    f->next = open_streams;
    open_streams = f;
}

void __libc_stdio_unregister(FILE *f)
{
    for (FILE **p = &open_streams; *p != NULL; p = &(*p)->next) {
        if (*p == f) {
            *p = f->next;
            return;
        }
    }
}

/* ---- output ----------------------------------------------------------- */

/* write_all: write n bytes to f's descriptor, retrying short writes.
 * Returns 0, or EOF with the error flag set. */
static int write_all(FILE *f, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t done = write(f->fd, s, n);
        if (done < 0 && errno == EINTR)
            continue;
        if (done <= 0) {
            f->flags |= FILE_ERROR;
            return EOF;
        }
        s += done;
        n -= (size_t)done;
    }
    return 0;
}

/* flush_output: write what f's buffer holds */
static int flush_output(FILE *f)
{
    size_t n = f->out;
    f->out = 0;
    return n ? write_all(f, f->buf, n) : 0;
}

void __libc_stdio_drop_input(FILE *f)
{
    size_t unread = f->in_end - f->in_pos;
    f->in_pos = f->in_end = 0;
    if (unread)                 /* put the file position back; a console can't */
        lseek(f->fd, -(off_t)unread, SEEK_CUR);
}

size_t __libc_stdio_write(FILE *f, const char *s, size_t n)
{
    if (!(f->flags & FILE_WRITE)) {
        f->flags |= FILE_ERROR;
        errno = EBADF;
        return 0;
    }
    if (f->in_end)
        __libc_stdio_drop_input(f);
    if (f->mode == _IONBF)
        return write_all(f, s, n) == 0 ? n : 0;
    if (n > f->size - f->out) {
        if (flush_output(f) != 0)
            return 0;
        if (n >= f->size)           /* too big to buffer: straight through */
            return write_all(f, s, n) == 0 ? n : 0;
    }
    memcpy(f->buf + f->out, s, n);
    f->out += n;
    if (f->mode == _IOLBF && memchr(s, '\n', n) != NULL && flush_output(f) != 0)
        return 0;
    return n;
}

/* fflush: write out f's buffer, or every stream's when f is NULL */
int fflush(FILE *f)
{
    int result = 0;
    if (f == NULL) {
        for (FILE *g = open_streams; g != NULL; g = g->next)
            if (g->out && flush_output(g) != 0)
                result = EOF;
        return result;
    }
    if (f->in_end)
        __libc_stdio_drop_input(f);
    return flush_output(f);
}

int fputc(int c, FILE *f)
{
    char ch = (char)c;
    return __libc_stdio_write(f, &ch, 1) == 1 ? (unsigned char)c : EOF;
}

int putc(int c, FILE *f)
{
    return fputc(c, f);
}

int putchar(int c)
{
    return fputc(c, stdout);
}

int fputs(const char *s, FILE *f)
{
    size_t n = strlen(s);
    return __libc_stdio_write(f, s, n) == n ? 0 : EOF;
}

/* puts: s and a newline, in one piece */
int puts(const char *s)
{
    if (fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF)
        return EOF;
    return 0;
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *f)
{
    size_t total;
    if (size == 0 || n == 0)
        return 0;
    if (__builtin_mul_overflow(size, n, &total)) {
        errno = EINVAL;
        return 0;
    }
    return __libc_stdio_write(f, p, total) / size;
}

/* ---- input ------------------------------------------------------------ */

/* refill: read more input into f's buffer.  Returns the number of bytes
 * now available, 0 at end of file or on error (flags say which).
 * Reading from a terminal-like (line-buffered) stream first flushes
 * stdout, so that a prompt shows before the program waits. */
static size_t refill(FILE *f)
{
    ssize_t n;

    if (!(f->flags & FILE_READ)) {
        f->flags |= FILE_ERROR;
        errno = EBADF;
        return 0;
    }
    if (f->out && flush_output(f) != 0)
        return 0;
    if (f->mode != _IOFBF && f != stdout)
        fflush(stdout);
    do {
        n = read(f->fd, f->buf, f->size);
    } while (n < 0 && errno == EINTR);
    f->in_pos = 0;
    f->in_end = n > 0 ? (size_t)n : 0;
    if (n == 0)
        f->flags |= FILE_EOF;
    else if (n < 0)
        f->flags |= FILE_ERROR;
    return f->in_end;
}

int fgetc(FILE *f)
{
    if (f->in_pos == f->in_end && refill(f) == 0)
        return EOF;
    return (unsigned char)f->buf[f->in_pos++];
}

int getc(FILE *f)
{
    return fgetc(f);
}

int getchar(void)
{
    return fgetc(stdin);
}

/* ungetc: push c back, to be read next; one character is always room */
int ungetc(int c, FILE *f)
{
    if (c == EOF)
        return EOF;
    if (f->in_pos == 0) {
        if (f->in_end >= f->size)
            return EOF;
        memmove(f->buf + 1, f->buf, f->in_end);
        f->in_end++;
        f->in_pos = 1;
    }
    f->buf[--f->in_pos] = (char)c;
    f->flags &= ~FILE_EOF;
    return (unsigned char)c;
}

/* fgets: a line, newline included, of at most size - 1 characters */
char *fgets(char *buf, int size, FILE *f)
{
    int n = 0;
    if (size <= 0)
        return NULL;
    while (n < size - 1) {
        int c = fgetc(f);
        if (c == EOF)
            break;
        buf[n++] = (char)c;
        if (c == '\n')
            break;
    }
    if (n == 0)
        return NULL;
    buf[n] = '\0';
    return buf;
}

size_t fread(void *p, size_t size, size_t n, FILE *f)
{
    char *dst = p;
    size_t total, done = 0;

    if (size == 0 || n == 0)
        return 0;
    if (__builtin_mul_overflow(size, n, &total)) {
        errno = EINVAL;
        return 0;
    }
    while (done < total) {
        size_t avail = f->in_end - f->in_pos;
        if (avail == 0) {
            if (refill(f) == 0)
                break;
            continue;
        }
        if (avail > total - done)
            avail = total - done;
        memcpy(dst + done, f->buf + f->in_pos, avail);
        f->in_pos += avail;
        done += avail;
    }
    return done / size;
}

/* ---- state and buffering ---------------------------------------------- */

int feof(FILE *f)
{
    return (f->flags & FILE_EOF) != 0;
}

int ferror(FILE *f)
{
    return (f->flags & FILE_ERROR) != 0;
}

void clearerr(FILE *f)
{
    f->flags &= ~(FILE_EOF | FILE_ERROR);
}

int fileno(FILE *f)
{
    return f->fd;
}

/* setvbuf: choose the buffering mode and, optionally, the buffer (NULL:
 * keep the current one, or allocate one if the stream had none).  Meant
 * for before the first I/O; pending output is flushed first anyway.
 * Returns 0, or -1 for a bad mode or no memory. */
int setvbuf(FILE *f, char *buf, int mode, size_t size)
{
    char *allocated = NULL;

    if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)
        return -1;
    fflush(f);
    if (mode == _IONBF) {
        buf = &f->one_byte;
        size = 1;
    } else if (buf == NULL || size == 0) {
        if (f->buf != &f->one_byte) {
            buf = f->buf;
            size = f->size;
        } else {
            allocated = malloc(BUFSIZ);
            if (allocated == NULL)
                return -1;
            buf = allocated;
            size = BUFSIZ;
        }
    }
    if ((f->flags & FILE_OWN_BUFFER) && f->buf != buf) {
        free(f->buf);
        f->flags &= ~FILE_OWN_BUFFER;
    }
    if (allocated != NULL)
        f->flags |= FILE_OWN_BUFFER;
    f->buf = buf;
    f->size = size;
    f->mode = mode;
    return 0;
}

void setbuf(FILE *f, char *buf)
{
    setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

void perror(const char *s)
{
    const char *msg = strerror(errno);
    if (s != NULL && *s != '\0')
        fprintf(stderr, "%s: %s\n", s, msg);
    else
        fprintf(stderr, "%s\n", msg);
}
