#!/bin/sh
# tools/lab-phase.sh N - the lowest phase whose kernel runs lab N's tests
# (tests/user/*.c with "// lab: N"; their "// phases:" line, default 1).
# make check builds that phase's STUB_LAB=N kernel; the grader's stub check
# runs the lab's tests there.
lab=$1
lowest=
for f in $(grep -l "^// lab: *$lab *$" tests/user/*.c 2>/dev/null); do
    phases=$(sed -n 's|^// phases: *||p' "$f")
    for p in ${phases:-1}; do
        if [ -z "$lowest" ] || [ "$p" -lt "$lowest" ]; then lowest=$p; fi
    done
done
echo "${lowest:-1}"
