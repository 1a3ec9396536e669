"""Every Python snippet of README.md's Python section runs, in order, in one namespace (a later
snippet uses the `client` an earlier one made). The only names given beforehand are the ID
images the KYC snippet combines (`front_jpeg`, `back_png`: the core's test fixtures)."""

from __future__ import annotations

import contextlib
import io
import pathlib
import re
from typing import Any, Dict, List

ROOT = pathlib.Path(__file__).resolve().parents[2]


def python_snippets() -> List[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("\n## Python\n"):text.index("\n## JavaScript\n")]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_every_python_snippet_of_the_readme_runs() -> None:
    snippets = python_snippets()
    assert len(snippets) >= 5
    fixtures = ROOT / "core" / "tests" / "fixtures"
    namespace: Dict[str, Any] = {"front_jpeg": (fixtures / "front.jpg").read_bytes(), "back_png": (fixtures / "back.png").read_bytes()}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for i, code in enumerate(snippets):
            exec(compile(code, f"<README python snippet {i + 1}>", "exec"), namespace)  # noqa: S102
    printed = out.getvalue()
    # What the comments say is printed is printed.
    for expected in ("True +447400123456 GB mobile", "phone_not_a_number", "phone_invalid_for_region", "300",
                     "regulatory_declined", "whatsapp.number.activated activated", "collect KYC at https://",
                     "kyc_postal_code_invalid"):
        assert expected in printed, f"{expected!r} not in:\n{printed}"


def test_the_command_line_snippet_of_the_readme_runs(tmp_path: pathlib.Path) -> None:
    """The `wanumbers check` console snippet: its input is the output's first two columns; the
    command prints what the snippet shows (stdout and stderr) and exits 1."""
    import csv
    import subprocess
    import sys

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("\n## Python\n"):text.index("\n## JavaScript\n")]
    block = re.search(r"```console\n(.*?)```", section, flags=re.S)
    assert block is not None
    lines = block.group(1).splitlines()
    command = lines[0].split("#")[0].strip()
    assert command == "$ wanumbers check customers.csv --region GB > checked.csv"
    stderr_line = lines[1].split("#")[0].strip()
    assert lines[2].strip() == "$ cat checked.csv"
    expected = lines[3:]
    rows = list(csv.reader(expected))
    with open(tmp_path / "customers.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(row[:2] for row in rows)
    done = subprocess.run([sys.executable, "-m", "wanumbers", "check", "customers.csv", "--region", "GB"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip() == stderr_line
    assert done.stdout.splitlines() == expected
