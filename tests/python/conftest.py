"""Shared helpers: the vector files and the matching rule (the same rule as every harness)."""

from __future__ import annotations

import json
import os
import pathlib
import sys
from typing import Any

import pytest

import wanumbers

VECTORS = pathlib.Path(__file__).resolve().parent.parent / "vectors"


def pytest_report_header() -> str:
    return f"wanumbers {wanumbers.__version__} from {pathlib.Path(wanumbers.__file__).parent}"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Under `make test` the package must come from the installed wheel, not the source tree."""
    if os.environ.get("WANUMBERS_EXPECT_INSTALLED") == "1":
        where = pathlib.Path(wanumbers.__file__).resolve()
        if pathlib.Path(sys.prefix).resolve() not in where.parents:
            raise pytest.UsageError(f"wanumbers was imported from {where}, not from the venv at {sys.prefix}")


def load_cases() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(VECTORS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            out.append((f"{doc['suite']}: {case['name']}", case))
    return out


def expand(value: Any) -> Any:
    """``{"$repeat": [text, count]}`` stands for ``text`` repeated ``count`` times."""
    if isinstance(value, dict):
        if set(value) == {"$repeat"}:
            text, count = value["$repeat"]
            return text * count
        return {k: expand(v) for k, v in value.items()}
    if isinstance(value, list):
        return [expand(v) for v in value]
    return value


def mismatches(expected: Any, actual: Any, path: str = "ok") -> list[str]:
    """An expected object only constrains the keys it lists; arrays must match in length."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for key, value in expected.items():
            if key not in actual:
                out.append(f"{path}.{key}: missing (expected {value!r})")
            else:
                out.extend(mismatches(value, actual[key], f"{path}.{key}"))
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        out = [] if len(expected) == len(actual) else [f"{path}: expected {len(expected)} items, got {len(actual)}"]
        for i, (e, a) in enumerate(zip(expected, actual)):
            out.extend(mismatches(e, a, f"{path}[{i}]"))
        return out
    # Secret header values are a str subclass (redacted repr): compare them as text.
    if isinstance(expected, str) and isinstance(actual, str):
        return [] if expected == actual else [f"{path}: expected {expected!r}, got {actual!r}"]
    # JSON has no bool/int distinction problem in Python except True == 1: compare types too.
    if expected == actual and type(expected) is type(actual):
        return []
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)) and not isinstance(expected, bool) and not isinstance(actual, bool) and expected == actual:
        return []
    return [f"{path}: expected {expected!r}, got {actual!r}"]
