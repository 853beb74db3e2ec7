/*
 * sh - a small interactive shell on the console.
 *
 *   usmm$ hello a "b c"        run a program with arguments (fork + execve + wait)
 *   usmm$ echo $?              $? is the exit status of the last command
 *   usmm$ ls                   the programs in the ramdisk
 *   usmm$ help                 what the shell knows
 *   usmm$ exit [N]             leave (so does end of input)
 *
 * Words are separated by spaces or tabs; double or single quotes make one
 * word of what they enclose.  The kernel's console echoes what is typed
 * and handles backspace, so a read() brings a whole line; the shell still
 * copes with several lines per read (input from a pipe or file) and with a
 * line split over several reads.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <usmm.h>

#define LINE_MAX_LEN 512
#define MAX_WORDS    32

static int last_status;         /* for $? */

/* ---- reading lines ---------------------------------------------------- */

static char input[LINE_MAX_LEN];
static size_t input_len;        /* bytes in input[] not yet handed out */

/*
 * read_line: the next line of standard input, without its newline, in
 * line[] (cut to LINE_MAX_LEN - 1 characters).  Returns false at end of
 * input (read() returned 0) or on a read error.  A last line without a
 * newline still counts.
 */
static bool read_line(char *line)
{
    for (;;) {
        char *newline = memchr(input, '\n', input_len);
        size_t len;
        ssize_t n;

        if (newline != NULL || input_len == sizeof(input)) {
            len = newline ? (size_t)(newline - input) : input_len;
            memcpy(line, input, len < LINE_MAX_LEN ? len : LINE_MAX_LEN - 1);
            line[len < LINE_MAX_LEN ? len : LINE_MAX_LEN - 1] = '\0';
            if (newline)
                len++;
            memmove(input, input + len, input_len - len);
            input_len -= len;
            return true;
        }
        n = read(STDIN_FILENO, input + input_len, sizeof(input) - input_len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (input_len == 0)
                return false;
            memcpy(line, input, input_len);    /* a last line without '\n' */
            line[input_len] = '\0';
            input_len = 0;
            return true;
        }
        input_len += (size_t)n;
    }
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
           "  ls            the programs in the ramdisk\n"
           "  exit [N]      leave the shell (init then powers off)\n"
           "Anything else runs a program: NAME [ARGS...], e.g.\n"
           "  hello a b     pmap         pmap -s 1     free\n"
           "  vmstat        ps           echo $?       demo_demand_paging\n"
           "Quotes group words: echo \"a  b\".  $? is the last exit status.\n");
}

/* builtin_ls: the ramdisk's program names, several per line */
static int builtin_ls(void)
{
    char small[1024], *buf = small;
    long need = usmm_programs(small, sizeof(small));
    int column = 0;

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
    for (char *save, *name = strtok_r(buf, "\n", &save); name != NULL;
         name = strtok_r(NULL, "\n", &save)) {
        printf("%-20s", name);
        if (++column == 4) {
            putchar('\n');
            column = 0;
        }
    }
    if (column != 0)
        putchar('\n');
    if (buf != small)
        free(buf);
    return 0;
}

/* ---- running programs ------------------------------------------------- */

/* run_program: fork, execve argv[0], wait; returns the status for $?:
 * the exit code, or 128 + N for death by signal N */
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
        execve(argv[0], argv, environ);
        if (errno == ENOENT)
            fprintf(stderr, "sh: %s: no such program\n", argv[0]);
        else
            fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    do {
        done = waitpid(pid, &status, 0);
    } while (done < 0 && errno == EINTR);
    if (done < 0) {
        fprintf(stderr, "sh: waitpid: %s\n", strerror(errno));
        return 1;
    }
    if (WIFSIGNALED(status)) {
        const char *abbrev = sigabbrev_np(WTERMSIG(status));
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

    for (;;) {
        int argc;

        printf("usmm$ ");
        fflush(stdout);
        if (!read_line(line))
            break;
        argc = split_words(line, argv, status_text);
        if (argc <= 0) {
            if (argc < 0)
                last_status = 2;
            continue;
        }
        if (strcmp(argv[0], "exit") == 0)
            return argc > 1 ? atoi(argv[1]) : last_status;
        if (strcmp(argv[0], "help") == 0) {
            builtin_help();
            last_status = 0;
        } else if (strcmp(argv[0], "ls") == 0) {
            last_status = builtin_ls();
        } else {
            last_status = run_program(argv);
        }
    }
    putchar('\n');              /* end of input: leave the prompt's line */
    return last_status;
}
