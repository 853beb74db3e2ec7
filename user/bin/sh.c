/*
 * sh - a small interactive shell on the console.
 *
 *   usmm$ hello a "b c"        run a program with arguments (fork + execve + wait)
 *   usmm$ echo $?              $? is the exit status of the last command
 *   usmm$ ls                   the programs in the ramdisk
 *   usmm$ help                 what the shell knows
 *   usmm$ exit [N]             leave (so does end of input)
 *
 *   usmm$ clear                clear the screen
 *
 * Words are separated by spaces or tabs; double or single quotes make one
 * word of what they enclose.  On a terminal the shell edits the line
 * itself (arrows, history: see the line editor below); from a pipe or a
 * file it reads whole lines.  Each program runs in a process group of its
 * own, which the shell makes the terminal's foreground group: Ctrl-C
 * (SIGINT) reaches the program, not the shell.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <usmm.h>

#define LINE_MAX_LEN 512
#define MAX_WORDS    32

static int last_status;         /* for $? */

/* ---- reading lines ---------------------------------------------------- */

static char input[LINE_MAX_LEN];
static size_t input_len;        /* bytes in input[] not yet handed out */

static void line_too_long(void)
{
    fprintf(stderr, "sh: line too long (at most %d characters): the line is ignored\n",
            LINE_MAX_LEN - 1);
}

/*
 * read_plain_line: the next line of standard input when it is not a
 * terminal (a pipe or a file), without its newline.  A line longer than
 * LINE_MAX_LEN - 1 is skipped with a message, never cut.  Returns false at
 * end of input (read() returned 0) or on a read error.  A last line
 * without a newline still counts.
 */
static bool read_plain_line(char *line)
{
    bool too_long = false;

    for (;;) {
        char *newline = memchr(input, '\n', input_len);
        ssize_t n;

        if (newline != NULL) {
            size_t len = (size_t)(newline - input);
            memcpy(line, input, len);
            line[len] = '\0';
            memmove(input, newline + 1, input_len - len - 1);
            input_len -= len + 1;
            if (!too_long)
                return true;
            line_too_long();    /* the end of the long line: skip it */
            too_long = false;
            continue;
        }
        if (input_len == sizeof(input)) {       /* no newline in sight */
            too_long = true;
            input_len = 0;
        }
        n = read(STDIN_FILENO, input + input_len, sizeof(input) - input_len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (input_len == 0 || too_long)
                return false;
            memcpy(line, input, input_len);    /* a last line without '\n' */
            line[input_len] = '\0';
            input_len = 0;
            return true;
        }
        input_len += (size_t)n;
    }
}

/* ---- the line editor (standard input is a terminal) ------------------- */
/*
 * The terminal is switched to raw mode (no canonical editing, no echo, no
 * signals) while a line is typed, and back before a program runs:
 *   Left/Right, Home/End, Ctrl-A/Ctrl-E   move;  Backspace, Delete   erase
 *   Up/Down     the history;  Ctrl-U   erase the line;  Ctrl-L   clear
 *   Ctrl-C      drop the line ($? = 130);  Ctrl-D on an empty line: exit
 */
#define HISTORY_LEN 32
#define PROMPT "usmm$ "

static char history[HISTORY_LEN][LINE_MAX_LEN];
static int history_count;       /* lines stored, the newest at history_count - 1 */
static struct termios cooked;   /* the settings programs get */
static bool interactive;

/* The shell never has ISIG on while it is the terminal's foreground group:
 * a Ctrl-C typed between two commands must not kill it (phase 1 has no
 * signal handlers to ignore SIGINT with).  A program gets `cooked` (ISIG
 * on) only after it is in the foreground itself. */

static void put(const char *s)
{
    (void)!write(STDOUT_FILENO, s, strlen(s));
}

/* raw_mode: on: no canonical editing, no echo (the editor does both);
 * off: the cooked settings, still without ISIG (see above) */
static void raw_mode(bool on)
{
    struct termios t = cooked;
    t.c_lflag &= ~(uint32_t)ISIG;
    if (on) {
        t.c_lflag &= ~(uint32_t)(ICANON | ECHO);
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
    }
    tcsetattr(STDIN_FILENO, TCSADRAIN, &t);
}

/* redraw: the prompt, the line, the cursor at `cursor` */
static void redraw(const char *line, size_t len, size_t cursor)
{
    char move[32];
    put("\r" PROMPT);
    (void)!write(STDOUT_FILENO, line, len);
    put("\x1b[K");                      /* erase what was beyond */
    if (len > cursor) {
        snprintf(move, sizeof(move), "\x1b[%zuD", len - cursor);
        put(move);
    }
}

static int read_key(void)
{
    unsigned char c;
    ssize_t n;
    do {
        n = read(STDIN_FILENO, &c, 1);
    } while (n < 0 && errno == EINTR);
    return n == 1 ? c : -1;
}

enum { KEY_UP = 256, KEY_DOWN, KEY_LEFT, KEY_RIGHT, KEY_HOME, KEY_END, KEY_DELETE };

/* read_escape: after ESC, the rest of an arrow or editing key */
static int read_escape(void)
{
    int c = read_key(), d;
    if (c != '[' && c != 'O')
        return 0;
    switch (c = read_key()) {
    case 'A': return KEY_UP;
    case 'B': return KEY_DOWN;
    case 'C': return KEY_RIGHT;
    case 'D': return KEY_LEFT;
    case 'H': return KEY_HOME;
    case 'F': return KEY_END;
    case '1': case '3': case '4': case '7': case '8':
        d = read_key();                  /* ESC [ n ~ */
        if (d != '~')
            return 0;
        return c == '3' ? KEY_DELETE : c == '1' || c == '7' ? KEY_HOME : KEY_END;
    default:
        return 0;
    }
}

static void remember(const char *line)
{
    if (line[0] == '\0' || (history_count && !strcmp(history[(history_count - 1) % HISTORY_LEN], line)))
        return;
    strcpy(history[history_count % HISTORY_LEN], line);
    history_count++;
}

/*
 * edit_line: read one line from the terminal with the editor above.
 * Returns 1 with the line in line[], 0 at end of input (Ctrl-D on an empty
 * line, or the terminal's end of file), -1 when Ctrl-C dropped the line,
 * -2 when it was too long (said at once; the rest up to Enter is ignored).
 */
static int edit_line(char *line)
{
    size_t len = 0, cursor = 0;
    int browsing = history_count;        /* history_count: the line being typed */
    char typed[LINE_MAX_LEN] = "";
    int result = 1;

    line[0] = '\0';
    raw_mode(true);
    put(PROMPT);
    for (;;) {
        int key = read_key();
        if (key == 0x1b)
            key = read_escape();
        if (key < 0 || (key == 4 && len == 0)) {
            result = 0;
            break;
        }
        if (key == '\n' || key == '\r')
            break;
        if (result == -2)               /* too long: wait for Enter */
            continue;
        switch (key) {
        case 3:                          /* Ctrl-C */
            put("^C");
            result = -1;
            goto done;
        case 0x7f: case '\b':
            if (cursor > 0) {
                memmove(line + cursor - 1, line + cursor, len - cursor);
                cursor--;
                len--;
            }
            break;
        case 4: case KEY_DELETE:         /* Ctrl-D in a line erases, like Delete */
            if (cursor < len) {
                memmove(line + cursor, line + cursor + 1, len - cursor - 1);
                len--;
            }
            break;
        case KEY_LEFT: if (cursor > 0) cursor--; break;
        case KEY_RIGHT: if (cursor < len) cursor++; break;
        case 1: case KEY_HOME: cursor = 0; break;
        case 5: case KEY_END: cursor = len; break;
        case 21: len = cursor = 0; break; /* Ctrl-U */
        case 12: put("\x1b[H\x1b[2J"); break; /* Ctrl-L */
        case KEY_UP: case KEY_DOWN: {
            int next = browsing + (key == KEY_UP ? -1 : 1);
            if (next < 0 || next < history_count - HISTORY_LEN || next > history_count)
                break;
            if (browsing == history_count) {
                memcpy(typed, line, len);
                typed[len] = '\0';
            }
            browsing = next;
            strcpy(line, next == history_count ? typed : history[next % HISTORY_LEN]);
            len = cursor = strlen(line);
            break;
        }
        default:
            if (key < ' ' || key > 0x7e)
                break;
            if (len == LINE_MAX_LEN - 1) {   /* refused, and said so */
                put("\n");
                line_too_long();
                result = -2;
                continue;
            }
            memmove(line + cursor + 1, line + cursor, len - cursor);
            line[cursor++] = (char)key;
            len++;
            if (cursor == len) {        /* typed at the end: just show it */
                (void)!write(STDOUT_FILENO, &line[cursor - 1], 1);
                continue;
            }
        }
        line[len] = '\0';
        redraw(line, len, cursor);
    }
done:
    line[len] = '\0';
    put("\n");
    raw_mode(false);
    if (result == 1)
        remember(line);
    return result;
}

/* read_line: the next command line, from the editor or from a pipe/file */
static int read_line(char *line)
{
    if (interactive)
        return edit_line(line);
    return read_plain_line(line) ? 1 : 0;
}

/* ---- words ------------------------------------------------------------ */

/*
 * split_words: cut `line` in place into at most MAX_WORDS words; quotes
 * group, $? becomes the last status, whose text goes to status_text (12
 * bytes).  Returns the number of words (argv[n] is NULL), or -1 with
 * a message for an unclosed quote or too many words.
 */
static int split_words(char *line, char **argv, char *status_text)
{
    int n = 0;
    char *in = line, *out = line;

    snprintf(status_text, 12, "%d", last_status);
    for (;;) {
        while (*in == ' ' || *in == '\t')
            in++;
        if (*in == '\0')
            break;
        if (n == MAX_WORDS) {
            fprintf(stderr, "sh: too many words (at most %d)\n", MAX_WORDS);
            return -1;
        }
        if (in[0] == '$' && in[1] == '?' && (in[2] == '\0' || in[2] == ' ' || in[2] == '\t')) {
            argv[n++] = status_text;
            in += 2;
            continue;
        }
        argv[n++] = out;
        while (*in != '\0' && *in != ' ' && *in != '\t') {
            if (*in == '"' || *in == '\'') {
                char quote = *in++;
                while (*in != quote) {
                    if (*in == '\0') {
                        fprintf(stderr, "sh: missing closing %c\n", quote);
                        return -1;
                    }
                    *out++ = *in++;
                }
                in++;
            } else {
                *out++ = *in++;
            }
        }
        if (*in != '\0')
            in++;
        *out++ = '\0';
    }
    argv[n] = NULL;
    return n;
}

/* ---- builtins --------------------------------------------------------- */

static void builtin_help(void)
{
    printf("usmm shell.  Builtins:\n"
           "  help          this text\n"
           "  ls            the programs in the ramdisk (and, apart, the tests)\n"
           "  clear         clear the screen\n"
           "  exit [N]      leave the shell (init powers off with status N)\n"
           "Anything else runs a program: NAME [ARGS...], e.g.\n"
           "  hello a b     pmap         pmap -s 1     free\n"
           "  vmstat        ps           echo $?       demo_demand_paging\n"
           "Quotes group words: echo \"a  b\".  $? is the last exit status.\n"
           "Keys: arrows edit and recall lines, Ctrl-C stops the running program.\n");
}

/* print_columns: the names in list (one per line) that have the prefix
 * `kind` ("" for programs), without it, several per line; returns how many */
static int print_columns(char *list, const char *kind)
{
    int column = 0, count = 0;
    size_t plen = strlen(kind);

    for (char *name = list; *name; name += strcspn(name, "\n") + (name[strcspn(name, "\n")] != 0)) {
        size_t len = strcspn(name, "\n");
        bool tagged = memchr(name, '/', len) != NULL;
        if (plen ? strncmp(name, kind, plen) != 0 : tagged)
            continue;
        printf("%-20.*s", (int)(len - plen), name + plen);
        count++;
        if (++column == 4) {
            putchar('\n');
            column = 0;
        }
    }
    if (column != 0)
        putchar('\n');
    return count;
}

/* builtin_ls: the ramdisk's programs; then, apart, the test programs
 * (the kernel lists them as tests/NAME) */
static int builtin_ls(void)
{
    char small[2048], *buf = small;
    long need = usmm_programs(small, sizeof(small));

    if (need < 0) {
        fprintf(stderr, "ls: %s\n", strerror(errno));
        return 1;
    }
    if ((size_t)need >= sizeof(small)) {     /* the list did not fit */
        buf = malloc((size_t)need + 1);
        if (buf == NULL || usmm_programs(buf, (uint64_t)need + 1) < 0) {
            fprintf(stderr, "ls: %s\n", strerror(errno));
            free(buf);
            return 1;
        }
    }
    buf[need] = '\0';
    print_columns(buf, "");
    if (strstr(buf, "tests/")) {
        printf("\ntests (make check runs them, some with more memory or kernel options):\n");
        print_columns(buf, "tests/");
    }
    if (buf != small)
        free(buf);
    return 0;
}

/* ---- running programs ------------------------------------------------- */

/* run_program: fork, execve argv[0] in a process group of its own that
 * the terminal sends Ctrl-C to, wait; returns the status for $?: the exit
 * code, or 128 + N for death by signal N */
static int run_program(char **argv)
{
    int status;
    pid_t pid, done;

    fflush(stdout);
    pid = fork();
    if (pid < 0) {
        fprintf(stderr, "sh: fork: %s\n", strerror(errno));
        return 1;
    }
    if (pid == 0) {
        setpgid(0, 0);
        if (interactive) {              /* in front first, then signals on */
            tcsetpgrp(STDIN_FILENO, getpid());
            tcsetattr(STDIN_FILENO, TCSADRAIN, &cooked);
        }
        execve(argv[0], argv, environ);
        if (errno == ENOENT)
            fprintf(stderr, "sh: %s: no such program\n", argv[0]);
        else
            fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    setpgid(pid, pid);                  /* both sides: whoever runs first */
    if (interactive)
        tcsetpgrp(STDIN_FILENO, pid);
    do {
        done = waitpid(pid, &status, 0);
    } while (done < 0 && errno == EINTR);
    if (interactive) {                  /* signals off, then back in front */
        raw_mode(false);
        tcsetpgrp(STDIN_FILENO, getpgrp());
    }
    if (done < 0) {
        fprintf(stderr, "sh: waitpid: %s\n", strerror(errno));
        return 1;
    }
    if (WIFSIGNALED(status)) {
        const char *abbrev = usmm_signal_abbrev(WTERMSIG(status));
        printf("%s: killed by signal %d (SIG%s)\n", argv[0], WTERMSIG(status),
               abbrev ? abbrev : "?");
        return 128 + WTERMSIG(status);
    }
    return WEXITSTATUS(status);
}

int main(void)
{
    char line[LINE_MAX_LEN], status_text[12];
    char *argv[MAX_WORDS + 1];

    interactive = tcgetattr(STDIN_FILENO, &cooked) == 0;
    if (interactive) {
        cooked.c_lflag |= ISIG | ICANON | ECHO;
        setpgid(0, 0);                  /* a group of our own, in front */
        raw_mode(false);
        tcsetpgrp(STDIN_FILENO, getpgrp());
    }
    bool got_eof = false;

    for (;;) {
        int argc, got;

        if (!interactive) {
            printf(PROMPT);
            fflush(stdout);
        }
        got = read_line(line);
        if (got == 0) {
            got_eof = true;
            break;
        }
        if (got < 0) {                  /* Ctrl-C at the prompt, or too long */
            last_status = got == -1 ? 130 : 2;
            continue;
        }
        argc = split_words(line, argv, status_text);
        if (argc <= 0) {
            if (argc < 0)
                last_status = 2;
            continue;
        }
        if (strcmp(argv[0], "exit") == 0) {
            last_status = argc > 1 ? atoi(argv[1]) : last_status;
            break;
        }
        if (strcmp(argv[0], "help") == 0) {
            builtin_help();
            last_status = 0;
        } else if (strcmp(argv[0], "ls") == 0) {
            last_status = builtin_ls();
        } else if (strcmp(argv[0], "clear") == 0) {
            put("\x1b[H\x1b[2J");
            last_status = 0;
        } else {
            last_status = run_program(argv);
        }
    }
    if (interactive)
        tcsetattr(STDIN_FILENO, TCSADRAIN, &cooked);
    else if (got_eof)
        putchar('\n');                 /* end of input: leave the prompt's line */
    return last_status;
}
