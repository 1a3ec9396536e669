"""Write a generated file, or with --check fail when the committed copy is stale."""

from __future__ import annotations

import argparse
import pathlib
import sys
from typing import Callable


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
