/*
 * <sys/auxv.h> - the auxiliary vector the kernel puts above the
 * environment on the initial stack (see user/lib/crt0.asm).
 */
#ifndef _SYS_AUXV_H
#define _SYS_AUXV_H

#define AT_NULL   0
#define AT_PHDR   3
#define AT_PHENT  4
#define AT_PHNUM  5
#define AT_PAGESZ 6
#define AT_BASE   7
#define AT_ENTRY  9
#define AT_UID    11
#define AT_RANDOM 25   /* address of 16 random bytes */
#define AT_EXECFN 31

/* getauxval: the value of entry `type`, 0 when there is none */
unsigned long getauxval(unsigned long type);

#endif
