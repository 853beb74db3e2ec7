/*
 * user/lib/strtol.c - text to integers: strtol and its family, atoi.
 *
 * One scanner, scan_integer(), reads the sign, the base prefix and the
 * digits; the public functions differ only in the range they clamp to.
 * long and long long are both 64 bits here.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

struct scanned {
    unsigned long long magnitude;
    bool negative;
    bool overflow;          /* the digits did not fit in 64 bits */
};

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/*
 * scan_integer: C11 7.22.1.4: leading white space, an optional sign, an
 * optional 0x/0X (base 16 or 0), digits of `base` (0: decided by the
 * prefix: 0x hex, 0 octal, else decimal).  *end points past the last digit,
 * or at s when there was no number.  Returns false (errno EINVAL) for a
 * base that is neither 0 nor 2..36.
 */
static bool scan_integer(const char *s, char **end, int base, struct scanned *out)
{
    const char *p = s, *digits;

    *out = (struct scanned){ 0, false, false };
    if (end)
        *end = (char *)s;
    if (base < 0 || base == 1 || base > 36) {
        errno = EINVAL;
        return false;
    }
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        out->negative = *p++ == '-';
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
        isxdigit((unsigned char)p[2])) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = p[0] == '0' ? 8 : 10;
    }
    for (digits = p; digit_value(*p) < base; p++) {
        unsigned long long next;
        if (__builtin_mul_overflow(out->magnitude, (unsigned)base, &next) ||
            __builtin_add_overflow(next, (unsigned)digit_value(*p), &next))
            out->overflow = true;
        else
            out->magnitude = next;
    }
    if (p == digits)
        out->negative = false;      /* no number at all: 0, *end = s */
    else if (end)
        *end = (char *)p;
    return true;
}

long long strtoll(const char *s, char **end, int base)
{
    struct scanned v;
    unsigned long long limit;

    if (!scan_integer(s, end, base, &v))
        return 0;
    limit = v.negative ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
    if (v.overflow || v.magnitude > limit) {
        errno = ERANGE;
        return v.negative ? LLONG_MIN : LLONG_MAX;
    }
    return v.negative ? (long long)(0 - v.magnitude) : (long long)v.magnitude;
}

/* strtoull: a '-' negates the value in unsigned arithmetic, as C says */
unsigned long long strtoull(const char *s, char **end, int base)
{
    struct scanned v;

    if (!scan_integer(s, end, base, &v))
        return 0;
    if (v.overflow) {
        errno = ERANGE;
        return ULLONG_MAX;
    }
    return v.negative ? 0 - v.magnitude : v.magnitude;
}

long strtol(const char *s, char **end, int base)
{
    return (long)strtoll(s, end, base);
}

unsigned long strtoul(const char *s, char **end, int base)
{
    return (unsigned long)strtoull(s, end, base);
}

intmax_t strtoimax(const char *s, char **end, int base)
{
    return strtoll(s, end, base);
}

uintmax_t strtoumax(const char *s, char **end, int base)
{
    return strtoull(s, end, base);
}

int atoi(const char *s)
{
    return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
    return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
    return strtoll(s, NULL, 10);
}
