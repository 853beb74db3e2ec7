/*
 * <inttypes.h> - printf conversions for the <stdint.h> types (C11 7.8):
 * printf("%" PRIx64 "\n", v).  The 64-bit types are long on x86-64, hence
 * the "l".  No SCN* macros: the library has no scanf.
 */
#ifndef _INTTYPES_H
#define _INTTYPES_H

#include <stdint.h>

#define __PRI64 "l"

#define PRId8  "d"
#define PRId16 "d"
#define PRId32 "d"
#define PRId64 __PRI64 "d"
#define PRIi8  "i"
#define PRIi16 "i"
#define PRIi32 "i"
#define PRIi64 __PRI64 "i"
#define PRIu8  "u"
#define PRIu16 "u"
#define PRIu32 "u"
#define PRIu64 __PRI64 "u"
#define PRIo8  "o"
#define PRIo16 "o"
#define PRIo32 "o"
#define PRIo64 __PRI64 "o"
#define PRIx8  "x"
#define PRIx16 "x"
#define PRIx32 "x"
#define PRIx64 __PRI64 "x"
#define PRIX8  "X"
#define PRIX16 "X"
#define PRIX32 "X"
#define PRIX64 __PRI64 "X"

#define PRIdLEAST64 PRId64
#define PRIuLEAST64 PRIu64
#define PRIxLEAST64 PRIx64
#define PRIdFAST64  PRId64
#define PRIuFAST64  PRIu64
#define PRIxFAST64  PRIx64

#define PRIdMAX __PRI64 "d"
#define PRIiMAX __PRI64 "i"
#define PRIuMAX __PRI64 "u"
#define PRIoMAX __PRI64 "o"
#define PRIxMAX __PRI64 "x"
#define PRIXMAX __PRI64 "X"
#define PRIdPTR __PRI64 "d"
#define PRIiPTR __PRI64 "i"
#define PRIuPTR __PRI64 "u"
#define PRIoPTR __PRI64 "o"
#define PRIxPTR __PRI64 "x"
#define PRIXPTR __PRI64 "X"

intmax_t strtoimax(const char *s, char **end, int base);
uintmax_t strtoumax(const char *s, char **end, int base);
intmax_t imaxabs(intmax_t v);

#endif
