// The KYC form example in a real browser: Debian's chromium, driven headless by playwright-core
// (no browser download). Pick GB, type a bad postal code and see the error, fix it and see it
// go, switch to Spanish and see the message change, combine two ID images into a PDF (with the
// ID combiner's build, loaded at that step), fill the rest and see the exact request. Saves a screenshot in artifacts/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { chromium } = createRequire(join(root, "tools", "js", "package.json"))("playwright-core");
const { serve } = await import(pathToFileURL(join(root, "examples", "kyc-form", "serve.mjs")).href);
const fixtures = join(root, "core", "tests", "fixtures");
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";

test("the KYC form validates as the user types, in their language, and builds the request", async (t) => {
  const server = await serve(root);
  const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
  t.after(async () => {
    await browser.close();
    server.close();
  });
  const page = await browser.newPage({ viewport: { width: 900, height: 1600 } });
  const problems = [];
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => msg.type() === "error" && problems.push(`console: ${msg.text()}`));
  page.on("response", (res) => res.status() >= 400 && problems.push(`HTTP ${res.status()}: ${res.url()}`));
  const wasmLoaded = [];
  page.on("request", (req) => req.url().endsWith(".wasm") && wasmLoaded.push(req.url().split("/pkg/")[1]));

  await page.goto(`http://127.0.0.1:${server.address().port}/examples/kyc-form/`);
  await page.waitForSelector('#country option[value="GB"]', { state: "attached" });
  const gbOption = await page.textContent('#country option[value="GB"]');
  assert.match(gbOption, /United Kingdom · \$\d+\.\d\d\/mo · KYC/);
  await page.selectOption("#country", "GB");
  await page.waitForSelector("#f-gb-addr-postal_code");
  assert.match(await page.textContent("#availability"), /The address must be in United Kingdom/);

  // A wrong postal code: the error shows under the field.
  const postal = '[data-path="/address/postal_code"]';
  await page.fill("#f-gb-addr-postal_code", "XYZ");
  await page.waitForSelector(`${postal}:not([hidden])`);
  assert.match(await page.textContent(postal), /not a postal code of GB/);
  // Fixed: it goes.
  await page.fill("#f-gb-addr-postal_code", "SW1A 1AA");
  await page.waitForSelector(postal, { state: "hidden" });

  // A field left blank, then the language switched: the same error, in Spanish.
  const name = '[data-path="/values/gb-name"]';
  await page.fill("#f-gb-name", "Acme");
  await page.fill("#f-gb-name", " ");
  await page.waitForSelector(`${name}:not([hidden])`);
  const english = await page.textContent(name);
  assert.match(english, /Enter Business name/);
  await page.selectOption("#lang", "es");
  await page.waitForFunction((sel) => !document.querySelector(sel).textContent.includes("Enter"), name);
  const spanish = await page.textContent(name);
  assert.notEqual(spanish, english);
  assert.match(spanish, /Introduce Business name/);
  // The rest of the page follows: the price line and the address constraint too.
  assert.match(await page.textContent("#availability"), /La dirección debe estar en/);
  assert.match(await page.textContent("#price"), /por número al mes/);

  // Two small images, front and back: one PDF, made in the browser by the ID combiner's own
  // build, which the page loads only now.
  assert.ok(!wasmLoaded.includes("id-sides/wanumbers_wasm_bg.wasm"), `loaded before the upload step: ${wasmLoaded}`);
  await page.setInputFiles("#f-gb-poa-front", join(fixtures, "front.jpg"));
  await page.setInputFiles("#f-gb-poa-back", join(fixtures, "back.png"));
  await page.waitForFunction(() => /PDF: [\d.]+ KB/.test(document.querySelector("#f-gb-poa-pdf").textContent));
  assert.match(await page.textContent("#f-gb-poa-pdf"), /Unidas en un PDF: [\d.]+ KB/);
  assert.ok(wasmLoaded.includes("id-sides/wanumbers_wasm_bg.wasm"), `the ID combiner's build: ${wasmLoaded}`);

  // The rest filled in: ready, and the preview is the request the API would get.
  await page.fill("#f-gb-name", "Acme Ltd");
  await page.fill("#f-gb-contact", "ops@acme.example");
  await page.fill("#f-gb-addr-street_address", "10 Downing Street");
  await page.fill("#f-gb-addr-locality", "London");
  await page.waitForFunction(() => document.querySelector("#summary").textContent === "Listo para enviar");
  await page.waitForFunction(() => document.querySelector("#preview").textContent.startsWith("POST "));
  const preview = await page.textContent("#preview");
  assert.match(preview, /^POST https:\/\/zernio\.com\/api\/v1\/phone-numbers\/kyc\n/);
  assert.match(preview, /authorization: Bearer sk_test_…/);
  assert.match(preview, /"filename": "id.pdf"/);
  assert.ok(!preview.includes("sk_test_demo"), "the key is not shown");

  mkdirSync(join(root, "artifacts"), { recursive: true });
  await page.screenshot({ path: join(root, "artifacts", "kyc-form.png"), fullPage: true });
  assert.deepEqual(problems, []);
});

test("every sample country renders its form, states its address rule and lists what is missing", async (t) => {
  const server = await serve(root);
  const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
  t.after(async () => {
    await browser.close();
    server.close();
  });
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => msg.type() === "error" && problems.push(`console: ${msg.text()}`));
  page.on("response", (res) => res.status() >= 400 && problems.push(`HTTP ${res.status()}: ${res.url()}`));
  // The full build (PDF, request preview) arrives late, as on a slow network: its callers must
  // not act on a country the user has left since.
  await page.route("**/bindings-wasm/pkg/web/wanumbers_wasm_bg.wasm", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.goto(`http://127.0.0.1:${server.address().port}/examples/kyc-form/`);
  await page.waitForSelector('#country option[value="GB"]', { state: "attached" });

  const rules = { GB: /must be in United Kingdom/, DE: /number's area: /, AU: /Any address/, BR: /must be in Brazil/, FR: /number's area: / };
  for (const [code, rule] of Object.entries(rules)) {
    await page.selectOption("#country", code);
    await page.waitForSelector(`#form [id^="f-${code.toLowerCase()}-"]`);
    assert.match(await page.textContent("#availability"), rule, code);
    // Nothing typed yet: "check everything" lists what is missing, and nothing is sent.
    await page.click("#check-all");
    await page.waitForFunction(() => /to fix before sending/.test(document.querySelector("#summary").textContent));
    const errors = await page.$$eval("#form .error:not([hidden])", (nodes) => nodes.map((n) => n.textContent));
    assert.ok(errors.length > 0 && errors.every((e) => e.trim().length > 0), `${code}: errors shown under the fields`);
    assert.doesNotMatch(await page.textContent("#preview"), /^POST /, `${code}: no request while something is missing`);
  }
  // A country without a sample form: its price and a note, no form.
  await page.selectOption("#country", "US");
  await page.waitForFunction(() => document.querySelector("#status").dataset.full === "ready");
  assert.equal(await page.isHidden("#kyc"), true);
  assert.match(await page.textContent("#price"), /per number per month/);
  assert.deepEqual(problems, []);
});

test("with the sandbox switch, the page buys, submits and shows the signed webhook", async (t) => {
  const server = await serve(root);
  const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
  t.after(async () => {
    await browser.close();
    server.close();
  });
  const page = await browser.newPage({ viewport: { width: 900, height: 1800 } });
  const problems = [];
  const requests = [];
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => msg.type() === "error" && problems.push(`console: ${msg.text()}`));
  page.on("response", (res) => res.status() >= 400 && problems.push(`HTTP ${res.status()}: ${res.url()}`));
  page.on("request", (req) => requests.push(req.url()));
  await page.goto(`http://127.0.0.1:${server.address().port}/examples/kyc-form/`);
  await page.waitForSelector('#country option[value="GB"]', { state: "attached" });
  await page.check("#sandbox-switch");
  await page.waitForFunction(() => document.querySelector("#status").dataset.sandbox === "ready");
  await page.selectOption("#country", "GB");
  await page.waitForSelector("#f-gb-addr-postal_code");
  await page.setInputFiles("#f-gb-poa-front", join(fixtures, "front.jpg"));
  await page.setInputFiles("#f-gb-poa-back", join(fixtures, "back.png"));
  await page.waitForFunction(() => /PDF: [\d.]+ KB/.test(document.querySelector("#f-gb-poa-pdf").textContent));
  await page.fill("#f-gb-name", "Acme Ltd");
  await page.fill("#f-gb-contact", "ops@acme.example");
  await page.fill("#f-gb-addr-street_address", "10 Downing Street");
  await page.fill("#f-gb-addr-locality", "London");
  await page.fill("#f-gb-addr-postal_code", "SW1A 2AA");
  await page.waitForSelector("#buy:not([disabled])");
  await page.click("#buy");
  await page.waitForFunction(() => /Webhook received/.test(document.querySelector("#sandbox-log").textContent));
  const log = await page.textContent("#sandbox-log");
  assert.match(log, /Bought: kyc_required/);
  assert.match(log, /Submitted: kyc_submitted/);
  assert.match(log, /After the review: active \+44/);
  assert.match(log, /Webhook received: whatsapp\.number\.activated \(signature verified\)/);
  assert.match(log, /x-zernio-signature: [0-9a-f]{64}/);
  // Nothing left the page: the sandbox ran in it.
  assert.ok(requests.every((u) => u.startsWith(`http://127.0.0.1:${server.address().port}/`)), requests.join("\n"));
  mkdirSync(join(root, "artifacts"), { recursive: true });
  await page.screenshot({ path: join(root, "artifacts", "kyc-form-sandbox.png"), fullPage: true });
  assert.deepEqual(problems, []);
});
