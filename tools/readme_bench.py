#!/usr/bin/env python3
"""Put the benchmarks' last printed results into README.md.

`make bench` (and each `make bench-*`, and `make wasm` for the sizes) saves what it prints in
build/bench/<name>.txt; this copies each saved result into the README block between
`<!-- bench:<name> -->` and `<!-- /bench:<name> -->`, as a text block, so the README's
figures are the benchmarks' own output, not numbers typed by hand. Blocks with no saved
result are left as they are. Lines of build noise (cargo's, criterion's per-benchmark
reports) are dropped; for the Rust benchmark only its ratio summary is kept.
"""

from __future__ import annotations

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SAVED = ROOT / "build" / "bench"


def summary(name: str, text: str) -> str:
    lines = text.splitlines()
    if "== Ratios" in text:  # criterion's output: keep the summary it prints last
        lines = lines[next(i for i, line in enumerate(lines) if line.startswith("== Ratios")):]
    keep = [line.rstrip() for line in lines
            if line.strip() and not re.match(r"\s*(Compiling|Finished|Running|Benchmarking|Warning|cargo|node |npm |CHROMIUM=)", line)]
    if name == "sizes":
        keep = [line for line in keep if line.startswith("wasm size")]
    return "\n".join(keep)


def main() -> int:
    readme = README.read_text(encoding="utf-8")
    updated = []
    for path in sorted(SAVED.glob("*.txt")):
        name = path.stem
        pattern = re.compile(rf"(<!-- bench:{re.escape(name)} -->\n).*?(<!-- /bench:{re.escape(name)} -->)", re.S)
        if not pattern.search(readme):
            continue
        block = "```text\n" + summary(name, path.read_text(encoding="utf-8")) + "\n```\n"
        readme = pattern.sub(lambda m, block=block: m.group(1) + block + m.group(2), readme)
        updated.append(name)
    README.write_text(readme, encoding="utf-8")
    print(f"README.md: results of {', '.join(updated) or 'no benchmark'} put in")
    return 0


if __name__ == "__main__":
    sys.exit(main())
