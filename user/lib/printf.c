/*
 * user/lib/printf.c - the printf family, on vformat() from lib/format.c
 * (which also gives snprintf and vsnprintf).  No floating point: see
 * <stdio.h>.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>
#include <lib/format.h>

#include "stdio_impl.h"

static void stream_sink(void *ctx, const char *s, size_t len)
{
    __libc_stdio_write(ctx, s, len);
}

/* vfprintf: returns the characters written, or -1 when a write failed.
 * An unbuffered stream (stderr) gets a buffer for the length of the call,
 * so that one message is one write() and messages from several processes
 * do not interleave mid-line. */
int vfprintf(FILE *f, const char *fmt, va_list ap)
{
    int had_error = ferror(f), n;

    if (f->mode == _IONBF) {
        char line[256];
        char *saved_buf = f->buf;
        size_t saved_size = f->size;

        f->buf = line;
        f->size = sizeof(line);
        f->mode = _IOFBF;
        n = vformat(stream_sink, f, fmt, ap);
        fflush(f);
        f->buf = saved_buf;
        f->size = saved_size;
        f->mode = _IONBF;
    } else {
        n = vformat(stream_sink, f, fmt, ap);
    }
    return (ferror(f) && !had_error) ? -1 : n;
}

int fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vfprintf(f, fmt, ap);
    va_end(ap);
    return n;
}

int vprintf(const char *fmt, va_list ap)
{
    return vfprintf(stdout, fmt, ap);
}

int printf(const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}

/* vsprintf: the caller promises the buffer is big enough */
int vsprintf(char *buf, const char *fmt, va_list ap)
{
    return vsnprintf(buf, INT_MAX, fmt, ap);
}

int sprintf(char *buf, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(buf, INT_MAX, fmt, ap);
    va_end(ap);
    return n;
}

/* dprintf: straight to a descriptor, through a small buffer */
struct fd_buffer {
    int fd;
    size_t used;
    char buf[256];
};

static void fd_flush(struct fd_buffer *b)
{
    size_t done = 0;
    while (done < b->used) {
        ssize_t n = write(b->fd, b->buf + done, b->used - done);
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    b->used = 0;
}

static void fd_sink(void *ctx, const char *s, size_t len)
{
    struct fd_buffer *b = ctx;
    while (len > 0) {
        size_t room = sizeof(b->buf) - b->used;
        size_t n = len < room ? len : room;
        for (size_t i = 0; i < n; i++)
            b->buf[b->used + i] = s[i];
        b->used += n;
        s += n;
        len -= n;
        if (b->used == sizeof(b->buf))
            fd_flush(b);
    }
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
    struct fd_buffer b = { .fd = fd, .used = 0 };
    int n = vformat(fd_sink, &b, fmt, ap);
    fd_flush(&b);
    return n;
}

int dprintf(int fd, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vdprintf(fd, fmt, ap);
    va_end(ap);
    return n;
}
