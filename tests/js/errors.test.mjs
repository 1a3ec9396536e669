// What vectors cannot express: error objects and argument checking.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = process.env.WANUMBERS_PKG ?? join(here, "..", "..", "bindings-wasm", "pkg");
const w = createRequire(import.meta.url)(pkg);

test("a bad number throws a PhoneError with code and details, without echoing the input", () => {
  assert.throws(() => w.normalizePhone("0400 123 456", "GB"), (err) => {
    assert.ok(err instanceof Error);
    assert.equal(err.name, "PhoneError");
    assert.equal(err.code, "phone_invalid_for_region");
    assert.deepEqual(err.details, { region: "GB", country_code: 44 });
    assert.ok(!err.message.includes("0400"));
    return true;
  });
});

test("each error kind has its name", () => {
  assert.throws(() => w.countryInfo("gb"), { name: "InputError", code: "country_not_uppercase" });
  assert.throws(() => w.nextStatus("released", "activated"), { name: "TransitionError", code: "status_invalid_transition" });
});

test("checkPhone reports a bad number as a value and uses null, not undefined", () => {
  const r = w.checkPhone("nope");
  assert.equal(r.valid, false);
  assert.equal(r.e164, null);
  assert.equal(r.error.code, "phone_not_a_number");
});

test("amounts must be whole non-negative numbers", () => {
  assert.throws(() => w.prorateCents(1.5, 1, 30), TypeError);
  assert.throws(() => w.prorateCents(-1, 1, 30), TypeError);
  assert.throws(() => w.formatUsd(2 ** 60), TypeError);
});

test("errorCodes lists every code once", () => {
  const codes = w.errorCodes();
  assert.equal(new Set(codes).size, codes.length);
  assert.ok(codes.includes("phone_empty") && codes.includes("status_invalid_transition"));
});
