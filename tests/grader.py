#!/usr/bin/env python3
"""tests/grader.py - run every test of usmm and print one line per test.

`make check` builds everything and then runs this.  Kinds of tests:

  host    tests/host/test_*.c, built as build/host*/test_*: each prints
          "PASS name" / "FAIL name: why" lines (tests/host/check.h).
  user    tests/user/*.c, user programs run inside the kernel with
          `-- run NAME`: each check they print (tests/user/utest.h) is a
          result line, and the program must exit with status 0.
  ktest   in-kernel self tests (ktest=NAME on the command line).
  boot    the interactive boot path of every phase, Bochs, and GDB.
  handout (--handout) the student's hand-out, built and graded as a
          student grades it: untouched it fails every lab, with the
          reference lab files copied in it passes.

`--student` (what `make check` runs on lab code from labs/) runs only the
lab tests and one boot of each phase.

A user test's first lines may say how to run it:
    // phases: 1 3         which phase kernels run it (default: 1 and the highest)
    // args: a b c         its arguments
    // memory: 2G          guest RAM (default 512M)
    // timeout: 300        seconds of wall-clock backstop (default 120)
    // lab: 5              the lab whose score it counts towards
    // expect-status: 0    the exit status init reports (default 0)
    // expect-log: REGEX   a line of the console log that must appear (repeatable)
    // cmdline: WORDS      extra kernel command line words (e.g. check_mm=2)
    // not-a-test: WHY     a helper program other tests run, not a test itself
    // cpus: max max,-pku  run it once per QEMU CPU model (default: max); the
                           runs after the first are named NAME@MODEL
    // disk-check: e2fsck  after the run, the host's `e2fsck -fn` must find the
                           test's disk image clean
    // disk-cat: /PATH TEXT   after the run, `debugfs -R "cat /PATH"` must
                           print TEXT (\n for a newline; repeatable)
    // boot2-args: WORDS   boot a second time on the same disk image, running
                           the program with these arguments

Every QEMU run gets its own copy of the disk image (build/disk/usmm-disk.img,
see mk/disk.mk) as the primary channel's slave drive, kept beside the log
(LOG.img) when the test fails.

Every kernel runs under QEMU with -icount shift=0,align=off,sleep=off: guest
time follows the instructions executed, so timer interrupts, scheduling
and therefore every result repeat exactly.  Timeouts are only a backstop.

The closing line is "N passed, N failed"; the exit status is 1 if anything
failed.
"""
import argparse
import concurrent.futures
import os
import re
import select
import shutil
import socket
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QEMU = "qemu-system-x86_64"
DISK_IMAGE = os.path.join(ROOT, "build", "disk", "usmm-disk.img")
ICOUNT = "shift=0,align=off,sleep=off"
LAB_NAMES = {}  # filled from labs/lab*.c


class Result:
    def __init__(self, name, ok, why="", log_tail=None, lab=None):
        self.name, self.ok, self.why, self.log_tail, self.lab = name, ok, why, log_tail, lab

    def line(self):
        if self.ok:
            return f"PASS {self.name}"
        return f"FAIL {self.name}: {self.why}"


def tail(text, n=30):
    lines = text.replace("\r", "").splitlines()
    return lines[-n:]


def read(path):
    try:
        with open(path, errors="replace") as f:
            return f.read().replace("\r", "")
    except OSError:
        return ""


def header_options(path):
    """The `// key: value` lines at the top of a test source file (a key that
    repeats, like expect-log, collects its values in a list under key + 's')."""
    opts = {"expect-logs": []}
    with open(path, errors="replace") as f:
        for line in f:
            m = re.match(r"//\s*([a-z0-9-]+):\s*(.*)$", line.strip())
            if not m:
                if line.strip() and not line.startswith("//"):
                    break
                continue
            if m.group(1) in ("expect-log", "disk-cat"):
                opts.setdefault(m.group(1) + "s", []).append(m.group(2).strip())
            else:
                opts[m.group(1)] = m.group(2).strip()
    return opts


# ---------------------------------------------------------------- QEMU ----

def disk_args(image):
    """QEMU's arguments attaching `image` as the primary slave (mk/run.mk)."""
    return ["-drive", f"file={image},format=raw,if=ide,index=1"] if image else []


def disk_copy(log):
    """A fresh copy of the disk image for one test run, beside its log; None
    when no image was built."""
    if not os.path.exists(DISK_IMAGE):
        return None
    image = log + ".img"
    subprocess.run(["cp", "--sparse=always", DISK_IMAGE, image], check=True)
    return image


def host_tool(name):
    return shutil.which(name) or shutil.which(name, path="/sbin:/usr/sbin") or name


def run_qemu(kernel, cmdline, log, memory="512M", timeout=120, extra=(), disk="copy",
             cpu="max"):
    """Boot `kernel` with a disk (a fresh copy of the image, or the image
    `disk`); return (exit code or None on timeout, serial log text)."""
    own = disk == "copy"
    if own:
        disk = disk_copy(log)
    args = [QEMU, "-machine", "pc", "-cpu", cpu, "-m", memory, "-smp", "1", *disk_args(disk),
            "-no-reboot", "-display", "none", "-monitor", "none",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-icount", ICOUNT, "-serial", f"file:{log}",
            "-kernel", kernel, "-append", cmdline, *extra]
    if os.path.exists(log):
        os.remove(log)
    try:
        proc = subprocess.run(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=timeout)
        code = proc.returncode
        qemu_out = proc.stdout.decode(errors="replace")
    except subprocess.TimeoutExpired:
        code, qemu_out = None, ""
    text = read(log)
    if qemu_out.strip():
        text += "\n[qemu] " + qemu_out
    if own and disk:
        os.remove(disk)
    return code, text


def poweroff_status(text):
    found = re.findall(r"^poweroff: status (\d+)", text, re.M)
    return int(found[-1]) if found else None


def check_exit(code, text, expect_status, timeout):
    """Why the run did not end as expected, or None when it did."""
    if code is None:
        return f"timed out after {timeout} s (wall clock)"
    if "KERNEL PANIC" in text and expect_status != 127:
        m = re.search(r"KERNEL PANIC: (.*)", text)
        return "kernel panic: " + (m.group(1) if m else "?")
    if code == 0:
        return "QEMU exited with 0: the machine stopped without a power-off (triple fault?)"
    if code % 2 == 0:
        return f"QEMU failed with exit code {code}"
    status = poweroff_status(text)
    if status is None:
        return "no 'poweroff: status' line in the log"
    if (2 * status + 1) & 255 != code:
        return f"log says status {status} but QEMU exited with {code}"
    if status != expect_status:
        return f"expected exit status {expect_status}, got {status}"
    return None


# ---------------------------------------------------------------- tests ---

class Test:
    lab = None

    def run(self, ctx):
        raise NotImplementedError


class HostTest(Test):
    def __init__(self, binary):
        self.binary = binary
        base = os.path.basename(binary)
        self.name = "host/" + base[len("test_"):]
        m = re.match(r"test_lab(\d+)_", base)
        self.lab = int(m.group(1)) if m else None

    def run(self, ctx):
        try:
            proc = subprocess.run([self.binary], stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, timeout=600)
            out, code = proc.stdout.decode(errors="replace"), proc.returncode
        except subprocess.TimeoutExpired:
            return [Result(self.name, False, "timed out after 600 s", lab=self.lab)]
        results = []
        for line in out.splitlines():
            m = re.match(r"(PASS|FAIL) (\S+?)(?::\s*(.*))?$", line)
            if m:
                results.append(Result(f"{self.name}/{m.group(2)}", m.group(1) == "PASS",
                                      m.group(3) or "", lab=self.lab))
        if code != 0 and all(r.ok for r in results):
            results.append(Result(self.name, False,
                                  f"exited with {code} (crash or sanitizer report)",
                                  tail(out), lab=self.lab))
        if not results:
            results.append(Result(self.name, False, "printed no results", tail(out),
                                  lab=self.lab))
        return results


class UserTest(Test):
    def __init__(self, source, phase, opts, cpu="max", cpu_suffix=""):
        self.program = os.path.splitext(os.path.basename(source))[0]
        self.cpu = cpu
        self.phase = phase
        self.args = opts.get("args", "")
        self.memory = opts.get("memory", "512M")
        self.timeout = int(opts.get("timeout", "120"))
        self.expect_status = int(opts.get("expect-status", "0"))
        self.lab = int(opts["lab"]) if "lab" in opts else None
        self.expect_logs = opts["expect-logs"]
        self.cmdline = opts.get("cmdline", "")
        self.disk_check = opts.get("disk-check")
        self.disk_cats = opts.get("disk-cats", [])
        self.boot2_args = opts.get("boot2-args")
        self.name = f"phase{phase}/{self.program}{cpu_suffix}"

    def disk_results(self, image):
        """The host's verdict on the disk image after the run: e2fsck -fn,
        then each disk-cat line through debugfs."""
        results = []
        if self.disk_check:
            fsck = subprocess.run([host_tool("e2fsck"), "-fn", image], stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT)
            out = fsck.stdout.decode(errors="replace")
            results.append(Result(f"{self.name}/host_e2fsck_finds_the_image_clean",
                                  fsck.returncode == 0, f"e2fsck -fn exited {fsck.returncode}",
                                  tail(out), lab=self.lab))
        for line in self.disk_cats:
            path, _, want = line.partition(" ")
            want = want.encode().decode("unicode_escape")
            cat = subprocess.run([host_tool("debugfs"), "-R", f"cat {path}", image],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            got = cat.stdout.decode(errors="replace")
            results.append(Result(f"{self.name}/host_debugfs_reads_{path.strip('/').replace('/', '_')}",
                                  got == want, f"debugfs cat {path}: expected {want[:200]!r}, "
                                  f"got {got[:200]!r}", lab=self.lab))
        return results

    def run(self, ctx):
        log = ctx.log_path(self.name)
        cmdline = f"quiet {self.cmdline} -- run {self.program} {self.args}".strip()
        image = disk_copy(log)
        code, text = run_qemu(ctx.kernel(self.phase), cmdline, log, self.memory, self.timeout,
                              disk=image, cpu=self.cpu)
        if self.boot2_args is not None and check_exit(code, text, self.expect_status,
                                                      self.timeout) is None:
            cmdline = f"quiet {self.cmdline} -- run {self.program} {self.boot2_args}".strip()
            code, text2 = run_qemu(ctx.kernel(self.phase), cmdline, log + "2", self.memory,
                                   self.timeout, disk=image, cpu=self.cpu)
            text += "\n" + text2
        results = []
        for line in text.splitlines():
            m = re.match(r"(PASS|FAIL) (\S+?)(?::\s*(.*))?$", line)
            if m:
                results.append(Result(f"{self.name}/{m.group(2)}", m.group(1) == "PASS",
                                      m.group(3) or "", tail(text), lab=self.lab))
        why = check_exit(code, text, self.expect_status, self.timeout)
        for pattern in self.expect_logs if not why else []:
            if not re.search(pattern, text, re.M):
                why = f"expected a log line matching {pattern!r}"
        if image and not why:
            results += self.disk_results(image)
        if why:
            results.append(Result(self.name, False, why, tail(text), lab=self.lab))
        elif not results:
            results.append(Result(self.name, True, lab=self.lab))
        if image and all(r.ok for r in results):
            os.remove(image)
        return results


class KernelTest(Test):
    """A boot with a given command line whose log must contain lines."""

    def __init__(self, name, phase, cmdline, expect=(), expect_status=0, memory="512M",
                 timeout=120):
        self.name, self.phase, self.cmdline = name, phase, cmdline
        self.expect, self.expect_status = expect, expect_status
        self.memory, self.timeout = memory, timeout

    def run(self, ctx):
        log = ctx.log_path(self.name)
        code, text = run_qemu(ctx.kernel(self.phase), self.cmdline, log, self.memory,
                              self.timeout)
        why = check_exit(code, text, self.expect_status, self.timeout)
        if not why:
            for pattern in self.expect:
                if not re.search(pattern, text, re.M):
                    why = f"expected a line matching {pattern!r}"
                    break
        return [Result(self.name, why is None, why or "", tail(text))]


class MuslTest(Test):
    """A static musl binary (tests/musl/NAME.c), the same file run on this
    host's Linux and in the kernel: the output and the exit status must be
    the same."""

    def __init__(self, source, phase, opts):
        self.program = os.path.splitext(os.path.basename(source))[0]
        self.phase = phase
        self.args = opts.get("args", "").split()
        self.name = f"phase{phase}/{self.program}_runs_as_on_linux"

    def run(self, ctx):
        binary = os.path.join(ctx.build_root, "user", "musl", self.program)
        try:
            host = subprocess.run([binary] + self.args, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as e:
            return [Result(self.name, False, f"cannot run {binary} on the host: {e}")]
        expected = host.stdout.decode(errors="replace")
        log = ctx.log_path(self.name)
        code, text = run_qemu(ctx.kernel(self.phase),
                              " ".join(["quiet", "--", "run", self.program] + self.args), log)
        status = poweroff_status(text)
        got = "\n".join(l for l in text.splitlines() if not l.startswith("poweroff: status"))
        why = None
        if code is None:
            why = "timed out"
        elif "KERNEL PANIC" in text:
            why = "kernel panic"
        elif status != host.returncode:
            why = f"exit status {status} in usmm, {host.returncode} on Linux"
        elif got.strip("\n") != expected.strip("\n"):
            why = "output differs from Linux's: expected " + repr(expected[:300]) + \
                  ", got " + repr(got[:300])
        return [Result(self.name, why is None, why or "", tail(text))]


def musl_tests(phases):
    tests = []
    folder = os.path.join(ROOT, "tests/musl")
    for source in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        if source.endswith(".c"):
            opts = header_options(os.path.join(folder, source))
            wanted = [p for p in phases if "phases" not in opts or
                      str(p) in opts["phases"].split()]
            for phase in sorted({min(wanted), max(wanted)} if wanted else ()):
                tests.append(MuslTest(source, phase, opts))
    return tests


def screen(data):
    """What a terminal shows for `data`: carriage returns, erase to end of
    line (ESC [ K), cursor left/right (ESC [ n D / C) and clear (ESC [ 2 J)
    applied, line by line -- the text a person reads."""
    lines, line, cur, i = [], [], 0, 0
    while i < len(data):
        c = data[i]
        m = re.match(r"\x1b\[(\d*)([A-Za-z~])", data[i:])
        if m:
            n, op = int(m.group(1) or 1), m.group(2)
            if op == "K":
                del line[cur:]
            elif op == "D":
                cur = max(0, cur - n)
            elif op == "C":
                cur = min(len(line), cur + n)
            elif op == "J":
                lines, line, cur = [], [], 0
            i += m.end()
            continue
        if c == "\r":
            cur = 0
        elif c == "\n":
            lines.append("".join(line))
            line, cur = [], 0
        elif c == "\b":
            cur = max(0, cur - 1)
        elif c >= " " or c == "\t":
            if cur < len(line):
                line[cur] = c
            else:
                line.append(c)
            cur += 1
        i += 1
    return "\n".join(lines + ["".join(line)])


class ConsoleTest(Test):
    """Boot to the shell with the serial console on a pipe, type into it as
    a person would, and read the screen: `steps` is a list of (bytes to
    send, regex the output must then show).  The run must end with a
    power-off with `expect_status`."""

    def __init__(self, name, phase, steps, expect_status=0, timeout=120):
        self.name, self.phase, self.steps = name, phase, steps
        self.expect_status, self.timeout = expect_status, timeout

    def run(self, ctx):
        import threading
        import time
        log = ctx.log_path(self.name)
        args = [QEMU, "-machine", "pc", "-cpu", "max", "-m", "512M", "-smp", "1",
                "-no-reboot", "-display", "none", "-monitor", "none",
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                "-icount", ICOUNT, "-serial", "stdio",
                "-kernel", ctx.kernel(self.phase), "-append", "quiet"]
        image = disk_copy(log)
        args += disk_args(image)
        proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
        out = bytearray()
        reader = threading.Thread(target=lambda: [out.extend(c) for c in iter(
            lambda: proc.stdout.read1(4096), b"")], daemon=True)
        reader.start()
        why, seen = None, 0
        deadline = time.time() + self.timeout
        for send, expect in self.steps:
            if send:
                proc.stdin.write(send)
                proc.stdin.flush()
            pattern = re.compile(expect, re.M)
            ended = False
            while True:
                text = screen(out.decode(errors="replace"))
                m = pattern.search(text, seen)
                if m:
                    seen = m.end()
                    break
                if time.time() > deadline or ended:
                    why = f"after sending {send!r}: expected {expect!r} on the console"
                    break
                if proc.poll() is not None:         # one more look once the reader
                    reader.join(timeout=5)          # has taken the last bytes
                    ended = True
                    continue
                time.sleep(0.05)
            if why:
                break
        try:
            code = proc.wait(timeout=max(1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            proc.kill()
            code = None
        time.sleep(0.1)
        text = screen(out.decode(errors="replace"))
        with open(log, "w") as f:
            f.write(text)
        if not why:
            why = check_exit(code, text, self.expect_status, self.timeout)
        if image:
            os.remove(image)
        return [Result(self.name, why is None, why or "", tail(text))]


def console_tests(phase):
    prompt = r"usmm\$ "
    return [
        ConsoleTest(f"phase{phase}/shell_exit_status_reaches_poweroff", phase,
                    [(None, prompt), (b"exit 3\r", r"^poweroff: status 3$")], expect_status=3),
        ConsoleTest(f"phase{phase}/ctrl_c_stops_the_program_not_the_shell", phase,
                    [(None, prompt), (b"cat\r", r"cat\n"), (b"typed\r", r"typed\ntyped\n"),
                     (b"\x03", r"\^C\ncat: killed by signal 2 \(SIGINT\)\n"), (None, prompt),
                     (b"echo $?\r", r"^130$"), (None, prompt),
                     (b"\x03", r"\^C\n"), (None, prompt),
                     (b"echo still here\r", r"^still here$"), (None, prompt),
                     (b"exit 0\r", r"^poweroff: status 0$")]),
        ConsoleTest(f"phase{phase}/shell_line_editing_and_history", phase,
                    [(None, prompt), (b"echo one two\r", r"^one two$"), (None, prompt),
                     (b"\x1b[A\r", r"^one two$"), (None, prompt),
                     (b"echo ac\x1b[Db\r", r"^abc$"), (None, prompt),
                     (b"echo xy\x1b[D\x1b[3~\x1b[Fz\r", r"^xz$"),
                     (None, prompt),
                     (b"x" * 600 + b"\r", r"sh: line too long \(at most 511 characters\)"),
                     (None, prompt), (b"echo $?\r", r"^2$"), (None, prompt),
                     (b"exit 0\r", r"^poweroff: status 0$")]),
        ConsoleTest(f"phase{phase}/programs_see_end_of_input", phase,
                    [(None, prompt), (b"cat\r", r"cat\n"), (b"one\r", r"one\none\n"),
                     (b"\x04", prompt), (b"echo $?\r", r"^0$"), (None, prompt),
                     (b"\x04", r"^poweroff: status 0$")]),
    ]


def shell_file_tests(phase):
    """The shell on a kernel with a disk: redirection, pipes, the file
    programs (ls, cat, cp, rm, mkdir), cd and pwd, typed at the console."""
    prompt = r"usmm\$ "
    return [
        ConsoleTest(f"phase{phase}/shell_redirection_and_pipes", phase,
                    [(None, prompt), (b"echo hello disk > /tmp/f\r", prompt),
                     (b"cat /tmp/f\r", r"^hello disk$"), (None, prompt),
                     (b"echo more >> /tmp/f\r", prompt),
                     (b"cat < /tmp/f | cat | cat\r", r"^hello disk\nmore$"), (None, prompt),
                     (b"echo one two|cat>/tmp/g\r", prompt),
                     (b"cat /tmp/g\r", r"^one two$"), (None, prompt),
                     (b"cat /nonexistent\r", r"cat: /nonexistent: No such file or directory"),
                     (None, prompt), (b"echo $?\r", r"^1$"), (None, prompt),
                     (b"cat < /missing\r", r"sh: /missing: No such file or directory"),
                     (None, prompt),
                     (b"exit 0\r", r"^poweroff: status 0$")]),
        ConsoleTest(f"phase{phase}/shell_file_programs", phase,
                    [(None, prompt), (b"ls /etc\r", r"^group\nmotd\npasswd$"), (None, prompt),
                     (b"mkdir -p /tmp/a/b\r", prompt), (b"cp /etc/motd /tmp/a/b\r", prompt),
                     (b"cd /tmp/a/b\r", prompt), (b"pwd\r", r"^/tmp/a/b$"), (None, prompt),
                     (b"cat motd\r", r"^this file lives on the disk$"), (None, prompt),
                     (b"ls -l\r", r"^-rw-r--r--  1 root   root         28 motd$"),
                     (None, prompt), (b"cd /\r", prompt), (b"rm -r /tmp/a\r", prompt),
                     (b"ls /tmp\r", prompt), (b"hello | cat\r", r"^hello, world"),
                     (None, prompt), (b"exit 0\r", r"^poweroff: status 0$")]),
    ]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class GdbTest(Test):
    """QEMU waits for GDB; GDB, with the helpers `make gdb` loads, breaks in
    the page-fault handler on a fault at a known address and must show it:
    the address (CR2), the fault's trap frame, the VMA, the page-table walk
    before the fault (not present) and after it (present, writable, user,
    no-execute), and the process list."""
    ADDRESS = 0x500000000
    EXPECT = [
        (r"Breakpoint 1, page_fault_handler", "GDB did not stop in page_fault_handler"),
        (r"stopped-at-cr2 0x500000000", "GDB did not show the faulting address"),
        (r"trap frame at 0x[0-9a-f]+: vector 0xe, error 0x6, from ring 3",
         "usmm-trapframe did not show the page fault's frame"),
        (r"page fault: write user; cr2 0x500000000", "usmm-trapframe did not decode the error"),
        (r"^0000000500000000-0000000500001000 rw-p +4 KiB  pgoff 0x0  anon",
         "usmm-vmas did not list the VMA at 0x500000000"),
        (r"PDPT \[ 20\] \(empty\)\n  -> not present", "usmm-pte did not show the missing entry"),
        (r"PT   \[  0\] 0x8000000[0-9a-f]{9}  frame 0x[0-9a-f]+  \[P W U NX\]",
         "usmm-pte did not show the new entry after the fault"),
        (r"^ +\d+ +1 runnable .* gdb_fault_target\*$", "usmm-ps did not show the process"),
    ]

    def __init__(self, phase):
        self.phase = phase
        self.name = f"phase{phase}/gdb_helpers_show_a_page_fault"

    def run(self, ctx):
        log = ctx.log_path(self.name)
        port = free_port()
        args = [QEMU, "-machine", "pc", "-cpu", "max", "-m", "512M", "-no-reboot",
                "-display", "none", "-monitor", "none",
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                "-serial", f"file:{log}", "-kernel", ctx.kernel(self.phase),
                "-append", "quiet -- run gdb_fault_target", "-gdb", f"tcp:127.0.0.1:{port}", "-S"]
        qemu = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            gdb = subprocess.run(
                ["gdb", "-batch", "-nx", "-x", "tools/gdbinit",
                 "-ex", f"target remote 127.0.0.1:{port}",
                 "-ex", f"break page_fault_handler if $cr2 == {self.ADDRESS:#x}",
                 "-ex", "continue",
                 "-ex", "printf \"stopped-at-cr2 %#lx\\n\", $cr2",
                 "-ex", "bt 3",
                 "-ex", "usmm-trapframe",
                 "-ex", "usmm-vmas",
                 "-ex", "usmm-pte $cr2",
                 "-ex", "finish",
                 "-ex", f"usmm-pte {self.ADDRESS:#x}",
                 "-ex", "usmm-ps",
                 "-ex", "kill",
                 ctx.kernel_elf(self.phase)],
                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
            out = gdb.stdout.decode(errors="replace")
        except subprocess.TimeoutExpired:
            out = "(gdb timed out)"
        finally:
            qemu.kill()
            qemu.wait()
        why = next((w for pattern, w in self.EXPECT if not re.search(pattern, out, re.M)), None)
        return [Result(self.name, why is None, why or "", tail(out, 60))]


class BochsTest(Test):
    """`make phaseN bochs` as a student uses it, through a pseudo-terminal:
    the GRUB ISO boots in Bochs under tools/bochs-run.py, with a copy of the
    disk image as ata0-slave; at the debugger's prompt `c` runs the machine,
    the shell's prompt appears on the console, a typed command runs and
    prints (phase 2: a file is written to the disk and read back), Ctrl-] stops in the debugger, which
    names the kernel's functions (ldsym), `c` continues, `exit 0` powers
    off (the kernel's magic breakpoint stops Bochs), `q` quits with status 0."""

    def __init__(self, phase):
        self.phase = phase
        self.name = f"phase{phase}/bochs_console_and_debugger"

    @staticmethod
    def read_some(fd, out):
        """What the pseudo-terminal has within half a second, appended to
        out; False once it is closed."""
        try:
            r, _, _ = select.select([fd], [], [], 0.5)
            if r:
                out.extend(os.read(fd, 4096))
            return True
        except OSError:
            return False

    def run(self, ctx):
        import pty
        import time
        work = ctx.log_path(self.name) + ".d"
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(os.path.join(work, "iso/boot/grub"))
        shutil.copy(ctx.kernel_elf(self.phase), os.path.join(work, "iso/boot/kernel.elf"))
        with open(os.path.join(work, "iso/boot/grub/grub.cfg"), "w") as f:
            f.write('set timeout=0\nmenuentry "usmm" {\n'
                    '  multiboot2 /boot/kernel.elf quiet\n  boot\n}\n')
        iso = os.path.join(work, "test.iso")
        mk = subprocess.run(["grub-mkrescue", "-o", iso, os.path.join(work, "iso")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if mk.returncode != 0:
            return [Result(self.name, False, "grub-mkrescue failed", tail(mk.stdout.decode()))]
        port = free_port()
        rc = os.path.join(work, "bochsrc")
        with open(rc, "w") as f:
            image = disk_copy(os.path.join(work, "disk"))
            disk = [f'ata0-slave: type=disk, path="{image}", mode=flat'] if image else []
            f.write(subprocess.run([os.path.join(ROOT, "tools/bochsrc.sh"), iso,
                                    f"socket:localhost:{port}", os.path.join(work, "bochs.log"),
                                    *disk],
                                   stdout=subprocess.PIPE, check=True).stdout.decode())
        syms = os.path.join(work, "kernel.sym")
        nm = subprocess.run(["nm", "-n", ctx.kernel_elf(self.phase)], stdout=subprocess.PIPE,
                            check=True).stdout.decode().splitlines()
        with open(syms, "w") as f:
            for line in nm:
                parts = line.split()
                if len(parts) == 3 and parts[1] in "tT":
                    f.write(f"{parts[0]} {parts[2]}\n")
        pid, fd = pty.fork()
        if pid == 0:
            os.execvp(sys.executable, [sys.executable, os.path.join(ROOT, "tools/bochs-run.py"),
                                       rc, str(port), syms, os.path.join(work, "stderr.log")])
        out = bytearray()
        steps = [(None, r"<bochs:1> $"), (b"c\r", r"usmm\$ $"),
                 (b"hello bochs\r", r"hello, world"), (None, r"usmm\$ $")]
        if self.phase >= 2:     # the ATA disk under Bochs: a file from it, a file onto it
            steps += [(b"echo written under bochs > /home/user/b\r", r"usmm\$ $"),
                      (b"cat /etc/motd /home/user/b\r",
                       r"this file lives on the disk\r?\nwritten under bochs"),
                      (None, r"usmm\$ $")]
        steps += [
                 (b"\x1d", r"<bochs:2> $"), (b"bt 2\r", r"\((cpu_idle|\w+)\+[0-9a-f]+\)"),
                 (None, r"<bochs:3> $"), (b"c\r", None), (b"\r", r"usmm\$ $"),
                 (b"exit 0\r", r"Magic breakpoint"), (None, r"<bochs:\d+> "),
                 (b"q\r", None)]
        why = None
        deadline = time.time() + 300
        seen = 0
        for send, expect in steps:
            if send:
                os.write(fd, send)
            while expect:
                text = out.decode(errors="replace").replace("\r", "")
                m = re.search(expect, text[seen:], re.M)
                if m:
                    seen += m.end()
                    break
                if time.time() > deadline:
                    why = f"after sending {send!r}: expected {expect!r}"
                    break
                if not self.read_some(fd, out):
                    why = f"bochs-run ended early, expecting {expect!r}"
                    break
            if why:
                break
        status = None
        end = time.time() + (30 if not why else 0)
        while time.time() < end:
            done, st = os.waitpid(pid, os.WNOHANG)
            if done:
                status = os.waitstatus_to_exitcode(st)
                break
            self.read_some(fd, out)
        if status is None:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        text = out.decode(errors="replace").replace("\r", "")
        with open(ctx.log_path(self.name), "w") as f:
            f.write(text)
        if not why and status != 0:
            why = f"bochs-run.py exited with {status}, not 0, after q"
        if not why and "poweroff: status 0" not in text:
            why = "no 'poweroff: status 0' from the kernel under Bochs"
        if not why and "PLUGIN" in text:
            why = "Bochs's plugin messages reached the terminal"
        return [Result(self.name, why is None, why or "", tail(text))]


class HandoutTest(Test):
    """make handout; unpack it; its `make check`, exactly as a student runs
    it, must fail every lab while the stubs are untouched and pass once the
    reference lab files are copied in."""
    name = "handout"
    LAB_LINE = re.compile(r"^lab (\d+) \((\w+)\): (\d+)/(\d+) tests pass$", re.M)

    def run(self, ctx):
        work = os.path.join(ctx.build_root, "handout-check")
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
        mk = subprocess.run(["make", "--no-print-directory", "handout"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        tarball = os.path.join(ROOT, "build", "usmm-handout.tar.gz")
        if mk.returncode != 0 or not os.path.exists(tarball):
            return [Result("handout/builds", False, "make handout failed",
                           tail(mk.stdout.decode(errors="replace")))]
        subprocess.run(["tar", "-xzf", tarball, "-C", work], check=True)
        tree = os.path.join(work, "usmm")
        labs = sorted(f for f in os.listdir(os.path.join(tree, "labs")) if f.endswith(".c"))
        results = [Result("handout/has_no_solutions",
                          not os.path.exists(os.path.join(tree, "solutions")),
                          "the hand-out contains solutions/")]
        results.append(self.grade(tree, env, "handout/untouched_stubs_fail_every_lab", False))
        for f in labs:
            shutil.copy(os.path.join(ROOT, "solutions", f), os.path.join(tree, "labs", f))
        results.append(self.grade(tree, env, "handout/reference_labs_pass", True))
        return results

    def grade(self, tree, env, name, should_pass):
        try:
            proc = subprocess.run(["make", "check"], cwd=tree, env=env, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=1200)
            out, code = proc.stdout.decode(errors="replace"), proc.returncode
        except subprocess.TimeoutExpired:
            return Result(name, False, "make check timed out after 1200 s")
        scores = [(int(n), int(ok), int(total)) for n, _, ok, total in self.LAB_LINE.findall(out)]
        closing = re.search(r"^(\d+) passed, (\d+) failed$", out, re.M)
        why = None
        if not scores or not closing:
            why = "no lab scores or closing line in the hand-out's make check"
        elif should_pass and (code != 0 or any(ok != total for _, ok, total in scores)):
            why = f"make check exited {code}; " + ", ".join(
                f"lab {n} {ok}/{total}" for n, ok, total in scores)
        elif not should_pass and code == 0:
            why = "make check exited 0 with every stub untouched"
        elif not should_pass and any(ok == total for _, ok, total in scores):
            why = "labs passing untouched: " + ", ".join(
                f"lab {n}" for n, ok, total in scores if ok == total)
        return Result(name, why is None, why or "", tail(out))


# ---------------------------------------------------------------- suite ---

class Context:
    def __init__(self, build_root, suffix, log_dir):
        self.build_root, self.suffix, self.log_dir = build_root, suffix, log_dir

    def kernel(self, phase):
        return os.path.join(self.build_root, f"phase{phase}{self.suffix}", "kernel32.elf")

    def kernel_elf(self, phase):
        return os.path.join(self.build_root, f"phase{phase}{self.suffix}", "kernel.elf")

    def log_path(self, name):
        path = os.path.join(self.log_dir, name.replace("/", "__").replace(",", "_") + ".log")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return path


def user_tests(phases, lab=None):
    tests = []
    top = max(phases)
    for source in sorted(os.listdir(os.path.join(ROOT, "tests/user"))):
        if not source.endswith(".c"):
            continue
        opts = header_options(os.path.join(ROOT, "tests/user", source))
        if "not-a-test" in opts:
            continue
        if "phases" in opts:
            wanted = [int(p) for p in opts["phases"].split()]
        else:
            wanted = sorted({1, top})
        cpus = opts.get("cpus", "max").split()
        for phase in wanted:
            if phase in phases:
                for i, cpu in enumerate(cpus):
                    tests.append(UserTest(source, phase, opts, cpu, f"@{cpu}" if i else ""))
    return tests


def kernel_tests(phases):
    tests = []
    for phase in phases:
        tests.append(KernelTest(f"phase{phase}/boots_to_init_and_runs_hello", phase,
                                "-- run hello one two",
                                [rf"^usmm .*phase {phase} ", r"^cpu: NX (yes|no), SMEP",
                                 r"^boot: physical memory map", r"^mem: frame metadata",
                                 r"^hello, world", r'argv\[2\] = "two"']))
    tests.append(KernelTest("phase1/ktest_page_fault_report", 1, "ktest=page_fault_report",
                            [r"^#PF page fault \(vector 14\) in kernel mode",
                             r"^error 0x2: not-present write kernel",
                             r"^cr2  0x000000000dead000",
                             r"^rip .*ktest_page_fault_report",
                             r"^backtrace:", r"kernel_main\+0x"], expect_status=127))
    tests.append(KernelTest("phase1/pftrace_and_strace_log_faults_and_calls", 1,
                            "quiet pftrace strace -- run demo_demand_paging",
                            [r"^pf: demo_demand_paging\[2\] addr 0x[0-9a-f]+ \[not-present write user\] ip 0x[0-9a-f]+ vma 0x[0-9a-f]+-0x[0-9a-f]+ rw- anon -> mapped$",
                             r"^strace: init\[1\] fork\(0x[0-9a-f]+, .*\) = 2$",
                             r"^strace: demo_demand_paging\[2\] execve\(0x[0-9a-f]+, 0x[0-9a-f]+, 0x[0-9a-f]+, 0x[0-9a-f]+\) = 0$",
                             r"^strace: demo_demand_paging\[2\] writev\(0x1, 0x[0-9a-f]+, 0x2, 0x[0-9a-f]+\) = \d+$"]))
    tests.append(KernelTest("phase1/free_vmstat_pmap_ps_show_memory", 1,
                            "quiet -- runall free vmstat pmap ps",
                            [r"^Mem: +\d+ +\d+ +\d+$", r"order 10 \( 4096 KiB\)",
                             r"^  resolved +\d+$", r"per 4 KiB frame +32 bytes",
                             r"^0000000000401000-[0-9a-f]{16} r-xp 00000000 +\d+ +\d+  pmap$",
                             r"^[0-9a-f]{16}-00007ffffffff000 rw-p 00000000 +8192 +\d+  \[stack\]$",
                             r"^ +1 +0 sleeping .* init$"]))
    tests.append(KernelTest("phase1/ktest_kernel_map_rights", 1, "quiet ktest=kernel_map_rights",
                            [r"^ktest: text +0x[0-9a-f]+ r-x$", r"^ktest: rodata +0x[0-9a-f]+ r--$",
                             r"^ktest: data +0x[0-9a-f]+ rw-$", r"^ktest: directmap +0x[0-9a-f]+ rw-$",
                             r"^ktest kernel_map_rights: PASS$"]))
    tests.append(KernelTest("phase1/ktest_smap_stops_stray_user_access", 1,
                            "quiet ktest=smap_stops_stray_user_access",
                            [r"^#PF page fault \(vector 14\) in kernel mode$",
                             r"^error 0x1: protection read kernel$",
                             r"^rip .*ktest_smap_stops_stray_user_access",
                             r"^KERNEL PANIC: unhandled page fault in kernel mode$"],
                            expect_status=127))
    tests.append(KernelTest("phase1/ktest_fault_loop_guard", 1, "quiet ktest=fault_loop_guard",
                            [r"^pf: idle\[0\] addr 0x[0-9a-f]+ ip 0x[0-9a-f]+ error 0: fault loop: "
                             r"the same fault again after 8 fixes by the VMA's fault handler; giving up$",
                             r"^ktest fault_loop_guard: PASS$"]))
    # make bench's program must keep running (the smallest tier: seconds)
    top = max(phases)
    tests.append(KernelTest(f"phase{top}/bench_mm_runs_every_row", top, "quiet -- run bench_mm 1",
                            [r"^bench-row write_fault 1 \d+ \d+", r"^bench-row mmap_merging 1 ",
                             r"^bench-row cow_fault 1 ", r"^bench-row exit_per_page 1 ",
                             r"^bench-row file_fault_write_private 1 ",
                             r"^bench-row file_msync_page 1 ", r"^bench-row file_mmap_munmap 1 ",
                             r"^bench_mm: done$"]))
    for name in ("boot",):
        tests.append(KernelTest(f"phase1/ktest_{name}", 1, f"quiet ktest={name}",
                                [rf"^ktest {name}: PASS"]))
    tests += console_tests(1)
    for phase in phases:
        if phase >= 2:
            tests += shell_file_tests(phase)
    tests.append(GdbTest(1))
    tests.append(BochsTest(1))
    if 2 in phases:
        tests.append(BochsTest(2))      # the ATA driver under Bochs
    return tests


def host_tests(build_root, suffix):
    host_dir = os.path.join(build_root, "host" + suffix)
    if not os.path.isdir(host_dir):
        return []
    return [HostTest(os.path.join(host_dir, f)) for f in sorted(os.listdir(host_dir))
            if f.startswith("test_") and os.access(os.path.join(host_dir, f), os.X_OK)]


def run_all(tests, ctx, jobs, quiet=False):
    """Run tests in parallel; print results in test order as they complete."""
    results = [None] * len(tests)
    printed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(t.run, ctx): i for i, t in enumerate(tests)}
        for fut in concurrent.futures.as_completed(futures):
            i = futures[fut]
            try:
                results[i] = fut.result()
            except Exception as e:  # a grader bug must not hide the other results
                results[i] = [Result(tests[i].name, False, f"grader error: {e!r}")]
            while printed < len(tests) and results[printed] is not None:
                for r in results[printed]:
                    if not quiet:
                        print(r.line(), flush=True)
                        if not r.ok and r.log_tail:
                            for line in r.log_tail:
                                print("    | " + line)
                printed += 1
    return [r for rs in results for r in rs]


def lab_names():
    names = {}
    for f in sorted(os.listdir(os.path.join(ROOT, "labs"))):
        m = re.match(r"lab(\d+)_(.*)\.c$", f)
        if m:
            names[int(m.group(1))] = m.group(2)
    return names


def print_lab_scores(results):
    labs = lab_names()
    for n, name in sorted(labs.items()):
        mine = [r for r in results if r.lab == n]
        ok = sum(r.ok for r in mine)
        print(f"lab {n} ({name}): {ok}/{len(mine)} tests pass")


def stub_check(args, lab):
    """With lab `lab` alone taken from labs/, its tests must fail."""
    suffix = f"-stub{lab}"
    ctx = Context(args.build_root, suffix, os.path.join(args.build_root, "logs" + suffix))
    tests = [t for t in host_tests(args.build_root, suffix) if t.lab == lab]
    lowest = {}     # each lab test once, in the lowest phase it runs in
    for t in user_tests([int(p) for p in args.phases.split()]):
        if t.lab == lab and (t.program not in lowest or t.phase < lowest[t.program].phase):
            lowest[t.program] = t
    tests += list(lowest.values())
    results = run_all(tests, ctx, args.jobs, quiet=True)
    failed = sum(not r.ok for r in results)
    name = f"labs/lab{lab}_stub_fails_its_tests"
    if not results:
        return Result(name, False, f"lab {lab} has no tests")
    if failed == 0:
        return Result(name, False, f"all {len(results)} lab-{lab} tests pass on the untouched stub")
    return Result(name, True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build-root", default=os.path.join(ROOT, "build"))
    ap.add_argument("--suffix", default="", help="build directory suffix (-labs, -stubN)")
    ap.add_argument("--phases", default="1 2 3")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--only", default="", help="run tests whose name matches this regex")
    ap.add_argument("--stub-labs", default="", help="labs whose stubs must fail their tests")
    ap.add_argument("--student", action="store_true",
                    help="only the lab tests and a boot of each phase (a student's make check)")
    ap.add_argument("--handout", action="store_true",
                    help="also grade the hand-out as a student would")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()

    phases = [int(p) for p in args.phases.split()]
    ctx = Context(args.build_root, args.suffix, os.path.join(args.build_root, "logs" + args.suffix))
    tests = host_tests(args.build_root, args.suffix) + kernel_tests(phases) + user_tests(phases)
    tests += musl_tests(phases)
    if args.student:
        tests = [t for t in tests if t.lab is not None or
                 re.match(r"phase\d/boots_to_init_and_runs_hello$", t.name)]
    if args.handout:
        tests.insert(0, HandoutTest())
    if args.only:
        tests = [t for t in tests if re.search(args.only, t.name)]
    if args.list:
        for t in tests:
            print(t.name)
        return 0

    results = run_all(tests, ctx, args.jobs)
    for lab in [int(n) for n in args.stub_labs.split()]:
        r = stub_check(args, lab)
        print(r.line(), flush=True)
        results.append(r)
    if not args.only:
        print_lab_scores(results)
    passed = sum(r.ok for r in results)
    failed = len(results) - passed
    print(f"logs: {os.path.relpath(ctx.log_dir, ROOT)}/", file=sys.stderr)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
