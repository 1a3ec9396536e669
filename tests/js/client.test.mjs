// The clients over a fake `fetch`: what is sent, what comes back, and every way it can fail.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { inspect } from "node:util";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = process.env.WANUMBERS_PKG ?? join(here, "..", "..", "bindings-wasm", "pkg");
const w = createRequire(import.meta.url)(pkg);

/** A fetch that answers from a table and records what it was asked. */
function fakeFetch(routes) {
  const seen = [];
  const fetch = async (url, init) => {
    seen.push({ url, ...init });
    const key = `${init.method} ${new URL(url).pathname}`;
    const [status, body] = routes[key] ?? [500, { error: "no route" }];
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  };
  return { fetch, seen };
}

test("a purchase goes out as the core builds it and comes back typed", async () => {
  const { fetch, seen } = fakeFetch({ "POST /api/v1/phone-numbers/purchase": [202, { status: "kyc_required", country: "GB", kycUrl: "https://zernio.com/kyc/x" }] });
  const client = new w.Client({ apiKey: "sk_test_abc", fetch });
  const outcome = await client.purchase({ profileId: "prof_1", country: "GB", purchaseIntentId: "order-1" });
  assert.deepEqual(outcome, { outcome: "kyc_required", status: "kyc_required", country: "GB", numberType: null, kycUrl: "https://zernio.com/kyc/x" });
  const [sent] = seen;
  assert.equal(sent.method, "POST");
  assert.equal(sent.url, "https://zernio.com/api/v1/phone-numbers/purchase");
  assert.deepEqual(Object.fromEntries(sent.headers).authorization, "Bearer sk_test_abc");
  assert.deepEqual(JSON.parse(new TextDecoder().decode(sent.body)), { profileId: "prof_1", country: "GB", purchaseIntentId: "order-1" });
});

test("every operation has a method on its client", () => {
  const zernio = new w.Client({ apiKey: "k", fetch: async () => { throw new Error("unused"); } });
  const graph = new w.GraphClient({ accessToken: "t", fetch: async () => { throw new Error("unused"); } });
  const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
  for (const op of w.operations("zernio")) assert.equal(typeof zernio[camel(op)], "function", op);
  for (const op of w.operations("graph")) assert.equal(typeof graph[camel(op)], "function", op);
});

test("an error status is an ApiError with status and retryable", async () => {
  const { fetch } = fakeFetch({
    "GET /api/v1/phone-numbers/665f": [404, { error: "Not found" }],
    "GET /api/v1/phone-numbers/countries": [429, { error: "Slow down" }],
  });
  const client = new w.Client({ apiKey: "k", fetch });
  await assert.rejects(client.getNumber({ id: "665f" }), (err) => {
    assert.ok(err instanceof Error && w.isWanumbersError(err));
    assert.equal(err.name, "ApiError");
    assert.equal(err.code, "not_found");
    assert.equal(err.status, 404);
    assert.equal(err.retryable, false);
    return true;
  });
  await assert.rejects(client.listCountries(), { name: "ApiError", code: "rate_limited", status: 429, retryable: true });
});

test("Graph register is sent once and its error mapped; nothing is retried", async () => {
  const { fetch, seen } = fakeFetch({ "POST /v25.0/1065/register": [400, { error: { code: 133005, message: "(#133005) PIN Mismatch", fbtrace_id: "T1" } }] });
  const graph = new w.GraphClient({ accessToken: "EAAG_token", fetch });
  await assert.rejects(graph.register({ phoneNumberId: "1065", pin: "123456" }), (err) => {
    assert.equal(err.code, "pin_mismatch");
    assert.equal(err.retryable, false);
    assert.equal(err.details.fbtrace_id, "T1");
    return true;
  });
  assert.equal(seen.length, 1);
});

test("a fetch that fails is a TransportError; bad arguments never reach fetch", async () => {
  const client = new w.Client({ apiKey: "k", fetch: async () => { throw new TypeError("fetch failed"); } });
  await assert.rejects(client.listCountries(), (err) => {
    assert.equal(err.name, "TransportError");
    assert.equal(err.code, "transport_failed");
    assert.equal(err.details.operation, "list_countries");
    assert.ok(w.isWanumbersError(err));
    return true;
  });
  let called = false;
  const strict = new w.Client({ apiKey: "k", fetch: async () => { called = true; throw new Error("sent"); } });
  await assert.rejects(strict.purchase({ profileId: "p", areaCode: "12345" }), (err) => err.name === "InputError" && err.details.argument === "areaCode");
  assert.equal(called, false);
});

test("Graph pages are followed while there is a next page", async () => {
  let calls = 0;
  const fetch = async (url) => {
    calls++;
    const after = new URL(url).searchParams.get("after");
    const body = after ? { data: [{ id: "2" }], paging: { cursors: { after: "c2" } } } : { data: [{ id: "1" }], paging: { cursors: { after: "c1" }, next: "https://graph.facebook.com/next" } };
    return new Response(JSON.stringify(body), { status: 200 });
  };
  const numbers = await new w.GraphClient({ accessToken: "t", fetch }).listAllPhoneNumbers({ wabaId: "1022" });
  assert.deepEqual(numbers.map((n) => n.id), ["1", "2"]);
  assert.equal(calls, 2);
});

test("paging from a before cursor goes on from the after cursor alone", async () => {
  const urls = [];
  const fetch = async (url) => {
    urls.push(new URL(url));
    const body = urls.length === 1
      ? { data: [{ id: "1" }], paging: { cursors: { before: "c0", after: "c1" }, next: "https://graph.facebook.com/next" } }
      : { data: [{ id: "2" }], paging: { cursors: { before: "c1" } } };
    return new Response(JSON.stringify(body), { status: 200 });
  };
  const numbers = await new w.GraphClient({ accessToken: "t", fetch }).listAllPhoneNumbers({ wabaId: "1022", before: "c9", limit: 5 });
  assert.deepEqual(numbers.map((n) => n.id), ["1", "2"]);
  assert.equal(urls[1].searchParams.get("after"), "c1");
  assert.equal(urls[1].searchParams.get("before"), null);
  assert.equal(urls[1].searchParams.get("limit"), "5");
});

test("the default fetch is globalThis.fetch, and a client never shows its key", async () => {
  const original = globalThis.fetch;
  let used = false;
  globalThis.fetch = async () => { used = true; return new Response(JSON.stringify({ countries: [] }), { status: 200 }); };
  try {
    const client = new w.Client({ apiKey: "sk_live_SECRET" });
    await client.listCountries();
    assert.ok(used);
    const shown = inspect(client) + JSON.stringify(client) + String(client);
    assert.ok(!shown.includes("SECRET"), shown);
  } finally {
    globalThis.fetch = original;
  }
  assert.throws(() => new w.Client({}), { name: "InputError", code: "argument_type" });
  assert.throws(() => new w.Client({ apiKey: " " }), { name: "InputError", code: "argument_missing" });
});

test("a retry-safe call is retried as the core decides; a purchase without its intent id is not", async () => {
  let calls = 0;
  const flaky = async () => {
    calls += 1;
    return calls < 3
      ? new Response(JSON.stringify({ error: "busy" }), { status: 503 })
      : new Response(JSON.stringify({ countries: [] }), { status: 200 });
  };
  const client = new w.Client({ apiKey: "k", fetch: flaky, retry: { baseDelayMs: 1 } });
  await client.listCountries();
  assert.equal(calls, 3);
  calls = 0;
  await assert.rejects(client.purchase({ profileId: "p" }), { name: "ApiError", code: "server_error" });
  assert.equal(calls, 1);
  calls = 0;
  const once = new w.Client({ apiKey: "k", fetch: flaky, retry: { maxAttempts: 1 } });
  await assert.rejects(once.listCountries(), { name: "ApiError", code: "server_error" });
  assert.equal(calls, 1);
  // A failed fetch of a read is retried too.
  let failures = 0;
  const down = new w.Client({ apiKey: "k", fetch: async () => { failures += 1; throw new TypeError("fetch failed"); }, retry: { baseDelayMs: 1 } });
  await assert.rejects(down.listCountries(), { name: "TransportError" });
  assert.equal(failures, 3);
});

test("a bad retry policy is refused when the client is made", () => {
  assert.throws(() => new w.Client({ apiKey: "k", fetch: async () => null, retry: { maxAttempts: 0 } }), { name: "InputError" });
  assert.throws(() => new w.Client({ apiKey: "k", fetch: async () => null, retry: { max_attempts: 1 } }), { name: "InputError" });
});
