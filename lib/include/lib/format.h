/*
 * lib/format.h - the one printf-style formatter, shared by the kernel's
 * printk, the user library's printf family and the host tests.
 *
 * Conversions: %d %i %u %x %X %o %c %s %p %%, flags "-+ #0", a width and a
 * precision (digits or *), length modifiers hh h l ll z j t.  No floating
 * point: the kernel is built without SSE.  %p prints like glibc: 0x1f00, and
 * (nil) for NULL; %s of NULL prints (null).
 */
#ifndef LIB_FORMAT_H
#define LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Receives the formatter's output, `len` bytes at a time. */
typedef void (*format_sink_fn)(void *ctx, const char *s, size_t len);

/*
 * vformat: format `fmt` with `ap`, handing the output to `sink` in pieces.
 * Returns the number of characters produced.
 */
int vformat(format_sink_fn sink, void *ctx, const char *fmt, va_list ap);

/*
 * vsnprintf / snprintf: C99 semantics.  Writes at most `size` bytes
 * including the terminating NUL (nothing when size is 0) and returns the
 * length the whole result would have had.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

#endif
