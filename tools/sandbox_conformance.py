"""`make sandbox-conformance`: schemathesis runs Zernio's OpenAPI subset
(../shared/reference/zernio-spec) against `wanumbers sandbox serve`, with `--checks all`, and
prints its summary. The subset is made runnable here (it is a verbatim extract: the
`openapi`/`info` header and `components.securitySchemes` are added back), nothing else changed.

Not part of `make test` yet: the sandbox does not pass it (see the session notes for the
remaining failures and the exclusions it will need: where the spec is looser than the real
API, the sandbox follows the API and the README will list each exclusion with its reason).

Usage: build/venv-conformance/bin/python tools/sandbox_conformance.py [schemathesis options]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from typing import List

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC = os.path.join(ROOT, "..", "shared", "reference", "zernio-spec", "openapi-2026-08-22-phone-numbers-subset.yaml")


def runnable_spec() -> str:
    if not os.path.exists(SPEC):
        sys.exit(f"sandbox_conformance: {SPEC} is missing (the shared reference files are needed)")
    with open(SPEC, encoding="utf-8") as fh:
        subset = yaml.safe_load(fh)
    subset.pop("x-source", None)
    doc = {"openapi": "3.1.0", "info": {"title": "Zernio phone numbers (subset)", "version": "1.0.4"}}
    doc.update(subset)
    doc.setdefault("components", {})["securitySchemes"] = doc.pop("securitySchemes", {})
    path = os.path.join(tempfile.mkdtemp(prefix="wanumbers-conformance-"), "zernio.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(doc, fh)
    return path


def main(extra: List[str]) -> int:
    import wanumbers as w
    from wanumbers import _sandbox

    urls: List[str] = []
    ready = threading.Event()

    def on_ready(url: str) -> None:
        urls.append(url)
        ready.set()

    box = w.Sandbox(seed=1)
    # Strict keys: the run's key is the only account, so invalid keys get the API's 401.
    box.keys(["sk_test_conformance"])
    threading.Thread(target=_sandbox.serve, args=(box, "127.0.0.1", 0), kwargs={"ready": on_ready, "deliver": False}, daemon=True).start()
    ready.wait(10)
    command = [
        os.path.join(os.path.dirname(sys.executable), "schemathesis"),
        "run",
        runnable_spec(),
        "--url",
        urls[0] + "/api",
        "--checks",
        "all",
        "--workers",
        "1",
        "--header",
        "Authorization: Bearer sk_test_conformance",
        "--no-color",
        *extra,
    ]
    return subprocess.call(command)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
