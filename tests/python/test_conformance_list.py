"""README.md lists exactly the exclusions `tools/sandbox_conformance.py` applies to the
schemathesis run (each with its reason), so the README cannot drift from the run."""

from __future__ import annotations

import importlib.util
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_the_readme_lists_every_conformance_exclusion_and_no_other() -> None:
    spec = importlib.util.spec_from_file_location("sandbox_conformance", os.path.join(ROOT, "tools", "sandbox_conformance.py"))
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    sys.modules["sandbox_conformance"] = tool  # its dataclasses look their module up there
    spec.loader.exec_module(tool)
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as fh:
        readme = fh.read()
    listed = tool.readme_list()
    assert listed.count("\n- **") + 1 == len(tool.EXCLUSIONS) >= 1
    assert listed in readme, "README.md's conformance exclusions differ from the tool's: paste `--print-exclusions`"
    names = [line.split("**")[1] for line in readme.splitlines() if line.startswith("- **") and "**: " in line]
    assert sorted(n for n in names if n in {e.name for e in tool.EXCLUSIONS}) == sorted(e.name for e in tool.EXCLUSIONS)
