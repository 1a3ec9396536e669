// Secrets and personal data never reach what a developer prints or logs: util.inspect,
// JSON.stringify and String() of every object and error that can carry them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { inspect } from "node:util";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = process.env.WANUMBERS_PKG ?? join(here, "..", "..", "bindings-wasm", "pkg");
const w = createRequire(import.meta.url)(pkg);

const KEY = "sk_live_PLANTEDSECRET123456";
const TOKEN = "EAAGPLANTEDTOKEN0123456789";
const NAME = "Ana Plantedgarcia";
const EMAIL = "ana.planted@example.com";
const PLANTED = [KEY, TOKEN, NAME, EMAIL, "PLANTED"];

const shown = (value) => [inspect(value, { depth: 10, showHidden: false }), JSON.stringify(value) ?? "", String(value)].join("\n");
const clean = (value, what) => {
  const text = shown(value);
  for (const p of PLANTED) assert.ok(!text.includes(p), `${what} shows ${p}:\n${text}`);
};
const caught = (f) => {
  try {
    f();
  } catch (err) {
    return err;
  }
  assert.fail("expected an error");
};

test("a built request prints its secret headers redacted, but fetch (and a copy) gets them", () => {
  const request = w.buildRequest("zernio", { apiKey: KEY }, "list_countries", {});
  clean(request, "request");
  assert.match(inspect(request), /authorization.*<redacted>/s);
  assert.deepEqual(request.headers.find(([k]) => k === "authorization"), ["authorization", `Bearer ${KEY}`]);
  assert.deepEqual({ ...request }.headers, request.headers);
  const graph = w.buildRequest("graph", { accessToken: TOKEN }, "get_phone_number", { phoneNumberId: "1065" });
  clean(graph, "graph request");
});

test("clients show neither key nor token", () => {
  clean(new w.Client({ apiKey: KEY, fetch: async () => {} }), "Client");
  clean(new w.GraphClient({ accessToken: TOKEN, fetch: async () => {} }), "GraphClient");
});

test("a transport failure carrying the key in its message does not pass it on", async () => {
  const client = new w.Client({ apiKey: KEY, fetch: async (url, init) => { throw new Error(`failed ${url} ${JSON.stringify(init.headers)} ${KEY}`); } });
  await assert.rejects(client.listCountries(), (err) => {
    assert.equal(err.code, "transport_failed");
    clean(err, "TransportError");
    return true;
  });
});

test("upstream text (names, e-mails) is kept in details but marked: not shown by inspect or JSON", () => {
  const bodies = [
    { status: 400, body: JSON.stringify({ error: `${NAME} <${EMAIL}> may not buy this number` }) },
    { status: 500, body: `<html><body>Internal error for ${NAME} (${EMAIL})</body></html>` },
    { status: 200, body: `{"countries": "${NAME}"}` },
    { status: 200, body: `not json ${NAME}` },
  ];
  for (const response of bodies) {
    const err = caught(() => w.parseResponse("zernio", "list_countries", {}, { ...response, headers: [["x-request-id", `Bearer ${KEY}`]] }));
    assert.ok(w.isWanumbersError(err), String(err));
    clean(err, `ApiError for ${response.status}`);
  }
  const err = caught(() => w.parseResponse("zernio", "list_countries", {}, bodies[0]));
  assert.equal(err.details.upstream_message, `${NAME} <<email>> may not buy this number`);
  const graph = caught(() =>
    w.parseResponse("graph", "get_phone_number", { phoneNumberId: "1" }, { status: 400, body: JSON.stringify({ error: { code: 100, message: `Param for ${NAME} ${EMAIL} invalid` } }) }),
  );
  clean(graph, "Graph ApiError");
});

test("decode errors name the field, never the value", () => {
  const errors = [
    caught(() => w.validateKyc({ countryCode: NAME }, {})),
    caught(() => w.runRate([{ id: NAME, phoneNumber: EMAIL, status: 5 }])),
    caught(() => w.parseResponse("zernio", "list_countries", {}, { status: NAME })),
    caught(() => w.buildRequest("zernio", { apiKey: 12, baseUrl: KEY }, "list_countries", {})),
    caught(() => w.buildRequest("zernio", { apiKey: KEY }, NAME, {})),
    caught(() => w.normalizePhone(`${NAME} ${EMAIL}`)),
  ];
  for (const err of errors) {
    assert.ok(w.isWanumbersError(err), String(err));
    clean(err, err.code);
  }
});
