#!/usr/bin/env python3
"""Check a built wheel installs anywhere: `check_wheel.py DIR`.

The one wheel in DIR must be abi3 (CPython >= 3.9) and tagged manylinux2014 (glibc 2.17) for
x86_64, and `auditwheel show` must agree: the wheel needs no more than glibc 2.17 and links no
library outside the manylinux policy. (The test suite then installs the same wheel in a fresh
venv and runs everything against it.)
"""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys


def main(folder: str) -> int:
    wheels = sorted(pathlib.Path(folder).glob("wanumbers-*.whl"))
    if len(wheels) != 1:
        print(f"expected one wanumbers wheel in {folder}, found {[w.name for w in wheels]}", file=sys.stderr)
        return 1
    wheel = wheels[0]
    tags = wheel.name[: -len(".whl")].split("-")[2:]
    python, abi, platforms = tags[0], tags[1], set(tags[2].split("."))
    problems = []
    if (python, abi) != ("cp39", "abi3"):
        problems.append(f"not an abi3 wheel for CPython >= 3.9: {python}-{abi}")
    if not platforms & {"manylinux2014_x86_64", "manylinux_2_17_x86_64"}:
        problems.append(f"not tagged manylinux2014 (glibc 2.17) x86_64: {sorted(platforms)}")
    shown = subprocess.run([sys.executable, "-m", "auditwheel", "show", str(wheel)], capture_output=True, text=True)
    report = " ".join((shown.stdout + shown.stderr).split())
    if shown.returncode != 0:
        problems.append(f"auditwheel show failed: {report}")
    found = re.search(r'consistent with the following platform tag: "manylinux_2_(\d+)_x86_64"', report)
    if found is None:
        problems.append(f"auditwheel names no manylinux tag: {report}")
    elif int(found.group(1)) > 17:
        problems.append(f"auditwheel: the wheel needs glibc 2.{found.group(1)}, more than its tag's 2.17: {report}")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    print(f"{wheel.name}: abi3, manylinux2014 x86_64; auditwheel: manylinux_2_{found.group(1) if found else '?'} policy satisfied")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "build/dist"))
