#!/bin/sh
# tests/lab-phase.sh N - the lowest phase whose kernel runs lab N's user
# tests (their `// phases:` lines; 1 when they name none): the phase the
# untouched stub of lab N is built for, to check that it fails its tests.
grep -l "^// lab: *$1\$" tests/user/*.c 2>/dev/null |
    xargs -r sed -n 's|^// phases: *||p' | tr ' ' '\n' | grep . | sort -n | head -1 |
    grep . || echo 1
