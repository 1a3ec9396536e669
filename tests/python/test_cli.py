"""The command line on sample files: output, exit codes, and no tracebacks."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

DATA = pathlib.Path(__file__).resolve().parent / "data"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wanumbers", *args], capture_output=True, text=True, input=stdin, check=False)


def test_check_a_csv_with_a_phone_column() -> None:
    r = run("check", str(DATA / "numbers.csv"), "--region", "GB")
    rows = [line.split(",") for line in r.stdout.strip().splitlines()]
    # The input's columns stay, so each result lines up with its record.
    assert rows[0] == ["name", "phone", "valid", "e164", "region", "type", "error"]
    assert rows[1] == ["Acme", "+44 20 7183 8750", "true", "+442071838750", "GB", "fixed_line", ""]
    assert rows[3] == ["Gamma", "call me", "false", "", "", "", "phone_not_a_number"]
    assert r.returncode == 1 and "1 of 3 numbers are not valid" in r.stderr


def test_check_headers_ragged_rows_and_clashing_columns(tmp_path: pathlib.Path) -> None:
    single = tmp_path / "single.csv"
    single.write_text("Phone\n+447400123456\n", encoding="utf-8")
    r = run("check", str(single))
    assert r.stdout.splitlines() == ["Phone,valid,e164,region,type,error", "+447400123456,true,+447400123456,GB,mobile,"]
    clash = tmp_path / "clash.csv"
    clash.write_text("id;number;type\n1;+447400123456\n", encoding="utf-8")
    r = run("check", str(clash))
    lines = r.stdout.splitlines()
    assert lines[0] == "id,number,type,checked_valid,checked_e164,checked_region,checked_type,checked_error"
    assert lines[1] == "1,+447400123456,,true,+447400123456,GB,mobile,"


def test_check_one_per_line_all_valid_exits_0() -> None:
    r = run("check", str(DATA / "numbers.txt"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("true") == 2


def test_progress_only_on_a_terminal_or_when_asked() -> None:
    numbers = "\n".join(f"+44 20 7{i % 1000:03d} {i % 10000:04d}" for i in range(25_000))
    r = run("check", "-", stdin=numbers)
    assert r.stdout.count("\n") == 25_001
    assert r.stderr == "", "stderr is not a terminal here: no progress in logs"
    r = run("check", "-", "--progress", stdin=numbers)
    assert "checked 25,000 numbers" in r.stderr


def test_countries_table_and_json() -> None:
    r = run("countries")
    assert r.returncode == 0 and "United Kingdom" in r.stdout and "$2.00/mo" in r.stdout and "instant" in r.stdout
    assert json.loads(run("countries", "--json").stdout)[0]["monthlyCents"] == 200


def test_price_quote() -> None:
    r = run("price", "quote", "DE", "--quantity", "3", "--start", "2026-02-15")
    assert r.returncode == 0 and "first month (14 days): $3.00" in r.stdout


def test_kyc_validate_exit_codes_and_languages(tmp_path: pathlib.Path) -> None:
    form = tmp_path / "form.json"
    form.write_text(json.dumps({"country": "GB", "fields": [{"requirementId": "name", "label": "Business name", "kind": "text"}]}))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"profileId": "p", "country": "GB", "values": {"name": " "}}))
    r = run("kyc", "validate", str(form), str(bad), "--lang", "es")
    assert r.returncode == 1 and "kyc_text_empty" in r.stdout and "Introduce Business name." in r.stdout
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"profileId": "p", "country": "GB", "values": {"name": "Acme"}}))
    assert run("kyc", "validate", str(form), str(good)).returncode == 0


def test_webhook_verify_reads_the_body_from_stdin_and_the_secret_from_env_or_file(tmp_path: pathlib.Path) -> None:
    import hashlib
    import hmac
    import os

    body = b'{"id":"e1","event":"whatsapp.number.activated"}'
    sig = hmac.new(b"whsec", body, hashlib.sha256).hexdigest()
    secret_file = tmp_path / "secret"
    secret_file.write_text("whsec\n")
    env = {**os.environ, "ZERNIO_WEBHOOK_SECRET": "whsec"}
    for how in (["--secret-env", "ZERNIO_WEBHOOK_SECRET"], ["--secret-file", str(secret_file)]):
        r = subprocess.run([sys.executable, "-m", "wanumbers", "webhook", "verify", "-", *how, "--signature", sig], input=body, capture_output=True, env=env, check=False)
        assert r.returncode == 0, r.stderr
    r = subprocess.run([sys.executable, "-m", "wanumbers", "webhook", "verify", "-", "--secret-env", "NOT_SET_ANYWHERE", "--signature", sig], input=body, capture_output=True, check=False)
    assert r.returncode == 2 and b"no such environment variable" in r.stderr


def test_webhook_verify(tmp_path: pathlib.Path) -> None:
    import hashlib
    import hmac

    body = tmp_path / "body.json"
    body.write_bytes(b'{"id":"e1","event":"whatsapp.number.activated"}')
    sig = hmac.new(b"whsec", body.read_bytes(), hashlib.sha256).hexdigest()
    assert run("webhook", "verify", str(body), "--secret", "whsec", "--signature", sig).returncode == 0
    r = run("webhook", "verify", str(body), "--secret", "other", "--signature", sig)
    assert r.returncode == 1 and "signature_mismatch" in r.stderr


def test_bad_files_get_a_message_not_a_traceback(tmp_path: pathlib.Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    for args in (("check", "/no/such/file.csv"), ("kyc", "validate", str(broken), str(broken)), ("price", "invoice", str(broken))):
        r = run(*args)
        assert r.returncode == 2, (args, r.stderr)
        assert "Traceback" not in r.stderr and r.stderr.startswith("wanumbers: "), r.stderr
    r = run("price", "quote", "gb")
    assert r.returncode == 2 and "country_not_uppercase" in r.stderr and "Traceback" not in r.stderr


def test_the_console_script_is_installed() -> None:
    script = pathlib.Path(sys.executable).parent / "wanumbers"
    assert script.exists(), "pip install puts a `wanumbers` command beside python"
    r = subprocess.run([str(script), "countries", "--json"], capture_output=True, text=True, check=False)
    assert r.returncode == 0 and json.loads(r.stdout)
