"""Write a generated file, or with --check fail when the committed copy is stale."""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
from typing import Callable, Sequence


def main(out: pathlib.Path, render: Callable[[], str | bytes]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="fail if the committed file is stale")
    args = ap.parse_args()
    text = render()
    if args.check:
        if not out.exists():
            current: str | bytes | None = None
        elif isinstance(text, bytes):
            current = out.read_bytes()
        else:
            current = out.read_text(encoding="utf-8")
        if current != text:
            print(f"{out} is stale: run `make gen`", file=sys.stderr)
            return 1
        print(f"{out.name}: up to date")
        return 0
    if isinstance(text, bytes):
        out.write_bytes(text)
    else:
        out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")
    return 0


def main_all(outs: Sequence[pathlib.Path], render: Callable[[], Sequence[str | bytes]]) -> int:
    """`main` for a generator that writes several files: `render` gives their contents in the
    order of `outs`, and runs once."""
    rendered: list[Sequence[str | bytes]] = []

    def part(i: int) -> Callable[[], str | bytes]:
        def get() -> str | bytes:
            if not rendered:
                rendered.append(render())
            return rendered[0][i]
        return get

    for i, out in enumerate(outs):
        code = main(out, part(i))
        if code:
            return code
    return 0


def rust_lines(text: str, width: int = 80) -> list[str]:
    """A long string as the lines of a `concat!`, `width` characters each."""
    return [f"    {json.dumps(text[k:k + width], ensure_ascii=False)}," for k in range(0, len(text), width)]
