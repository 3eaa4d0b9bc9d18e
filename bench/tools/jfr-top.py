#!/usr/bin/env python3
"""Summarises a JFR recording's CPU samples (jdk.ExecutionSample): the hottest top frames, and the hottest frames
of a package prefix anywhere on the stack (inclusive). For bench/run.sh profiles (BENCH_PROFILE=1).
    python3 bench/tools/jfr-top.py <file.jfr> [package prefix, default org.soarplaybooks] [rows, default 25]"""
import collections, re, subprocess, sys

jfr, prefix = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "org.soarplaybooks")
rows = int(sys.argv[3]) if len(sys.argv) > 3 else 25
out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", jfr],
                     capture_output=True, text=True, check=True).stdout
frame = re.compile(r"^\s+([\w$.<>/]+)\(")
top, incl, own = collections.Counter(), collections.Counter(), collections.Counter()
samples = 0
for block in out.split("jdk.ExecutionSample")[1:]:
    frames = [m.group(1) for m in map(frame.match, block.splitlines()) if m]
    if not frames:
        continue
    samples += 1
    top[frames[0]] += 1
    for f in set(frames):
        if f.startswith(prefix):
            incl[f] += 1
    for f in frames:
        if f.startswith(prefix):
            own[f] += 1
            break
print(f"{samples} samples")
for title, c in (("top frames", top), (f"{prefix} frames, inclusive", incl), (f"first {prefix} frame", own)):
    print(f"\n{title}:")
    for f, n in c.most_common(rows):
        print(f"  {n * 100.0 / samples:5.1f}%  {f}")
