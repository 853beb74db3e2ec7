/*
 * lib/format.c - printf-style formatting for the kernel, the user library and
 * the host tests.  See lib/include/lib/format.h for what it supports.
 *
 * One conversion is parsed into a `struct spec`, its digits are produced into
 * a small buffer, and emit_field() pads and emits the result.  Output goes to
 * a sink callback, so printk, printf and snprintf all share this code.
 */
#include <lib/format.h>
#include <lib/string.h>
#include <stdbool.h>
#include <stdint.h>

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE,
              LEN_MAX, LEN_PTRDIFF };

struct spec {
    bool left;       /* '-' */
    bool plus;       /* '+' */
    bool space;      /* ' ' */
    bool alt;        /* '#' */
    bool zero;       /* '0' */
    int width;       /* -1: none */
    int precision;   /* -1: none */
    enum length length;
    char conv;
};

struct out {
    format_sink_fn sink;
    void *ctx;
    int count;
};

static void put(struct out *o, const char *s, size_t n)
{
    if (n == 0)
        return;
    o->sink(o->ctx, s, n);
    o->count += (int)n;
}

static void put_repeat(struct out *o, char c, int n)
{
    char buf[16];
    memset(buf, c, sizeof(buf));
    while (n > 0) {
        int chunk = n < (int)sizeof(buf) ? n : (int)sizeof(buf);
        put(o, buf, (size_t)chunk);
        n -= chunk;
    }
}

/* emit_field: prefix ("-", "0x", ...), then zero padding to reach the
 * precision or the zero-padded width, then the body, all padded to width. */
static void emit_field(struct out *o, const struct spec *sp, const char *prefix,
                       const char *body, int body_len, int zeros)
{
    int prefix_len = (int)strlen(prefix);
    int len = prefix_len + zeros + body_len;
    int pad = sp->width > len ? sp->width - len : 0;

    if (sp->zero && !sp->left) {
        zeros += pad;
        pad = 0;
    }
    if (!sp->left)
        put_repeat(o, ' ', pad);
    put(o, prefix, (size_t)prefix_len);
    put_repeat(o, '0', zeros);
    put(o, body, (size_t)body_len);
    if (sp->left)
        put_repeat(o, ' ', pad);
}

/* utoa_reverse: digits of v in `base`, least significant first. */
static int utoa_reverse(char *buf, uintmax_t v, unsigned base, bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    int n = 0;
    do {
        buf[n++] = digits[v % base];
        v /= base;
    } while (v != 0);
    return n;
}

static void format_integer(struct out *o, struct spec *sp, uintmax_t magnitude,
                           bool negative)
{
    char rev[24], body[24];
    unsigned base = 10;
    const char *prefix = "";
    int n = 0, zeros;

    switch (sp->conv) {
    case 'x': case 'X': case 'p': base = 16; break;
    case 'o': base = 8; break;
    default: break;
    }

    /* precision 0 with value 0 prints no digits (C99 7.19.6.1) */
    if (!(sp->precision == 0 && magnitude == 0))
        n = utoa_reverse(rev, magnitude, base, sp->conv == 'X');
    for (int i = 0; i < n; i++)
        body[i] = rev[n - 1 - i];

    if (negative)
        prefix = "-";
    else if (sp->plus && (sp->conv == 'd' || sp->conv == 'i'))
        prefix = "+";
    else if (sp->space && (sp->conv == 'd' || sp->conv == 'i'))
        prefix = " ";
    else if (sp->conv == 'p' || (sp->alt && magnitude != 0 && sp->conv == 'x'))
        prefix = "0x";
    else if (sp->alt && magnitude != 0 && sp->conv == 'X')
        prefix = "0X";

    zeros = sp->precision > n ? sp->precision - n : 0;
    if (sp->alt && sp->conv == 'o' && zeros == 0 && (n == 0 || body[0] != '0'))
        zeros = 1;
    if (sp->precision >= 0)
        sp->zero = false; /* a precision overrides the 0 flag for integers */
    emit_field(o, sp, prefix, body, n, zeros);
}

static intmax_t signed_arg(enum length len, va_list *ap)
{
    switch (len) {
    case LEN_CHAR: return (signed char)va_arg(*ap, int);
    case LEN_SHORT: return (short)va_arg(*ap, int);
    case LEN_LONG: return va_arg(*ap, long);
    case LEN_LLONG: return va_arg(*ap, long long);
    case LEN_SIZE: return va_arg(*ap, long);        /* ssize_t */
    case LEN_MAX: return va_arg(*ap, intmax_t);
    case LEN_PTRDIFF: return va_arg(*ap, long);     /* ptrdiff_t */
    default: return va_arg(*ap, int);
    }
}

static uintmax_t unsigned_arg(enum length len, va_list *ap)
{
    switch (len) {
    case LEN_CHAR: return (unsigned char)va_arg(*ap, unsigned int);
    case LEN_SHORT: return (unsigned short)va_arg(*ap, unsigned int);
    case LEN_LONG: return va_arg(*ap, unsigned long);
    case LEN_LLONG: return va_arg(*ap, unsigned long long);
    case LEN_SIZE: return va_arg(*ap, size_t);
    case LEN_MAX: return va_arg(*ap, uintmax_t);
    case LEN_PTRDIFF: return va_arg(*ap, unsigned long);
    default: return va_arg(*ap, unsigned int);
    }
}

/* parse_spec: read flags, width, precision, length and the conversion
 * character after a '%'.  Returns the position after the conversion. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
    *sp = (struct spec){ .width = -1, .precision = -1, .length = LEN_INT };

    for (;; f++) {
        if (*f == '-') sp->left = true;
        else if (*f == '+') sp->plus = true;
        else if (*f == ' ') sp->space = true;
        else if (*f == '#') sp->alt = true;
        else if (*f == '0') sp->zero = true;
        else break;
    }
    if (*f == '*') {
        sp->width = va_arg(*ap, int);
        if (sp->width < 0) {
            sp->left = true;
            sp->width = -sp->width;
        }
        f++;
    } else {
        while (*f >= '0' && *f <= '9') {
            sp->width = (sp->width < 0 ? 0 : sp->width * 10) + (*f - '0');
            f++;
        }
    }
    if (*f == '.') {
        f++;
        sp->precision = 0;
        if (*f == '*') {
            sp->precision = va_arg(*ap, int);
            if (sp->precision < 0)
                sp->precision = -1;
            f++;
        } else {
            while (*f >= '0' && *f <= '9')
                sp->precision = sp->precision * 10 + (*f++ - '0');
        }
    }
    switch (*f) {
    case 'h':
        f++;
        sp->length = LEN_SHORT;
        if (*f == 'h') { f++; sp->length = LEN_CHAR; }
        break;
    case 'l':
        f++;
        sp->length = LEN_LONG;
        if (*f == 'l') { f++; sp->length = LEN_LLONG; }
        break;
    case 'z': f++; sp->length = LEN_SIZE; break;
    case 'j': f++; sp->length = LEN_MAX; break;
    case 't': f++; sp->length = LEN_PTRDIFF; break;
    default: break;
    }
    sp->conv = *f;
    return *f ? f + 1 : f;
}

static void format_string(struct out *o, struct spec *sp, const char *s)
{
    int n;
    if (s == NULL)
        s = "(null)";
    n = (int)(sp->precision >= 0 ? strnlen(s, (size_t)sp->precision) : strlen(s));
    sp->zero = false;
    emit_field(o, sp, "", s, n, 0);
}

static void format_one(struct out *o, struct spec *sp, va_list *ap)
{
    char c;
    intmax_t v;
    void *p;

    switch (sp->conv) {
    case 'd':
    case 'i':
        v = signed_arg(sp->length, ap);
        format_integer(o, sp, v < 0 ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v, v < 0);
        break;
    case 'u': case 'x': case 'X': case 'o':
        format_integer(o, sp, unsigned_arg(sp->length, ap), false);
        break;
    case 'p':
        p = va_arg(*ap, void *);
        if (p == NULL) {
            sp->precision = -1;
            format_string(o, sp, "(nil)");
        } else {
            format_integer(o, sp, (uintptr_t)p, false);
        }
        break;
    case 'c':
        c = (char)va_arg(*ap, int);
        sp->zero = false;
        emit_field(o, sp, "", &c, 1, 0);
        break;
    case 's':
        format_string(o, sp, va_arg(*ap, const char *));
        break;
    case '%':
        put(o, "%", 1);
        break;
    case '\0':
        break;
    default:
        /* unknown conversion: print it as written, so the mistake shows */
        put(o, "%", 1);
        put(o, &sp->conv, 1);
        break;
    }
}

int vformat(format_sink_fn sink, void *ctx, const char *fmt, va_list ap)
{
    struct out o = { sink, ctx, 0 };
    struct spec sp;
    va_list args;

    va_copy(args, ap);
    while (*fmt) {
        const char *pct = strchr(fmt, '%');
        size_t literal = pct ? (size_t)(pct - fmt) : strlen(fmt);
        put(&o, fmt, literal);
        fmt += literal;
        if (*fmt != '%')
            break;
        fmt = parse_spec(fmt + 1, &sp, &args);
        format_one(&o, &sp, &args);
    }
    va_end(args);
    return o.count;
}

struct buffer {
    char *buf;
    size_t size; /* room for characters, the NUL excluded */
    size_t used;
};

static void buffer_sink(void *ctx, const char *s, size_t len)
{
    struct buffer *b = ctx;
    size_t room = b->size > b->used ? b->size - b->used : 0;
    size_t n = len < room ? len : room;
    memcpy(b->buf + b->used, s, n);
    b->used += n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct buffer b = { buf, size ? size - 1 : 0, 0 };
    int n = vformat(buffer_sink, &b, fmt, ap);
    if (size)
        buf[b.used] = '\0';
    return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
