// KYC from JS: what the vectors cannot express (Uint8Array in/out, errors, defaults).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = process.env.WANUMBERS_PKG ?? join(here, "..", "..", "bindings-wasm", "pkg");
const w = createRequire(import.meta.url)(pkg);
const fixture = (name) => new Uint8Array(readFileSync(join(here, "..", "..", "core", "tests", "fixtures", name)));
const FORM = { country: "GB", fields: [{ requirementId: "name", label: "Business name", kind: "text" }] };

test("validateKyc returns FieldError[] with today and language defaulted", () => {
  const errors = w.validateKyc(FORM, { country: "GB", values: { name: " " } });
  assert.deepEqual(errors.map((e) => [e.path, e.code]), [["/profileId", "kyc_missing"], ["/values/name", "kyc_text_empty"]]);
  assert.equal(errors[1].requirementId, "name");
  assert.equal(w.validateKyc(FORM, { country: "GB", values: { name: " " } }, { lang: "pt-BR" })[1].message, "Preencha Business name.");
});

test("combineIdSides takes and returns Uint8Array", () => {
  const pdf = w.combineIdSides(fixture("front-exif6.jpg"), fixture("back-alpha.png"));
  assert.ok(pdf instanceof Uint8Array);
  assert.equal(new TextDecoder().decode(pdf.subarray(0, 8)), "%PDF-1.4");
  assert.deepEqual(w.sniffDocument(pdf), { mime: "application/pdf", extension: "pdf" });
  assert.equal(w.encodeDocument(pdf), Buffer.from(pdf).toString("base64"));
});

test("a bad image throws a KycValidationError naming the side", () => {
  assert.throws(() => w.combineIdSides(fixture("front.jpg"), fixture("not-an-image.gif")), (err) => {
    assert.ok(err instanceof Error);
    assert.equal(err.name, "KycValidationError");
    assert.equal(err.code, "kyc_image_unsupported");
    assert.equal(err.details.side, "back");
    return true;
  });
  assert.equal(w.sniffDocument(fixture("not-an-image.gif")), null);
});
