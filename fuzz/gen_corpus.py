#!/usr/bin/env python3
"""Writes the committed seed corpus, fuzz/corpus/<target>/, from hand-made inputs, the shared
test vectors (tests/vectors/*.json) and the image fixtures (core/tests/fixtures).

Each seed is named after its content hash, as libFuzzer names corpus files. Run it again after
changing an input format (see fuzz/README.md); the seeds stay small (a few KB per target).

    python3 fuzz/gen_corpus.py
"""

import hashlib
import json
import struct
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
ROOT = FUZZ.parent
VECTORS = ROOT / "tests" / "vectors"
FIXTURES = ROOT / "core" / "tests" / "fixtures"
CORPUS = FUZZ / "corpus"
MAX_SEEDS = 24  # per target, from the vectors

SEP = b"\x00"


def cases(name):
    return [c["input"] for c in json.loads((VECTORS / f"{name}.json").read_text())["cases"]]


def b(text):
    return text.encode() if isinstance(text, str) else text


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def write(target, seeds):
    out = CORPUS / target
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        old.unlink()
    seen = set()
    for seed in seeds:
        digest = hashlib.sha1(seed).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        (out / digest).write_bytes(seed)
    print(f"{target}: {len(seen)} seeds, {sum(len(s) for s in set(seeds))} bytes")


def phone():
    seeds = [b"GB\n020 7183 8750", b"\n+44 7400 123456", b"US\n(201) 555-0123", b"gb\n07400123456",
             b"\n+1 (202) 555-01", b"DE\n030 123456 ext. 12", b"\n+800 1234 5678", b"XK\n043 201 234",
             b"\ntel:+44-20-7183-8750;ext=1", b"IT\n02 1234 5678", b"\n++44", b"UK\n"]
    for c in cases("phone"):
        if "raw" in c and isinstance(c["raw"], str):
            seeds.append(b((c.get("region") or "") + "\n" + c["raw"]))
    return seeds[:12 + MAX_SEEDS]


def country():
    seeds = [b"GB", b"gb", b"UK", b"GBR", b" gb ", b"EL", b"XX", b"G", b"",
             b'{"countries":[{"code":"GB","tier":3,"monthlyCents":300,"needsKyc":true}]}',
             b'[{"code":"US","monthlyCents":200,"types":[{"numberType":"mobile","fulfilment":"instant"}]},{"code":"gb"}]']
    for c in cases("country")[:MAX_SEEDS]:
        if isinstance(c.get("code"), str):
            seeds.append(b(c["code"]))
    return seeds


def datetime():
    return [b"2026-03-01T12:00:00Z", b"2026-03-01T13:30:00+01:00", b"2016-12-31T23:59:60Z",
            b"2024-02-29", b"2023-02-29", b"9999-12-31T23:59:59.999999999Z", b"0001-01-01",
            b"2026-03-01 00:30:00.5-02:00", b"1970-01-01T00:00:00z", b"2026-13-01"]


def kyc_json():
    seeds = []
    for c in cases("kyc"):
        if c.get("op") == "validate_kyc" and "form" in c and "submission" in c:
            header = f"{c.get('lang', 'en')} {c.get('today', '2026-03-01')}"
            avail = compact(c["availability"]) if c.get("availability") is not None else ""
            seeds.append(SEP.join([b(header), b(compact(c["form"])), b(compact(c["submission"])), b(avail)]))
        elif c.get("op") == "validate_remediation":
            header = f"{c.get('lang', 'es')} {c.get('today', '2026-03-01')}"
            seeds.append(SEP.join([b(header), b(compact(c["form"])), b(compact(c["submission"])), b""]))
    small = sorted(seeds, key=len)[:MAX_SEEDS]
    return small + [SEP.join([b"pt-BR 2026-03-01", b'{"country":"DE","fields":[]}', b'{"profileId":"p"}', b"{}"])]


def api_response():
    seeds = [b"200\ncontent-type: application/json\n\n{}", b"500\n\n<html>bad gateway</html>",
             b"429\nretry-after: 30\nx-ratelimit-reset: 1773576000\nx-request-id: req_1\n\n{\"error\":\"slow down\",\"code\":\"RATE_LIMITED\"}",
             b"400\n\n{\"error\":{\"message\":\"(#100) Invalid parameter\",\"type\":\"OAuthException\",\"code\":100,\"error_subcode\":2388001,\"fbtrace_id\":\"A1\"}}",
             b"202\n\n{\"country\":\"DE\",\"kycUrl\":\"https://zernio.com/kyc/1\"}"]
    for c in cases("http_responses"):
        r = c.get("response")
        if not r:
            continue
        headers = r.get("headers") or []
        if isinstance(headers, dict):
            headers = list(headers.items())
        head = "".join(f"{k}: {v}\n" for k, v in headers)
        seeds.append(b(f"{r['status']}\n{head}\n{r['body']}"))
    return seeds[:5 + 2 * MAX_SEEDS]


def api_request():
    seeds = [b"list_countries\n\n{}", b"get_number\n\n{\"id\":\"..\"}",
             b"get_phone_number\nhttp://localhost:8080\n{\"phoneNumberId\":\"1065\"}",
             b"no_such_op\n\n{}", b"list_numbers\nhttps://zernio.example/api/\n{\"status\":\"active\",\"limit\":5}"]
    for c in cases("http_requests"):
        if "operation" not in c:
            continue
        base = (c.get("config") or {}).get("baseUrl", "")
        seeds.append(b(f"{c['operation']}\n{base}\n{compact(c.get('args', {}))}"))
    return seeds[:5 + 2 * MAX_SEEDS]


def webhook():
    seeds = [SEP.join([b"whsec_1", b"", b'{"id":"evt_1","event":"whatsapp.number.activated"}', b"subscribe\nwhsec_1\n1158201444"]),
             SEP.join([b"", b"sha256=00", b"{}", b"subscribe\n\n1"]),
             SEP.join([b" \t", b"", b"{}", b"subscribe\n \t\n<script>"])]
    for c in cases("webhooks"):
        body = c.get("body")
        if not isinstance(body, str):
            continue
        secret = c.get("secret", c.get("appSecret", "whsec_1"))
        header = c.get("header") or ""
        seeds.append(SEP.join([b(secret), b(header), b(body), b"subscribe\nvt_123\n1158201444"]))
    for c in cases("webhooks"):
        if c.get("op") == "meta_challenge":
            hs = "\n".join(str(c.get(k) or "") for k in ("mode", "token", "challenge"))
            seeds.append(SEP.join([b(c["expected"]), b"", b"", b(hs)]))
    return seeds[:3 + MAX_SEEDS]


def document():
    return [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            b"RIFF\x24\x00\x00\x00WEBPVP8 ", b"GIF89a", b"JVBERi0xLjQKJXdhbnVtYmVycwo=", b"data:application/pdf;base64,JVBERi0=",
            b"JVBE Ri0x", b"JVBERi0xLjQ", b"A===", b"", (FIXTURES / "not-an-image.gif").read_bytes()]


def images():
    fronts = sorted(FIXTURES.glob("front*.jpg")) + sorted(FIXTURES.glob("front*.webp"))
    backs = sorted(FIXTURES.glob("back*.png")) + sorted(FIXTURES.glob("back*.webp"))
    seeds = []
    for i, front in enumerate(fronts):
        back = backs[i % len(backs)]
        f, k = front.read_bytes(), back.read_bytes()
        seeds.append(struct.pack("<I", len(f)) + f + k)
    # PNG on both sides, and a GIF (refused).
    p = backs[0].read_bytes()
    seeds.append(struct.pack("<I", len(p)) + p + backs[-1].read_bytes())
    g = (FIXTURES / "not-an-image.gif").read_bytes()
    seeds.append(struct.pack("<I", len(g)) + g + p)
    return seeds


def pricing():
    # Arbitrary-encoded structures: any bytes decode; a few patterns of different lengths.
    seeds = [bytes(range(64)), bytes([0x1E, 0, 0, 0, 0x1F, 0, 0, 0] * 8), b"\xff" * 48,
             bytes([1, 0, 0, 0, 0, 0, 0, 0, 30, 0, 0, 0, 31, 0, 0, 0, 0x10, 0, 0x1F, 0, 2, 5, 0xC8, 0, 0, 0, 0, 0, 0, 0, 1, 5, 0, 0, 0, 0, 0, 0]),
             bytes(200)]
    return seeds


def main():
    for name, make in [("phone", phone), ("country", country), ("datetime", datetime), ("kyc_json", kyc_json),
                       ("api_response", api_response), ("api_request", api_request), ("webhook", webhook),
                       ("document", document), ("images", images), ("pricing", pricing)]:
        write(name, make())


if __name__ == "__main__":
    main()
