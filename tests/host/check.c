/*
 * tests/host/check.c - the runner behind check.h.
 */
#include "check.h"

#include <stdarg.h>

jmp_buf check_panic_jump;
char check_panic_message[512];

void check_panic_catch(const char *msg)
{
    snprintf(check_panic_message, sizeof(check_panic_message), "%s", msg);
    longjmp(check_panic_jump, 1);
}

static struct host_test *tests, **tail = &tests;
static const struct host_test *running;
static char failure[1024];

void check_register(struct host_test *t)
{
    *tail = t;
    tail = &t->next;
}

void check_failed(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    size_t n;
    if (failure[0])
        return;
    va_start(ap, fmt);
    n = (size_t)vsnprintf(failure, sizeof(failure), fmt, ap);
    va_end(ap);
    if (n < sizeof(failure))
        snprintf(failure + n, sizeof(failure) - n, " (%s:%d)", file, line);
}

int check_current_failed(void)
{
    return failure[0] != 0;
}

int main(int argc, char **argv)
{
    int failed = 0, ran = 0;

    for (struct host_test *t = tests; t; t = t->next) {
        if (argc > 1 && strcmp(argv[1], t->name) != 0)
            continue;
        running = t;
        failure[0] = '\0';
        t->fn();
        ran++;
        if (failure[0]) {
            printf("FAIL %s: %s\n", t->name, failure);
            failed++;
        } else {
            printf("PASS %s\n", t->name);
        }
        fflush(stdout);
    }
    if (ran == 0) {
        printf("FAIL %s: no test called %s\n", argc > 1 ? argv[1] : "(all)",
               argc > 1 ? argv[1] : "anything");
        return 1;
    }
    return failed ? 1 : 0;
}
