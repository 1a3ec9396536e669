// The hostile corpus (tests/hostile/*.json) through the Node build: every public function, each
// argument position replaced by each hostile value. Every call returns or throws the package's
// own error (a WanumbersError with a code), never a TypeError, a RangeError or a wasm trap, and
// the instance still answers afterwards. See tests/hostile/README.md.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = process.env.WANUMBERS_PKG ?? join(here, "..", "..", "bindings-wasm", "pkg");
const w = createRequire(import.meta.url)(pkg);
const hostile = join(here, "..", "hostile");
const { values } = JSON.parse(readFileSync(join(hostile, "values.json"), "utf8"));
const { functions } = JSON.parse(readFileSync(join(hostile, "functions.json"), "utf8"));

const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

// Functions whose trailing Python parameters are one options object in JS, from this index on.
const OPTIONS_FROM = { quote: 2, in_list_view: 1, validate_kyc: 2, validate_remediation: 2 };

class Opaque {}

/** A description from values.json as a JS value (nesting built with a loop, never recursion). */
function build(value, variant = "number") {
  if (Array.isArray(value)) return value.map((v) => build(v, variant));
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0].startsWith("$")) {
    const arg = value[keys[0]];
    switch (keys[0]) {
      case "$repeat":
        return arg[0].repeat(arg[1]);
      case "$utf16":
        return String.fromCharCode(...arg);
      case "$base64":
        return new Uint8Array(Buffer.from(arg, "base64"));
      case "$float":
        return Number(arg);
      case "$int":
        return variant === "bigint" ? BigInt(arg) : Number(arg);
      case "$opaque":
        return new Opaque();
      case "$int_key_map":
        return new Map(arg);
      case "$nest": {
        let v = build(arg.leaf, variant);
        for (let i = 0; i < arg.depth; i++) v = arg.kind === "list" ? [v] : { a: v };
        return v;
      }
      default:
        throw new Error(`unknown description ${keys[0]}`);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, build(value[k], variant)]));
}

/** The JS argument list for a Python-style parameter list. */
function jsArgs(name, params) {
  const from = OPTIONS_FROM[name];
  if (from === undefined) return params.map((p) => p.value);
  const options = Object.fromEntries(params.slice(from).map((p) => [camel(p.name), p.value]));
  return [...params.slice(0, from).map((p) => p.value), options];
}

const forJs = (entry) => !entry.languages || entry.languages.includes("js");
const usable = functions.filter(forJs).filter((f) => typeof w[camel(f.name)] === "function");
const hostileValues = values.filter(forJs).flatMap((v) =>
  JSON.stringify(v.value).includes('"$int"') ? [{ ...v, variant: "number" }, { ...v, name: `${v.name}_bigint`, variant: "bigint" }] : [{ ...v, variant: "number" }],
);

test("every function of the corpus exists in the Node build (none silently dropped)", () => {
  const missing = functions.filter(forJs).filter((f) => typeof w[camel(f.name)] !== "function").map((f) => f.name);
  assert.deepEqual(missing, []);
});

test("every sample call succeeds as written", () => {
  for (const f of usable) {
    const params = f.params.map((p) => ({ name: p.name, value: build(p.sample) }));
    try {
      w[camel(f.name)](...jsArgs(f.name, params));
    } catch (err) {
      assert.fail(`${f.name}: the sample call failed: ${err.name} ${err.code} ${err.message}`);
    }
  }
});

for (const f of usable) {
  test(`${f.name}: every hostile value at every position gives a value or a wanumbers error`, () => {
    const problems = [];
    const slow = [];
    for (let at = 0; at < f.params.length; at++) {
      for (const h of hostileValues) {
        if (h.heavy && !(h.only_functions ?? []).includes(f.name)) continue;
        const params = f.params.map((p, i) => ({ name: p.name, value: i === at ? build(h.value, h.variant) : build(p.sample) }));
        const started = performance.now();
        try {
          w[camel(f.name)](...jsArgs(f.name, params));
        } catch (err) {
          if (!w.isWanumbersError(err)) {
            problems.push(`${f.params[at].name} = ${h.name}: ${err?.name}: ${String(err?.message).slice(0, 120)}`);
          }
        }
        const ms = performance.now() - started;
        if (ms > 2000) slow.push(`${f.params[at].name} = ${h.name}: ${Math.round(ms)} ms`);
        // The instance must still answer (a wasm trap leaves it unusable).
        assert.equal(w.normalizePhone("+447400123456"), "+447400123456", `after ${f.params[at].name} = ${h.name}`);
      }
    }
    assert.deepEqual(problems, [], problems.join("\n"));
    if (slow.length) console.log(`${f.name}: slow calls (reported, not failed):\n  ${slow.join("\n  ")}`);
  });
}

test("a value one level past MAX_DEPTH (128 levels) is input_too_deep, 127 levels are not", () => {
  let ok = 1;
  for (let i = 0; i < 127; i++) ok = [ok];
  const deep = [ok];
  // A list where an object is expected: a json_invalid, but read whole (not too deep).
  assert.throws(() => w.runRate(ok), (err) => err.code !== "input_too_deep");
  assert.throws(() => w.runRate(deep), { code: "input_too_deep" });
});
