/*
 * lib/cmdline.c - split the kernel command line into words once, at boot.
 * The syntax is described in lib/include/lib/cmdline.h.
 */
#include <lib/cmdline.h>
#include <lib/string.h>

struct cursor {
    const char *in;
    struct cmdline *cl;
    size_t used; /* bytes of cl->storage in use */
};

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* next_word: copy the next word (quotes removed) into storage.  Returns the
 * copy, or NULL at the end of the line or when storage is full. */
static char *next_word(struct cursor *c)
{
    char *start;
    bool quoted = false;

    while (is_space(*c->in))
        c->in++;
    if (*c->in == '\0')
        return NULL;

    start = c->cl->storage + c->used;
    while (*c->in && (quoted || !is_space(*c->in))) {
        char ch = *c->in++;
        if (ch == '"') {
            quoted = !quoted;
            continue;
        }
        if (c->used + 1 >= CMDLINE_MAX_LEN) {
            c->cl->truncated = true;
            return NULL;
        }
        c->cl->storage[c->used++] = ch;
    }
    if (c->used >= CMDLINE_MAX_LEN) {
        c->cl->truncated = true;
        return NULL;
    }
    c->cl->storage[c->used++] = '\0';
    return start;
}

void cmdline_parse(struct cmdline *out, const char *line)
{
    struct cursor c = { line ? line : "", out, 0 };
    bool for_init = false;
    char *word;

    memset(out, 0, sizeof(*out));
    while ((word = next_word(&c)) != NULL) {
        if (!for_init && strcmp(word, "--") == 0) {
            for_init = true;
        } else if (for_init) {
            if (out->init_argc == CMDLINE_MAX_WORDS) {
                out->truncated = true;
                break;
            }
            out->init_argv[out->init_argc++] = word;
        } else {
            char *eq = strchr(word, '=');
            if (out->nwords == CMDLINE_MAX_WORDS) {
                out->truncated = true;
                break;
            }
            if (eq)
                *eq = '\0';
            out->key[out->nwords] = word;
            out->value[out->nwords] = eq ? eq + 1 : NULL;
            out->nwords++;
        }
    }
    out->init_argv[out->init_argc] = NULL;
}

const char *cmdline_get(const struct cmdline *cl, const char *key)
{
    for (int i = cl->nwords - 1; i >= 0; i--)
        if (strcmp(cl->key[i], key) == 0)
            return cl->value[i] ? cl->value[i] : "";
    return NULL;
}

bool cmdline_has(const struct cmdline *cl, const char *key)
{
    return cmdline_get(cl, key) != NULL;
}
