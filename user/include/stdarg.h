/*
 * <stdarg.h> - variable argument lists (C11 7.16), on GCC's builtins: the
 * x86-64 calling convention passes the first arguments in registers, which
 * only the compiler knows how to walk.
 */
#ifndef _STDARG_H
#define _STDARG_H

typedef __builtin_va_list va_list;

#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_arg(ap, type)   __builtin_va_arg(ap, type)
#define va_end(ap)         __builtin_va_end(ap)
#define va_copy(dst, src)  __builtin_va_copy(dst, src)
#define __va_copy(dst, src) __builtin_va_copy(dst, src)

#endif
