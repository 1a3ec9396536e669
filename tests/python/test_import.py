"""`import wanumbers` stays light (issue 14: no slower than `import phonenumbers`): the HTTP
clients, asyncio, urllib, the sandbox and the result classes load on first use."""

from __future__ import annotations

import subprocess
import sys

import wanumbers

HEAVY = ["wanumbers._client", "wanumbers._transport", "wanumbers._sandbox", "wanumbers._models", "asyncio", "urllib.request"]


def test_import_loads_none_of_the_heavy_modules() -> None:
    code = "import sys, wanumbers; wanumbers.check_phone('+442071838750'); print(' '.join(m for m in %r if m in sys.modules))" % (HEAVY,)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "", f"import wanumbers loaded: {out}"


def test_every_public_name_resolves() -> None:
    for name in wanumbers.__all__:
        assert getattr(wanumbers, name) is not None, name
    assert set(wanumbers.__all__) <= set(dir(wanumbers))
    assert wanumbers.models.Country is wanumbers.Country


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        getattr(wanumbers, "no_such_name")
    except AttributeError as e:
        assert "no_such_name" in str(e)
    else:
        raise AssertionError("no AttributeError")
