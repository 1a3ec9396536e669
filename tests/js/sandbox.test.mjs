// The sandbox from JS: the real clients through `sandbox.fetch` (Node build and the browser
// build loaded from its bytes), over HTTP with `serve` and the `wanumbers-sandbox` CLI, and
// webhooks POSTed, retried on the sandbox clock and verified.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = process.env.WANUMBERS_PKG ?? join(here, "..", "..", "bindings-wasm", "pkg");
const require = createRequire(import.meta.url);
const s = require(join(pkg, "node", "sandbox.cjs"));

const START = new Date("2026-12-01T09:00:00Z");
const box = (seed = 1) => new s.Sandbox({ seed, clock: () => START });
const SUBMISSION = {
  profileId: "prof_1",
  country: "GB",
  endUserFirstName: "Ana",
  endUserLastName: "Garcia",
  values: { "gb-name": "Acme Ltd", "gb-contact": "ops@acme.example" },
  documents: [{ requirementId: "gb-poa", filename: "bill.pdf", base64: "JVBERi0xLjQKJXdhbnVtYmVycyB0ZXN0CjEgMCBvYmo8PD4+ZW5kb2JqCg==" }],
  address: {
    requirementId: "gb-addr",
    country_code: "GB",
    street_address: "10 Downing Street",
    locality: "London",
    administrative_area: "London",
    postal_code: "SW1A 2AA",
  },
};
const header = (delivery, name) => Object.fromEntries(delivery.headers)[name];

test("the lifecycle through the real client, with signed webhooks", async () => {
  const sandbox = box();
  const client = new s.Client({ apiKey: "sk_test_js", fetch: sandbox.fetch });
  await client.createWebhookSettings({ name: "n", url: "https://hooks.example.com/z", secret: "whsec_js", events: ["whatsapp.number.activated"] });
  const bought = await client.purchase({ profileId: "prof_1", purchaseIntentId: "o-1" });
  assert.equal(bought.outcome, "provisioned");
  assert.equal(bought.phoneNumber.status, "active");
  assert.match(bought.phoneNumber.phoneNumber, /^\+1\d{10}$/);
  // Idempotent replay, then the velocity rule.
  const replay = await client.purchase({ profileId: "prof_1", purchaseIntentId: "o-1" });
  assert.equal(replay.outcome, "already_purchased");
  await assert.rejects(client.purchase({ profileId: "prof_1" }), (err) => err.name === "ApiError" && err.code === "purchase_velocity" && err.status === 409);
  const gb = await client.purchase({ profileId: "prof_1", country: "GB", allowMultiple: true });
  assert.equal(gb.outcome, "kyc_required");
  const form = await client.getKycForm({ country: "GB" });
  const submitted = await client.submitKyc({ form, submission: SUBMISSION });
  const id = submitted.numbers[0].id;
  assert.equal((await client.getNumber({ id })).status, "pending_regulatory");
  assert.equal(sandbox.advance(2 * 86_400), "2026-12-03T09:00:00Z");
  assert.equal((await client.getNumber({ id })).status, "active");
  const deliveries = sandbox.takeDeliveries();
  assert.deepEqual(deliveries.map((d) => d.event), ["whatsapp.number.activated", "whatsapp.number.activated"]);
  for (const delivery of deliveries) {
    const signature = header(delivery, "x-zernio-signature");
    s.verifyZernioSignature("whsec_js", delivery.body, signature);
    assert.equal(signature, createHmac("sha256", "whsec_js").update(delivery.body).digest("hex"));
    assert.equal(s.parseWebhook(delivery.body).event, "whatsapp.number.activated");
  }
  const invoice = sandbox.invoice("2026-12-01", "2027-01-01", { apiKey: "sk_test_js" });
  assert.equal(invoice.lines.length, 2);
  assert.ok(invoice.totalCents > 0);
  assert.equal(sandbox.force(id, "suspend", { apiKey: "sk_test_js" }).status, "suspended");
  sandbox.fail("list_numbers", 503, { apiKey: "sk_test_js", code: "CARRIER_UNAVAILABLE", times: 5 });
  const noRetry = new s.Client({ apiKey: "sk_test_js", fetch: sandbox.fetch, retry: { maxAttempts: 1 } });
  await assert.rejects(noRetry.listNumbers(), (err) => err.code === "carrier_unavailable");
  sandbox.clearFailures({ apiKey: "sk_test_js" });
  // A dropped connection is a TransportError; a planted latency is waited.
  sandbox.fail("purchase", null, { apiKey: "sk_test_js", drop: true });
  await assert.rejects(noRetry.purchase({ profileId: "prof_1", allowMultiple: true }), (err) => err.name === "TransportError");
  sandbox.fail("list_numbers", null, { apiKey: "sk_test_js", latencyMs: 120 });
  const started = Date.now();
  await client.listNumbers();
  assert.ok(Date.now() - started >= 100);
  // Strict keys: only the listed ones are accounts.
  sandbox.keys(["sk_test_js"]);
  await assert.rejects(new s.Client({ apiKey: "sk_test_other", fetch: sandbox.fetch }).listNumbers(), (err) => err.code === "unauthorized");
  sandbox.keys(null);
  const released = await client.releaseNumber({ id });
  assert.ok(released);
});

test("a declined number is remediated and activated on the same record", async () => {
  const sandbox = box(2);
  const client = new s.Client({ apiKey: "sk_test_remedy", fetch: sandbox.fetch });
  const form = await client.getKycForm({ country: "GB" });
  const submitted = await client.submitKyc({ form, submission: { ...SUBMISSION, endUserLastName: "Declined" } });
  const id = submitted.numbers[0].id;
  sandbox.advance(2 * 86_400);
  const declined = await client.getNumber({ id });
  assert.equal(declined.status, "regulatory_declined");
  assert.ok(declined.regulatoryDeclineReason);
  const remediation = await client.getRemediation({ id });
  assert.deepEqual(remediation.fields.map((f) => f.requirementId), ["gb-poa"]);
  const resubmitted = await client.submitRemediation({ id, form: remediation, submission: { documents: SUBMISSION.documents } });
  assert.equal(resubmitted.status, "resubmitted");
  assert.equal((await client.getNumber({ id })).status, "pending_regulatory");
  sandbox.advance(2 * 86_400);
  assert.equal((await client.getNumber({ id })).status, "active");
  assert.equal((await client.listNumbers()).numbers.length, 1, "the same record, no new number");
});

test("Graph: a code, a wrong code, verify and register", async () => {
  const sandbox = box(3);
  const graph = new s.GraphClient({ accessToken: "EAAG_js", fetch: sandbox.fetch });
  const added = await graph.addPhoneNumber({ wabaId: "102290129340398", cc: "44", phoneNumber: "7911123456", verifiedName: "Acme" });
  await graph.requestCode({ phoneNumberId: added.id, codeMethod: "SMS", language: "en_US" });
  await assert.rejects(graph.verifyCode({ phoneNumberId: added.id, code: "000000" }), (err) => err.code === "verification_code_invalid");
  await graph.verifyCode({ phoneNumberId: added.id, code: s.GOOD_CODE });
  await graph.register({ phoneNumberId: added.id, pin: "112233" });
  assert.equal((await graph.getPhoneNumber({ phoneNumberId: added.id })).status, "CONNECTED");
  // The app's webhooks: signed with the App Secret as Meta signs them.
  sandbox.graphWebhook({ apiKey: "EAAG_js", url: "https://hooks.example.com/meta", appSecret: "app_secret_js" });
  assert.equal(sandbox.graphQuality(added.id, { apiKey: "EAAG_js", qualityRating: "RED" }).quality_rating, "RED");
  const [flagged] = sandbox.takeDeliveries();
  const signature = header(flagged, "x-hub-signature-256");
  s.verifyMetaSignature("app_secret_js", flagged.body, signature);
  assert.equal(signature, `sha256=${createHmac("sha256", "app_secret_js").update(flagged.body).digest("hex")}`);
  assert.equal(JSON.parse(new TextDecoder().decode(flagged.body)).entry[0].changes[0].value.event, "FLAGGED");
});

test("a failed delivery comes back on Zernio's schedule; the controls check their arguments", async () => {
  const sandbox = box(4);
  const client = new s.Client({ apiKey: "sk_test_retry", fetch: sandbox.fetch });
  await client.createWebhookSettings({ name: "n", url: "https://hooks.example.com/z", events: ["whatsapp.number.activated"] });
  await client.purchase({ profileId: "prof_1" });
  const [first] = sandbox.takeDeliveries();
  assert.equal(first.attempt, 1);
  assert.equal(sandbox.report(first.id, { error: "TypeError" }).next, "2026-12-01T09:00:10Z");
  assert.deepEqual(sandbox.takeDeliveries(), []);
  sandbox.advance({ to: new Date("2026-12-01T09:00:10Z") });
  const [second] = sandbox.takeDeliveries();
  assert.equal(second.attempt, 2);
  assert.equal(second.eventId, first.eventId);
  assert.deepEqual(second.body, first.body);
  sandbox.report(second.id, { status: 200, ms: 12 });
  const logs = await client.getWebhookLogs();
  assert.deepEqual(logs.logs.map((l) => [l.attemptNumber, l.status]), [[2, "success"], [1, "failed"]]);
  assert.throws(() => sandbox.advance({ by: 1, hours: 1 }), (err) => err.name === "InputError" && err.code === "argument_unknown" && err.details.argument === "hours");
  assert.throws(() => sandbox.force("nope", "approve", { apiKey: "sk_test_retry", because: "x" }), (err) => err.code === "argument_unknown");
  assert.throws(() => sandbox.invoice("2026-12-01", "2027-01-01", {}), (err) => err.code === "argument_missing" && err.details.argument === "apiKey");
  assert.throws(() => sandbox.control("rewind"), (err) => err.code === "operation_unknown");
  assert.throws(() => new s.Sandbox({ sed: 1 }), (err) => err.code === "argument_unknown");
  assert.deepEqual(sandbox.journal({ apiKey: "sk_test_retry" }).map((r) => r.operation), ["create_webhook_settings", "purchase", "get_webhook_logs"]);
  // The same seed gives the same bytes; a snapshot restores.
  const snapshot = sandbox.snapshot();
  assert.ok(!JSON.stringify(snapshot).includes("sk_test_retry"));
  const restored = s.Sandbox.restore(snapshot, { clock: () => START });
  const again = new s.Client({ apiKey: "sk_test_retry", fetch: restored.fetch });
  assert.equal((await again.listNumbers()).numbers.length, 1);
  sandbox.reset();
  assert.equal((await client.listNumbers()).numbers.length, 0);
  sandbox.load(snapshot);
  assert.equal((await client.listNumbers()).numbers.length, 1);
});

test("the browser build (wanumbers/sandbox) answers the same, loaded from its bytes", async () => {
  const dir = join(pkg, "sandbox");
  const web = await import(pathToFileURL(join(dir, "index.js")).href);
  web.initSync({ module: readFileSync(join(dir, "wanumbers_wasm_bg.wasm")) });
  const answer = async (mod) => {
    const sandbox = new mod.Sandbox({ seed: 9, clock: () => START });
    const client = new mod.Client({ apiKey: "sk_test_same", fetch: sandbox.fetch });
    return [await client.purchase({ profileId: "p" }), sandbox.snapshot()];
  };
  assert.deepEqual(await answer(web), await answer(s));
  // The forms and web builds do not carry the sandbox.
  const full = await import(pathToFileURL(join(pkg, "web", "index.js")).href);
  assert.equal(full.Sandbox, undefined);
  assert.equal(full.SandboxEngine, undefined);
  assert.equal(require(pkg).Sandbox, undefined);
});

/** A local webhook endpoint answering `statuses` in turn (then 200). */
async function receiver(statuses) {
  const received = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(statuses.shift() ?? 200, { "content-length": "0" });
      res.end();
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}/hooks`, received, close: () => new Promise((r) => server.close(r)) };
}

const until = async (check) => {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail("timed out");
};

test("serve: the clients over HTTP, webhooks POSTed and retried on the sandbox clock", async () => {
  const hooks = await receiver([500]);
  const sandbox = box(5);
  const server = await s.serve(sandbox);
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new s.Client({ apiKey: "sk_test_http", baseUrl: `${server.url}/api`, allowInsecureHttp: true });
    await client.createWebhookSettings({ name: "n", url: hooks.url, secret: "whsec_http", events: ["whatsapp.number.activated"] });
    assert.equal((await client.purchase({ profileId: "prof_1" })).outcome, "provisioned");
    await until(() => hooks.received.length === 1);
    const [first] = hooks.received;
    s.verifyZernioSignature("whsec_http", first.body, first.headers["x-zernio-signature"]);
    const moved = await fetch(`${server.url}/_sandbox/clock`, { method: "POST", body: JSON.stringify({ by: 10 }) });
    assert.equal((await moved.json()).now, "2026-12-01T09:00:10Z");
    await until(() => hooks.received.length === 2);
    assert.deepEqual(hooks.received[1].body, first.body);
    await until(() => sandbox.journal().length > 0);
    // The Host header cannot turn a request into a control; a body over the limit is refused.
    const res = await fetch(`${server.url}/api/v1/phone-numbers/countries`, { headers: { "x-forwarded-host": "x/_sandbox/snapshot?" } });
    assert.equal(res.status, 200);
    const options = await fetch(`${server.url}/api/v1/phone-numbers/purchase`, { method: "OPTIONS" });
    assert.equal(options.status, 405);
    assert.equal(options.headers.get("allow"), "POST");
    const big = await fetch(`${server.url}/api/v1/phone-numbers/purchase`, { method: "POST", headers: { "content-length": String(64 * 1024 * 1024) }, body: "x" }).catch(() => null);
    assert.ok(big === null || big.status === 413);
  } finally {
    await server.close();
    await hooks.close();
  }
  await assert.rejects(s.serve(sandbox, { prot: 1 }), (err) => err.code === "argument_unknown");
});

test("the wanumbers-sandbox CLI serves until Ctrl-C and keeps its state", async () => {
  const dir = mkdtempSync(join(tmpdir(), "wanumbers-sandbox-"));
  const state = join(dir, "state.json");
  const cli = join(pkg, "node", "sandbox-cli.cjs");
  const start = () =>
    new Promise((resolve, reject) => {
      const proc = spawn(process.execPath, [cli, "--port", "0", "--seed", "3", "--state", state], { stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      proc.stdout.on("data", (chunk) => {
        out += chunk;
        const match = /sandbox listening on (\S+)/.exec(out);
        if (match) resolve({ proc, url: match[1] });
      });
      proc.once("exit", (code) => reject(new Error(`exited ${code}`)));
    });
  const stop = (proc) =>
    new Promise((resolve) => {
      let err = "";
      proc.stderr.on("data", (c) => (err += c));
      proc.once("exit", (code) => resolve({ code, err }));
      proc.kill("SIGINT");
    });
  try {
    let { proc, url } = await start();
    const client = new s.Client({ apiKey: "sk_test_cli", baseUrl: `${url}/api`, allowInsecureHttp: true });
    assert.equal((await client.purchase({ profileId: "prof_1" })).outcome, "provisioned");
    const { code, err } = await stop(proc);
    assert.equal(code, 0);
    assert.match(err, /sandbox stopped/);
    assert.ok(!readFileSync(state, "utf8").includes("sk_test_cli"));
    assert.equal(statSync(state).mode & 0o777, 0o600);
    ({ proc, url } = await start());
    const again = new s.Client({ apiKey: "sk_test_cli", baseUrl: `${url}/api`, allowInsecureHttp: true });
    assert.equal((await again.listNumbers()).numbers.length, 1);
    await stop(proc);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
