"""The ``wanumbers`` command line: back-office jobs on files.

Exit codes: 0 all good, 1 something was invalid (a number, a KYC field, a signature),
2 the command could not run (bad arguments or unreadable files). Never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import signal
import sys
from typing import Any, Iterable, List, Optional, Sequence, TextIO, Tuple

from . import _native as n
from ._cli_check import Usage, unreadable
from ._cli_check import add_parser as add_check_parser
from ._errors import KycValidationError, SignatureError, WanumbersError


def _read_text(path: str) -> str:
    try:
        if path == "-":
            return sys.stdin.read()
        with open(path, encoding="utf-8-sig") as fh:
            return fh.read()
    except UnicodeDecodeError:
        raise Usage(f"{path}: not UTF-8 text") from None
    except OSError as err:
        raise unreadable(path, err) from None


def _read_json(path: str) -> Any:
    try:
        return json.loads(_read_text(path))
    except json.JSONDecodeError as err:
        raise Usage(f"{path}: not valid JSON (line {err.lineno}, column {err.colno})") from None


def _table(rows: Sequence[Sequence[str]], out: TextIO) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        out.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() + "\n")


def cmd_countries(args: argparse.Namespace) -> int:
    catalog = _read_text(args.catalog) if args.catalog else None
    countries = n.countries(catalog)
    if args.json:
        json.dump([c.to_dict() for c in countries], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    rows = [["code", "country", "price", "activation"]]
    for c in countries:
        price = n.format_monthly(c.monthly_cents) if c.monthly_cents is not None else "?"
        activation = "?" if c.needs_kyc is None else "KYC (1-3 business days)" if c.needs_kyc else "instant"
        rows.append([c.code, c.name or "", price, activation])
    _table(rows, sys.stdout)
    return 0


def cmd_price(args: argparse.Namespace) -> int:
    if args.what == "quote":
        result = n.quote(args.country, args.quantity, start=args.start)
        if args.json:
            json.dump(result.to_dict(), sys.stdout, indent=2)
            sys.stdout.write("\n")
        else:
            kyc = " (KYC first)" if result.needs_kyc else ""
            line = f"{result.quantity} x {n.format_monthly(result.unit_monthly_cents)} = {n.format_monthly(result.monthly_cents)} in {result.name}{kyc}"
            if result.first_month_cents is not None:
                line += f"; first month ({result.first_month_days} days): {n.format_usd(result.first_month_cents)}"
            print(line)
        return 0
    fleet = _read_json(args.fleet)
    if not isinstance(fleet, list):
        fleet = fleet.get("numbers") if isinstance(fleet, dict) else None
        if not isinstance(fleet, list):
            raise Usage(f"{args.fleet}: expected a JSON list of numbers (or {{\"numbers\": [...]}})")
    if args.what == "run-rate":
        rate = n.run_rate(fleet)
        if args.json:
            json.dump(rate.to_dict(), sys.stdout, indent=2)
            sys.stdout.write("\n")
        else:
            print(f"{n.format_monthly(rate.monthly_cents)} for {rate.billable_numbers} billable numbers; "
                  f"{n.format_monthly(rate.pending_monthly_cents)} more for {rate.pending_numbers} on their way")
        return 0
    if not (args.start and args.end):
        raise Usage("price invoice needs --start and --end (YYYY-MM-DD, end excluded)")
    inv = n.invoice(fleet, args.start, args.end)
    if args.json:
        json.dump(inv.to_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    rows = [["number", "country", "price", "days", "amount"]]
    for item in inv.lines:
        rows.append([item.phone_number or item.id or "?", item.country, n.format_monthly(item.monthly_cents), str(item.active_days), n.format_usd(item.amount_cents)])
    rows.append(["total", "", "", "", n.format_usd(inv.total_cents)])
    _table(rows, sys.stdout)
    return 0


def cmd_kyc(args: argparse.Namespace) -> int:
    form = _read_json(args.form)
    submission = _read_json(args.submission)
    availability = _read_json(args.availability) if args.availability else None
    errors = n.validate_kyc(form, submission, availability, args.today, args.lang)
    if args.json:
        json.dump([e.to_dict() for e in errors], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif errors:
        _table([["path", "code", "severity", "message"]] + [[e.path, e.code, str(e.severity), e.message] for e in errors], sys.stdout)
    else:
        print("the submission would be accepted")
    return 1 if any(e.severity == "error" for e in errors) else 0


def _secret(args: argparse.Namespace) -> bytes:
    """The secret's bytes as given (`fsencode` undoes the surrogate escapes of non-UTF-8 argv
    and environment). An empty or blank one is the core's `signature_secret_missing`."""
    if args.secret_env is not None:
        value = os.environ.get(args.secret_env)
        if value is None:
            raise Usage(f"--secret-env {args.secret_env}: no such environment variable")
        return os.fsencode(value)
    if args.secret_file is not None:
        try:
            with open(args.secret_file, "rb") as fh:
                raw = fh.read(64 * 1024)
        except OSError as err:
            raise unreadable(args.secret_file, err) from None
        return raw[:-2] if raw.endswith(b"\r\n") else raw[:-1] if raw.endswith(b"\n") else raw
    return os.fsencode(args.secret)


def cmd_webhook(args: argparse.Namespace) -> int:
    secret = _secret(args)
    try:
        if args.body == "-":
            body = sys.stdin.buffer.read()
        else:
            with open(args.body, "rb") as fh:
                body = fh.read()
    except OSError as err:
        raise unreadable(args.body, err) from None
    verify = n.verify_meta_signature if args.platform == "meta" else n.verify_zernio_signature
    verify(secret, body, args.signature)
    print("signature valid")
    return 0


def cmd_sandbox(args: argparse.Namespace) -> int:
    from ._sandbox import Sandbox, serve

    sandbox = Sandbox(args.seed)
    if args.state and os.path.exists(args.state):
        try:
            with open(args.state, encoding="utf-8") as fh:
                sandbox = Sandbox.restore(json.load(fh))
        except (OSError, ValueError) as err:
            raise Usage(f"{args.state}: not a sandbox snapshot ({err})") from None

    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"wanumbers: warning: {args.host} is not loopback; anyone who reaches it can read and reset the sandbox", file=sys.stderr)

    def ready(url: str) -> None:
        print(f"sandbox listening on {url}", flush=True)
        print(f"  Zernio: base URL {url}/api (any API key is an account, e.g. sk_test_sandbox)", flush=True)
        print(f"  Graph:  base URL {url} (any access token), controls: {url}/_sandbox/clock", flush=True)
        print("  Ctrl-C stops it", flush=True)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    # SIGTERM (docker stop, systemd, kill) stops it as Ctrl-C does: the state is written.
    signal.signal(signal.SIGTERM, stop)
    try:
        serve(sandbox, args.host, args.port, ready=ready, deliver=args.deliver)
    except KeyboardInterrupt:
        pass
    finally:
        if args.state:
            # Whole or not at all, readable by its owner only (it holds webhook secrets and KYC).
            partial = f"{args.state}.partial"
            if os.path.exists(partial):
                os.unlink(partial)  # a leftover keeps its own mode: start afresh at 0600
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(sandbox.snapshot(), fh)
            os.replace(partial, args.state)
    print("sandbox stopped", file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="wanumbers", description="WhatsApp Business numbers: checks, prices, KYC, webhooks.")
    p.add_argument("--version", action="version", version=f"wanumbers {n.__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("countries", help="countries on sale, with prices and KYC/instant")
    c.add_argument("--catalog", help="a saved GET /countries response (default: the published price table)")
    c.add_argument("--json", action="store_true")
    c.set_defaults(run=cmd_countries)

    add_check_parser(sub)

    pr = sub.add_parser("price", help="quotes, invoices and run-rate")
    psub = pr.add_subparsers(dest="what", required=True)
    q = psub.add_parser("quote")
    q.add_argument("country")
    q.add_argument("--quantity", type=int, default=1)
    q.add_argument("--start", help="YYYY-MM-DD: prorate the first month from this day")
    q.add_argument("--json", action="store_true")
    q.set_defaults(run=cmd_price)
    for name in ("invoice", "run-rate"):
        i = psub.add_parser(name)
        i.add_argument("fleet", help="JSON list of numbers ({_id, country, monthlyCents, status, history})")
        i.add_argument("--start")
        i.add_argument("--end")
        i.add_argument("--json", action="store_true")
        i.set_defaults(run=cmd_price)

    ky = sub.add_parser("kyc", help="KYC submissions")
    ksub = ky.add_subparsers(dest="action", required=True)
    v = ksub.add_parser("validate", help="every reason a submission would bounce")
    v.add_argument("form")
    v.add_argument("submission")
    v.add_argument("--availability")
    v.add_argument("--lang", default="en", help="en, es or pt-BR")
    v.add_argument("--today", help="YYYY-MM-DD (default: today, UTC)")
    v.add_argument("--json", action="store_true")
    v.set_defaults(run=cmd_kyc)

    wh = sub.add_parser("webhook", help="webhook deliveries")
    wsub = wh.add_subparsers(dest="action", required=True)
    vv = wsub.add_parser("verify", help="check a delivery's signature against its raw body")
    vv.add_argument("body", help="a file holding the raw body as received, or - for stdin")
    secret = vv.add_mutually_exclusive_group(required=True)
    secret.add_argument("--secret", help="the secret itself (it then shows in the process list: prefer the next two)")
    secret.add_argument("--secret-env", metavar="NAME", help="the environment variable holding the secret")
    secret.add_argument("--secret-file", metavar="PATH", help="a file holding the secret (a final newline is dropped)")
    vv.add_argument("--signature", required=True, help="X-Zernio-Signature (or X-Hub-Signature-256 with --platform meta)")
    vv.add_argument("--platform", choices=["zernio", "meta"], default="zernio")
    vv.set_defaults(run=cmd_webhook)

    sb = sub.add_parser("sandbox", help="both APIs simulated offline")
    ssub = sb.add_subparsers(dest="action", required=True)
    sv = ssub.add_parser("serve", help="serve the sandbox over HTTP on 127.0.0.1")
    sv.add_argument("--port", type=int, default=12111, help="0 picks a free port (default 12111)")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--seed", type=int, default=0, help="ids, numbers and choices follow from it")
    sv.add_argument("--state", help="a snapshot file: loaded at start if it exists, written at exit")
    sv.add_argument(
        "--no-deliver",
        dest="deliver",
        action="store_false",
        help="keep webhook deliveries queued for GET /_sandbox/deliveries instead of POSTing them",
    )
    sv.set_defaults(run=cmd_sandbox)
    return p


def main(argv: Optional[Iterable[str]] = None) -> int:
    args = parser().parse_args(list(argv) if argv is not None else None)
    try:
        code: int = args.run(args)
        return code
    except Usage as err:
        print(f"wanumbers: {err}", file=sys.stderr)
        return 2
    except WanumbersError as err:
        print(f"wanumbers: {err.code}: {err}", file=sys.stderr)
        # A delivery or submission that is invalid is 1; a missing secret means the command
        # could not check anything (an unset variable), like any other bad argument: 2.
        invalid = isinstance(err, (SignatureError, KycValidationError)) and err.code != "signature_secret_missing"
        return 1 if invalid else 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
