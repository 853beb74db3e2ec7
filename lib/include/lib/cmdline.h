/*
 * lib/cmdline.h - the kernel command line, parsed once at boot.
 *
 * Syntax: words separated by spaces; a word is `key=value` or a bare `flag`;
 * double quotes group spaces into one word ("run=a b" is key run, value a b).
 * Everything after a lone `--` is not for the kernel: it becomes the argument
 * vector of the first user program (init).
 *
 *     ktest=page_fault_report loglevel=2 quiet -- run hello 1 2
 *
 * Parsing copies the words into the struct, so the original string may go
 * away afterwards.
 */
#ifndef LIB_CMDLINE_H
#define LIB_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

#define CMDLINE_MAX_LEN    1024 /* characters kept, including the NULs */
#define CMDLINE_MAX_WORDS  32   /* kernel words and init words, each */

struct cmdline {
    char storage[CMDLINE_MAX_LEN];
    const char *key[CMDLINE_MAX_WORDS];   /* kernel words */
    const char *value[CMDLINE_MAX_WORDS]; /* NULL for a bare flag */
    int nwords;
    const char *init_argv[CMDLINE_MAX_WORDS + 1]; /* after "--", NULL-ended */
    int init_argc;
    bool truncated; /* the line did not fit: words were dropped */
};

/* cmdline_parse: split `line` (may be NULL) into `out`.  Never fails: what
 * does not fit is dropped and out->truncated says so. */
void cmdline_parse(struct cmdline *out, const char *line);

/* cmdline_get: the value of `key=value`, "" for a bare `key`, NULL when absent.
 * When a key is repeated the last one wins, as on Linux. */
const char *cmdline_get(const struct cmdline *cl, const char *key);

/* cmdline_has: true when `key` appears, with or without a value. */
bool cmdline_has(const struct cmdline *cl, const char *key);

#endif
