/*
 * sh - a small interactive shell on the console.
 *
 *   usmm$ hello a "b c"        run a program with arguments (fork + execve + wait),
 *                              found through $PATH (execvp)
 *   usmm$ echo $?              $? is the exit status of the last command
 *   usmm$ echo hi > f          redirection: > (truncate), >> (append), < (input)
 *   usmm$ cat f | wc           pipes: every command in one process group
 *   usmm$ cd /tmp              the working directory (cd, pwd)
 *   usmm$ programs             the programs in the ramdisk
 *   usmm$ help                 what the shell knows
 *   usmm$ exit [N]             leave (so does end of input)
 *
 *   usmm$ clear                clear the screen
 *
 *   sh -c "COMMAND LINE"       run one line and exit with its status
 *                              (what the C library's system() does)
 *
 * Words are separated by spaces or tabs; double or single quotes make one
 * word of what they enclose.  On a terminal the shell edits the line
 * itself (arrows, history: see the line editor below); from a pipe or a
 * file it reads whole lines.  Each program runs in a process group of its
 * own, which the shell makes the terminal's foreground group: Ctrl-C
 * (SIGINT) reaches the program, not the shell.
 */
#include <errno.h>
#include <fcntl.h>
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
#define MAX_COMMANDS 8

/* What split_words makes of a word: a plain word, or an operator. */
enum word_kind { WORD, PIPE, REDIR_OUT, REDIR_APPEND, REDIR_IN };

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
 * split_words: cut `line` into at most MAX_WORDS words (kept in a buffer
 * of split_words' own until the next call); quotes
 * group, $? becomes the last status, whose text goes to status_text (12
 * bytes); an unquoted |, <, > or >> is an operator word of its own (its
 * kind in kinds[]).  Returns the number of words (argv[n] is NULL), or -1
 * with a message for an unclosed quote or too many words.
 */
static int split_words(char *line, char **argv, enum word_kind *kinds, char *status_text)
{
    static char ops[MAX_WORDS][3];
    static char words[2 * LINE_MAX_LEN];   /* the words, each ending in '\0' */
    int n = 0;
    char *in = line, *out = words;

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
            kinds[n] = WORD;
            argv[n++] = status_text;
            in += 2;
            continue;
        }
        if (*in == '|' || *in == '<' || *in == '>') {
            bool twice = in[0] == '>' && in[1] == '>';
            kinds[n] = *in == '|' ? PIPE : *in == '<' ? REDIR_IN : twice ? REDIR_APPEND : REDIR_OUT;
            snprintf(ops[n], sizeof(ops[n]), "%s", twice ? ">>" : (char[]){ *in, 0 });
            argv[n] = ops[n];
            n++;
            in += twice ? 2 : 1;
            continue;
        }
        kinds[n] = WORD;
        argv[n++] = out;
        while (*in != '\0' && *in != ' ' && *in != '\t' && *in != '|' && *in != '<' &&
               *in != '>') {
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
        if (*in == ' ' || *in == '\t')
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
           "  programs      the programs in the ramdisk (and, apart, the tests)\n"
           "  cd DIR, pwd   the working directory\n"
           "  clear         clear the screen\n"
           "  exit [N]      leave the shell (init powers off with status N)\n"
           "Anything else runs a program: NAME [ARGS...], e.g.\n"
           "  hello a b     pmap         pmap -s 1     free\n"
           "  vmstat        ps           echo $?       demo_demand_paging\n"
           "Quotes group words: echo \"a  b\".  $? is the last exit status.\n"
           "Redirection: > FILE, >> FILE, < FILE; pipes: cmd1 | cmd2 | ...\n"
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

/* builtin_programs: the ramdisk's programs; then, apart, the test programs
 * (the kernel lists them as tests/NAME) */
static int builtin_programs(void)
{
    char small[2048], *buf = small;
    long need = usmm_programs(small, sizeof(small));

    if (need < 0) {
        fprintf(stderr, "programs: %s\n", strerror(errno));
        return 1;
    }
    if ((size_t)need >= sizeof(small)) {     /* the list did not fit */
        buf = malloc((size_t)need + 1);
        if (buf == NULL || usmm_programs(buf, (uint64_t)need + 1) < 0) {
            fprintf(stderr, "programs: %s\n", strerror(errno));
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

/* One command of a pipeline: its words and where its input and output go. */
struct command {
    char **argv;
    const char *in, *out;       /* files, or NULL */
    bool append;
};

/*
 * parse_pipeline: cut the words into commands at each |, taking the
 * redirections out of their words.  Returns the number of commands, or -1
 * with a message (a redirection without a file, an empty command).
 */
static int parse_pipeline(char **argv, enum word_kind *kinds, int argc, struct command *cmds)
{
    int n = 0, out = 0;
    char **words = argv;            /* argv is compacted in place */

    cmds[0] = (struct command){ words, NULL, NULL, false };
    for (int i = 0; i < argc; i++) {
        if (kinds[i] == PIPE) {
            if (&argv[out] == cmds[n].argv || n + 1 == MAX_COMMANDS) {
                fprintf(stderr, "sh: %s\n", n + 1 == MAX_COMMANDS ? "too many commands"
                                                               : "empty command before |");
                return -1;
            }
            argv[out++] = NULL;
            cmds[++n] = (struct command){ &argv[out], NULL, NULL, false };
        } else if (kinds[i] != WORD) {
            if (i + 1 == argc || kinds[i + 1] != WORD) {
                fprintf(stderr, "sh: %s needs a file name\n", argv[i]);
                return -1;
            }
            if (kinds[i] == REDIR_IN)
                cmds[n].in = argv[i + 1];
            else {
                cmds[n].out = argv[i + 1];
                cmds[n].append = kinds[i] == REDIR_APPEND;
            }
            i++;
        } else {
            argv[out++] = argv[i];
        }
    }
    argv[out] = NULL;
    if (cmds[n].argv[0] == NULL) {
        fprintf(stderr, "sh: empty command\n");
        return -1;
    }
    return n + 1;
}

/* redirect: open `path` as descriptor fd (in the child); false if not. */
static bool redirect(const char *path, int flags, int fd)
{
    int f = open(path, flags, 0666);
    if (f < 0) {
        fprintf(stderr, "sh: %s: %s\n", path, strerror(errno));
        return false;
    }
    if (f != fd) {
        dup2(f, fd);
        close(f);
    }
    return true;
}

/* exec_command: the child's side: its descriptors, then the program
 * (found through $PATH).  Never returns. */
static void exec_command(struct command *c, int in, int out, pid_t pgid)
{
    setpgid(0, pgid);
    if (interactive) {                  /* in front first, then signals on */
        tcsetpgrp(STDIN_FILENO, pgid ? pgid : getpid());
        tcsetattr(STDIN_FILENO, TCSADRAIN, &cooked);
    }
    if (in != STDIN_FILENO) {
        dup2(in, STDIN_FILENO);
        close(in);
    }
    if (out != STDOUT_FILENO) {
        dup2(out, STDOUT_FILENO);
        close(out);
    }
    if ((c->in && !redirect(c->in, O_RDONLY, STDIN_FILENO)) ||
        (c->out && !redirect(c->out, O_WRONLY | O_CREAT | (c->append ? O_APPEND : O_TRUNC),
                             STDOUT_FILENO)))
        _exit(1);
    execvp(c->argv[0], c->argv);
    if (errno == ENOENT)
        fprintf(stderr, "sh: %s: no such program\n", c->argv[0]);
    else
        fprintf(stderr, "sh: %s: %s\n", c->argv[0], strerror(errno));
    _exit(127);
}

/* wait_status: the status for $? of a child's wait status: the exit code,
 * or 128 + N for death by signal N (which is reported) */
static int wait_status(const char *name, int status)
{
    if (WIFSIGNALED(status)) {
        const char *abbrev = usmm_signal_abbrev(WTERMSIG(status));
        if (WTERMSIG(status) != SIGPIPE)
            printf("%s: killed by signal %d (SIG%s)\n", name, WTERMSIG(status),
                   abbrev ? abbrev : "?");
        return 128 + WTERMSIG(status);
    }
    return WEXITSTATUS(status);
}

/* run_pipeline: fork every command of the pipeline, each reading the one
 * before it through a pipe, all in one process group that the terminal
 * sends Ctrl-C to; wait for them all; returns the last one's status. */
static int run_pipeline(struct command *cmds, int n)
{
    pid_t pids[MAX_COMMANDS], pgid = 0;
    int in = STDIN_FILENO, status = 0, last = 0;

    fflush(stdout);
    for (int i = 0; i < n; i++) {
        int p[2] = { -1, STDOUT_FILENO };
        if (i + 1 < n && pipe(p) < 0) {
            fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
            break;
        }
        pids[i] = fork();
        if (pids[i] == 0) {
            if (p[0] >= 0)
                close(p[0]);
            exec_command(&cmds[i], in, p[1], pgid);
        }
        if (pids[i] > 0) {
            if (!pgid)
                pgid = pids[i];
            setpgid(pids[i], pgid);     /* both sides: whoever runs first */
        } else {
            fprintf(stderr, "sh: fork: %s\n", strerror(errno));
        }
        if (in != STDIN_FILENO)
            close(in);
        if (p[1] != STDOUT_FILENO)
            close(p[1]);
        in = p[0];
        if (pids[i] < 0) {
            n = i;
            last = 1;
            break;
        }
    }
    if (in > STDIN_FILENO)
        close(in);
    if (interactive && pgid)
        tcsetpgrp(STDIN_FILENO, pgid);
    for (int i = 0; i < n; i++) {
        pid_t done;
        do {
            done = waitpid(pids[i], &status, 0);
        } while (done < 0 && errno == EINTR);
        if (done < 0) {
            fprintf(stderr, "sh: waitpid: %s\n", strerror(errno));
            status = 1 << 8;
        }
        last = wait_status(cmds[i].argv[0], status);
    }
    if (interactive) {                  /* signals off, then back in front */
        raw_mode(false);
        tcsetpgrp(STDIN_FILENO, getpgrp());
    }
    return last;
}

/* run_line: one command line: builtins, or a pipeline.  Returns false for
 * `exit` (last_status set). */
static bool run_line(char *line)
{
    char *argv[MAX_WORDS + 1], status_text[12], cwd[256];
    enum word_kind kinds[MAX_WORDS + 1];
    struct command cmds[MAX_COMMANDS];
    int argc = split_words(line, argv, kinds, status_text), n;

    if (argc <= 0) {
        if (argc < 0)
            last_status = 2;
        return true;
    }
    if (strcmp(argv[0], "exit") == 0 && kinds[0] == WORD) {
        last_status = argc > 1 ? atoi(argv[1]) : last_status;
        return false;
    }
    n = parse_pipeline(argv, kinds, argc, cmds);
    if (n < 0) {
        last_status = 2;
    } else if (n == 1 && !cmds[0].in && !cmds[0].out && strcmp(argv[0], "help") == 0) {
        builtin_help();
        last_status = 0;
    } else if (n == 1 && strcmp(argv[0], "programs") == 0) {
        last_status = builtin_programs();
    } else if (n == 1 && strcmp(argv[0], "cd") == 0) {
        last_status = chdir(argv[1] ? argv[1] : "/") == 0 ? 0 : 1;
        if (last_status)
            fprintf(stderr, "sh: cd: %s: %s\n", argv[1] ? argv[1] : "/", strerror(errno));
    } else if (n == 1 && strcmp(argv[0], "pwd") == 0) {
        last_status = getcwd(cwd, sizeof(cwd)) ? (puts(cwd), 0) : 1;
    } else if (n == 1 && strcmp(argv[0], "clear") == 0) {
        put("\x1b[H\x1b[2J");
        last_status = 0;
    } else {
        last_status = run_pipeline(cmds, n);
    }
    return true;
}

int main(int argc, char **argv)
{
    char line[LINE_MAX_LEN];
    bool got_eof = false;

    if (argc > 2 && strcmp(argv[1], "-c") == 0) {  /* sh -c LINE (system()) */
        snprintf(line, sizeof(line), "%s", argv[2]);
        run_line(line);
        return last_status;
    }
    interactive = tcgetattr(STDIN_FILENO, &cooked) == 0;
    if (interactive) {
        cooked.c_lflag |= ISIG | ICANON | ECHO;
        setpgid(0, 0);                  /* a group of our own, in front */
        raw_mode(false);
        tcsetpgrp(STDIN_FILENO, getpgrp());
    }
    for (;;) {
        int got;

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
        if (!run_line(line))
            break;
    }
    if (interactive)
        tcsetattr(STDIN_FILENO, TCSADRAIN, &cooked);
    else if (got_eof)
        putchar('\n');                 /* end of input: leave the prompt's line */
    return last_status;
}
