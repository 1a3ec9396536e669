"""Every Python snippet of the Zernio docs (seed ``000_…``: countries, list, number status,
purchase with its three outcomes) runs unchanged against ``wanumbers``: only the client is
ours (a ``Client`` over the sandbox) and the docs' placeholders are filled in.

The snippets are read from the seed text itself. The seed lost its code blocks' indentation,
so a snippet is indented again the way Python needs: the line after one ending in ``:`` goes
one level in, ``elif``/``else`` come back to their ``if``. The seed is required: the test fails,
not skips, without it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import pathlib
import re
from typing import Dict, List

import pytest

import wanumbers as w

SEEDS = pathlib.Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)


def seed_text() -> str:
    found = sorted(SEEDS.glob("000_*.txt"))
    assert found, f"the Zernio docs seed (000_…) is missing from {SEEDS}"
    return found[0].read_text(encoding="utf-8")


def snippets() -> List[str]:
    """Each Python snippet: from `response = client.` to the `curl` that follows it."""
    text = seed_text()
    out = []
    for m in re.finditer(r"response = client\.", text):
        end = text.find("curl ", m.start())
        assert end > 0
        out.append(reindent(text[m.start():end]))
    return out


def reindent(code: str) -> str:
    lines: List[str] = []
    depth = 0
    opened: List[int] = []
    for raw in code.strip().splitlines():
        line = raw.strip()
        if line.startswith(("elif ", "else:")) and opened:
            depth = opened.pop()
        lines.append("    " * depth + line)
        if line.endswith(":"):
            opened.append(depth)
            depth += 1
    return "\n".join(lines) + "\n"


def run(code: str, client: w.Client, fill: Dict[str, str]) -> str:
    for placeholder, value in fill.items():
        code = code.replace(placeholder, value)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<docs snippet>", "exec"), {"client": client})  # noqa: S102
    return out.getvalue()


def test_the_seed_has_the_four_snippets() -> None:
    found = snippets()
    assert len(found) == 4
    assert "list_whats_app_number_countries" in found[0]
    assert "purchase_whats_app_phone_number" in found[3]


@pytest.fixture
def client() -> w.Client:
    return w.Client("sk_test_docs", w.Sandbox(seed=3, clock=lambda: START))


def test_countries(client: w.Client) -> None:
    printed = run(snippets()[0], client, {}).splitlines()
    assert "US: $2.00/mo" in printed or any(line.startswith("US: $") for line in printed)
    assert any(line.startswith("GB: $") and line.endswith(" (KYC)") for line in printed)


def test_list_and_number_status(client: w.Client) -> None:
    bought = client.purchase(profile_id="prof_docs", country="US")
    assert isinstance(bought, w.models.PurchaseOutcomeProvisioned)
    printed = run(snippets()[1], client, {})
    assert f"{bought.phone_number.phone_number} (active)" in printed
    listed = client.list_numbers().numbers
    account = next(n.social_account_id for n in listed if n.id == bought.phone_number.id)
    assert account
    printed = run(snippets()[2], client, {"YOUR_ACCOUNT_ID": account})
    quality, tier = printed.split()
    assert quality in {"GREEN", "YELLOW", "RED", "UNKNOWN", "NA"}
    assert tier.startswith("TIER_")


@pytest.mark.parametrize(
    ("profile", "country", "expected"),
    [
        ("prof_docs", "GB", "Regulated country, collect KYC: https://"),
        ("prof_docs", "US", "Number provisioned: +1"),
        ("prof_sandbox_checkout", "US", "Complete payment: https://"),
    ],
)
def test_purchase_and_its_three_outcomes(client: w.Client, profile: str, country: str, expected: str) -> None:
    code = snippets()[3].replace("country='GB'", f"country='{country}'")
    printed = run(code, client, {"YOUR_PROFILE_ID": profile})
    assert printed.startswith(expected), printed


def test_the_client_reads_zernio_api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    box = w.Sandbox(seed=3, clock=lambda: START)
    monkeypatch.setenv("ZERNIO_API_KEY", "sk_test_from_env")
    client = w.Client(transport=box)
    assert client.list_numbers().numbers == []
    assert "sk_test_from_env" not in repr(client)
    monkeypatch.delenv("ZERNIO_API_KEY")
    with pytest.raises(w.InputError) as err:
        w.Client(transport=box).list_numbers()
    assert err.value.code == "argument_missing"
