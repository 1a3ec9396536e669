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

test("amounts must be whole non-negative numbers: InputError argument_invalid, not TypeError", () => {
  assert.throws(() => w.prorateCents(1.5, 1, 30), { name: "InputError", code: "argument_invalid" });
  assert.throws(() => w.prorateCents(-1, 1, 30), { name: "InputError", code: "argument_invalid" });
  assert.throws(() => w.formatUsd(2 ** 60), { name: "InputError", code: "argument_invalid" });
});

test("a wrong type at the boundary is InputError argument_type, and the instance keeps working", () => {
  assert.throws(() => w.normalizePhone(123), { name: "InputError", code: "argument_type" });
  assert.throws(() => w.countryInfo(12), { name: "InputError", code: "argument_type" });
  assert.throws(() => w.isCountryCode(12), { name: "InputError", code: "argument_type" });
  assert.throws(() => w.formatUsd("100"), { name: "InputError", code: "argument_type" });
  assert.throws(() => w.sniffDocument("not bytes"), { name: "InputError", code: "argument_type" });
  assert.throws(() => w.checkPhones("+447400123456"), { name: "InputError", code: "argument_type" });
  assert.throws(() => w.checkPhones([1]), { name: "InputError", code: "argument_type" });
  assert.equal(w.normalizePhone("+447400123456"), "+447400123456");
});

test("nesting 100,000 levels deep is InputError input_too_deep, process alive", () => {
  let deep = [];
  for (let i = 0; i < 100_000; i++) deep = [deep];
  assert.throws(() => w.validateKyc(deep, {}), { name: "InputError", code: "input_too_deep" });
  let obj = {};
  for (let i = 0; i < 100_000; i++) obj = { a: obj };
  assert.throws(() => w.validateKyc(obj, {}), { name: "InputError", code: "input_too_deep" });
  assert.equal(w.normalizePhone("+447400123456"), "+447400123456");
});

test("NaN and Infinity in a model are refused, not turned into null", () => {
  for (const bad of [NaN, Infinity, -Infinity]) {
    assert.throws(() => w.validateKyc({ countryCode: "GB", requirements: [], x: bad }, {}), { name: "InputError", code: "argument_invalid" });
  }
});

test("errorCodes lists every code once", () => {
  const codes = w.errorCodes();
  assert.equal(new Set(codes).size, codes.length);
  assert.ok(codes.includes("phone_empty") && codes.includes("status_invalid_transition"));
});

test("a throwing getter or Proxy trap in a model is an InputError, and the instance keeps working", () => {
  const getter = { get countryCode() { throw new Error("boom"); } };
  const proxy = new Proxy({}, { ownKeys() { throw new Error("boom"); } });
  const arrayProxy = new Proxy([1, 2], { get() { throw new Error("boom"); } });
  for (const bad of [getter, proxy, arrayProxy]) {
    assert.throws(() => w.validateKyc(bad, {}), { name: "InputError", code: "argument_type" });
    assert.equal(w.normalizePhone("+447400123456"), "+447400123456");
  }
});

test("a sparse array claiming 2^32 - 1 items is refused at once, not walked", () => {
  const sparse = [];
  sparse.length = 2 ** 32 - 1;
  assert.throws(() => w.runRate(sparse), { name: "InputError", code: "argument_too_long" });
});

test("a 100 MB response body is refused by the core's limit without being expanded", () => {
  const body = new Uint8Array(100 * 1024 * 1024).fill(32);
  assert.throws(() => w.parseResponse("zernio", "list_countries", {}, { status: 200, body }), { name: "ApiError", code: "bad_response" });
  assert.equal(w.normalizePhone("+447400123456"), "+447400123456");
});

test("the error class names are the core's, one per error kind", () => {
  const names = w.errorClasses();
  assert.deepEqual(names, ["PhoneError", "InputError", "TransitionError", "KycValidationError", "ApiError", "SignatureError", "TransportError"]);
  for (const name of names) {
    const err = new Error("x");
    err.name = name;
    err.code = "json_invalid";
    assert.ok(w.isWanumbersError(err), name);
  }
  const other = new Error("x");
  other.name = "TypeError";
  other.code = "x";
  assert.ok(!w.isWanumbersError(other));
});
