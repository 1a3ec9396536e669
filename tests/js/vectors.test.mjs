// Every case of tests/vectors/*.json through the public JS API of each build of the npm
// package: Node (`require("wanumbers")`), the browser ES module (`wanumbers`, initialised from
// its .wasm bytes), the browser forms build (`wanumbers/forms`) and the ID combiner's build
// (`wanumbers/id-sides`), each with the cases of what it has.
// Matching rule as in every harness: an expected object only constrains its keys; arrays must
// match in length.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = process.env.WANUMBERS_PKG ?? join(here, "..", "..", "bindings-wasm", "pkg");
const loadWeb = async (dir) => {
  const m = await import(pathToFileURL(join(pkg, dir, "index.js")).href);
  m.initSync({ module: readFileSync(join(pkg, dir, "wanumbers_wasm_bg.wasm")) });
  return m;
};
const BUILDS = {
  node: createRequire(import.meta.url)(pkg),
  web: await loadWeb("web"),
  forms: await loadWeb("forms"),
  "id-sides": await loadWeb("id-sides"),
};
// What the forms build has (the rest is in the full build only).
const FORMS_OPS = new Set([
  "normalize_phone", "normalize_phone_in_region", "check_phone", "check_phones", "format_phone", "example_phone",
  "is_country_code", "country_name", "country_info", "normalize_country_code", "countries",
  "catalog_get", "prorate_cents", "days_in_month", "quote", "format_usd", "format_monthly",
  "validate_kyc", "validate_remediation", "remediation_payload", "sniff_document", "check_document_size",
]);
// What the ID combiner's build has; the browser web build leaves it to that build.
const ID_SIDES_OPS = new Set(["combine_id_sides"]);
// The cases each build runs: every case, or those of the ops it has.
const runs = (build, op) =>
  build === "forms" ? FORMS_OPS.has(op)
  : build === "id-sides" ? ID_SIDES_OPS.has(op)
  : build === "web" ? !ID_SIDES_OPS.has(op)
  : true;

const vectorsDir = join(here, "..", "vectors");
const cases = readdirSync(vectorsDir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .flatMap((f) => {
    const doc = JSON.parse(readFileSync(join(vectorsDir, f), "utf8"));
    return doc.cases.map((c) => ({ suite: doc.suite, ...c }));
  });

const opt = (v) => (v === null ? undefined : v);
const bytes = (b64) => new Uint8Array(Buffer.from(b64, "base64"));
// {"$repeat": [text, count]} stands for text repeated count times.
const expand = (v) =>
  Array.isArray(v) ? v.map(expand)
  : v !== null && typeof v === "object"
    ? (Object.keys(v).length === 1 && "$repeat" in v ? v.$repeat[0].repeat(v.$repeat[1])
      : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(x)])))
    : v;
// A request as the vectors write it: headers sorted, body parsed (JSON) or {base64}.
const normalizeRequest = (r) => {
  let body = null;
  if (r.body.length) {
    const text = new TextDecoder().decode(r.body);
    try { body = JSON.parse(text); } catch { body = { base64: Buffer.from(r.body).toString("base64") }; }
  }
  const headers = [...r.headers].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1));
  return { method: r.method, url: r.url, headers, body };
};
const response = (i) => ({ status: i.response.status, headers: i.response.headers, body: new TextEncoder().encode(i.response.body) });
const applyEvents = (w, i) => {
  let record = i.record;
  const changed = [];
  for (const body of i.events) {
    const applied = w.applyEvent(record, w.parseWebhook(body));
    changed.push(applied.changed);
    record = applied.record;
  }
  return { record, changed };
};
const opsOf = (w) => ({
  normalize_phone: (i) => w.normalizePhone(i.raw, opt(i.region)),
  normalize_phone_in_region: (i) => w.normalizePhoneInRegion(i.raw, i.region),
  check_phone: (i) => w.checkPhone(i.raw, opt(i.region)),
  check_phones: (i) => w.checkPhones(i.raws, opt(i.region)),
  format_phone: (i) => w.formatPhone(i.raw, opt(i.region), i.format),
  example_phone: (i) => w.examplePhone(i.region, i.type, i.format),
  is_country_code: (i) => w.isCountryCode(i.code),
  country_name: (i) => w.countryName(i.code) ?? null,
  country_info: (i) => w.countryInfo(i.code),
  normalize_country_code: (i) => w.normalizeCountryCode(i.code),
  countries: (i) => w.countries(i.json),
  catalog_get: (i) => w.country(i.code, i.json),
  prorate_cents: (i) => w.prorateCents(i.monthlyCents, i.activeDays, i.daysInMonth),
  days_in_month: (i) => w.daysInMonth(i.year, i.month),
  invoice: (i) => w.invoice(i.numbers, i.start, i.end),
  run_rate: (i) => w.runRate(i.numbers),
  quote: (i) => w.quote(i.country, i.quantity, { start: i.start, catalog: i.json }),
  format_usd: (i) => w.formatUsd(i.cents),
  format_monthly: (i) => w.formatMonthly(i.cents),
  next_status: (i) => w.nextStatus(i.status, i.event),
  allowed_actions: (i) => w.allowedActions(i.status),
  parse_status: (i) => w.parseStatus(i.status),
  webhook_event: (i) => w.webhookEvent(i.name) ?? null,
  in_list_view: (i) => w.inListView(i.status, { now: i.now, view: i.view, declinedAt: i.declinedAt }),
  validate_kyc: (i) => w.validateKyc(i.form, i.submission, { availability: i.availability, today: i.today, lang: i.lang }),
  validate_remediation: (i) => w.validateRemediation(i.form, i.submission, { previous: i.previous, today: i.today, lang: i.lang }),
  remediation_payload: (i) => w.remediationPayload(i.form, i.previous, i.corrections),
  sniff_document: (i) => w.sniffDocument(bytes(i.base64)),
  check_document_size: (i) => w.checkDocumentSize(i.size) ?? null,
  // The output's type, sniffed by the Node build (the ID-sides build has only the combiner).
  combine_id_sides: (i) => BUILDS.node.sniffDocument(w.combineIdSides(bytes(i.front), bytes(i.back))),
  zernio_request: (i) => normalizeRequest(w.buildRequest("zernio", i.config, i.operation, i.args)),
  graph_request: (i) => normalizeRequest(w.buildRequest("graph", i.config, i.operation, i.args)),
  zernio_parse: (i) => w.parseResponse("zernio", i.operation, i.args, response(i)),
  graph_parse: (i) => w.parseResponse("graph", i.operation, i.args, response(i)),
  graph_next_page: (i) => w.nextPage("graph", i.operation, i.args, i.page),
  zernio_next_page: (i) => w.nextPage("zernio", i.operation, i.args, i.page),
  verify_zernio_signature: (i) => w.verifyZernioSignature(i.secret, new TextEncoder().encode(i.body), opt(i.header)) ?? null,
  verify_meta_signature: (i) => w.verifyMetaSignature(i.appSecret, new TextEncoder().encode(i.body), opt(i.header)) ?? null,
  meta_challenge: (i) => w.metaChallenge(opt(i.mode), opt(i.token), opt(i.challenge), i.expected),
  parse_zernio_webhook: (i) => w.parseWebhook(i.body),
  parse_meta_webhook: (i) => w.parseMetaWebhook(i.body),
  apply_events: (i) => applyEvents(w, i),
  purchase_guard: (i) => w.purchaseGuard(opt(i.lastPurchaseAt), i.now, i.allowMultiple),
  retry_decision: (i) => w.retryDecision(i.platform, i.operation, i.args, i.attempt, i.response, i.now, i.jitter, i.policy ?? null),
});
const OPS = Object.fromEntries(Object.entries(BUILDS).map(([name, w]) => [name, opsOf(w)]));

function mismatches(expected, actual, path = "ok") {
  const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  if (isObj(expected) && isObj(actual)) {
    return Object.entries(expected).flatMap(([k, v]) =>
      k in actual ? mismatches(v, actual[k], `${path}.${k}`) : [`${path}.${k}: missing (expected ${JSON.stringify(v)})`],
    );
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const out = expected.length === actual.length ? [] : [`${path}: expected ${expected.length} items, got ${actual.length}`];
    expected.forEach((e, i) => i < actual.length && out.push(...mismatches(e, actual[i], `${path}[${i}]`)));
    return out;
  }
  return Object.is(expected, actual) ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

test("the vectors are there and every op has a JS mapping", () => {
  const suites = new Set(cases.map((c) => c.suite));
  for (const s of ["phone", "country", "pricing", "status", "kyc", "http_requests", "http_responses", "webhooks"]) assert.ok(suites.has(s), `missing suite ${s}`);
  assert.ok(cases.length >= 500, `only ${cases.length} cases`);
  for (const c of cases) assert.ok(c.input.op in OPS.node, `no JS mapping for op ${c.input.op}`);
});

test("the forms build has the forms functions and leaves the rest out", () => {
  const forms = BUILDS.forms;
  for (const name of ["checkPhone", "validateKyc", "quote", "countries", "remediationPayload", "init", "isWanumbersError"]) {
    assert.equal(typeof forms[name], "function", name);
  }
  for (const name of ["buildRequest", "combineIdSides", "invoice", "nextStatus", "Client"]) assert.equal(forms[name], undefined, name);
});

test("the ID combiner is in its own build, not in the browser web build", () => {
  const idSides = BUILDS["id-sides"];
  for (const name of ["combineIdSides", "init", "isWanumbersError", "version"]) assert.equal(typeof idSides[name], "function", name);
  for (const name of ["checkPhone", "validateKyc", "buildRequest", "sniffDocument"]) assert.equal(idSides[name], undefined, name);
  assert.equal(BUILDS.web.combineIdSides, undefined);
  assert.equal(idSides.version(), BUILDS.web.version());
});

for (const [build, ops] of Object.entries(OPS)) for (const c of cases) {
  if (!runs(build, c.input.op)) continue;
  test(`${build} · ${c.suite}: ${c.name}`, () => {
    let problems;
    try {
      const result = ops[c.input.op](expand(c.input));
      assert.ok("ok" in c.expect, `expected error ${JSON.stringify(c.expect.error)}, got ok ${JSON.stringify(result)}`);
      problems = mismatches(c.expect.ok, result);
    } catch (err) {
      if (err instanceof assert.AssertionError) throw err;
      assert.ok("error" in c.expect, `expected ok, got ${err.name}: ${err.message} ${JSON.stringify(err.details)}`);
      assert.ok(err instanceof Error, "errors are Error objects");
      problems = mismatches(c.expect.error, { code: err.code, message: err.message, details: err.details }, "error");
    }
    assert.deepEqual(problems, []);
  });
}

test("every build names the libphonenumber release its phone engine is compiled from", () => {
  // The pin the metadata generator reads (tools/requirements-dev.txt), not our own output.
  const pin = readFileSync(join(here, "..", "..", "tools", "requirements-dev.txt"), "utf8").match(/^phonenumbers==(\S+)$/m);
  assert.ok(pin, "tools/requirements-dev.txt pins phonenumbers");
  for (const [name, w] of Object.entries(BUILDS)) {
    if (name !== "id-sides") assert.equal(w.phoneMetadataVersion(), pin[1], name);
  }
});
