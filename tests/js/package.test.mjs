// The npm package as users get it: `npm pack`, install the tarball into an empty folder, use
// it from CommonJS and ES modules there, and compile a TypeScript usage file against its types.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { entryFiles } from "../../tools/js/entry-files.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = process.env.WANUMBERS_PKG ?? join(here, "..", "..", "bindings-wasm", "pkg");
const tsc = join(here, "..", "..", "tools", "js", "node_modules", ".bin", "tsc");
const fixtures = join(here, "..", "..", "core", "tests", "fixtures");
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

const dir = mkdtempSync(join(tmpdir(), "wanumbers-pack-"));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test("npm pack gives a tarball with the five builds, the client, the sandbox and the types", () => {
  const listing = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", dir], pkg));
  const files = listing[0].files.map((f) => f.path).sort();
  for (const f of ["package.json", "README.md", "wanumbers.d.ts", "forms.d.ts", "models.d.ts", "init.js", "client.js", "client.cjs",
    "web/index.js", "web/wanumbers_wasm_bg.wasm", "forms/index.js", "forms/wanumbers_wasm_bg.wasm",
    "id-sides/index.js", "id-sides/wanumbers_wasm_bg.wasm", "id-sides.d.ts",
    "node/index.cjs", "node/index.mjs", "node/package.json", "node/wanumbers_wasm_bg.wasm",
    "sandbox/index.js", "sandbox/wanumbers_wasm_bg.wasm", "sandbox.js", "sandbox.cjs", "sandbox.d.ts",
    "node/sandbox.cjs", "node/sandbox.mjs", "node/sandbox-cli.cjs"]) {
    assert.ok(files.includes(f), `${f} missing from the tarball`);
  }
  assert.ok(!files.some((f) => f.endsWith("wanumbers_wasm.d.ts")), "wasm-bindgen's own d.ts (with `any`) must not ship");
});

// A browser loading a form's entries fetches no API client: client.js carries the clients and
// the operations' names, which neither uses.
test("the forms and ID-sides entries load no API client; the web and sandbox entries do", () => {
  for (const entry of ["forms", "id-sides"]) {
    const files = entryFiles(join(pkg, entry));
    assert.deepEqual(files, [`${entry}/index.js`, `${entry}/wanumbers_wasm.js`, `${entry}/wanumbers_wasm_bg.wasm`, "init.js"].sort());
  }
  for (const entry of ["web", "sandbox"]) {
    const files = entryFiles(join(pkg, entry));
    for (const f of ["client.js", "init.js", `${entry}/wanumbers_wasm_bg.wasm`]) assert.ok(files.includes(f), `${entry}: ${files}`);
  }
});

// The clients read three things of each operation; the core's whole table (paths, arguments,
// summaries: ~55 KB of JSON, 5.9 KB brotli) would be downloaded by every page importing
// `wanumbers`.
test("client.js carries each operation's name, platform and needs_today, and nothing else of the table", () => {
  const source = readFileSync(join(pkg, "client.js"), "utf8");
  const written = /^const OPERATIONS = (.*);$/m.exec(source);
  assert.ok(written, "client.js: the OPERATIONS line");
  const operations = JSON.parse(written[1]);
  const table = createRequire(import.meta.url)(join(pkg, "node", "wanumbers_wasm.js")).operationTable();
  assert.deepEqual(operations, table.map(({ name, platform, needs_today }) => ({ name, platform, needs_today })));
  assert.ok(operations.length > 70 && operations.some((op) => op.needs_today), "the whole list, today's-date marks included");
  assert.ok(source.length < 16_000, `client.js is ${source.length} bytes`);
});

test("installed into an empty folder, it works from require and import", () => {
  const app = join(dir, "app");
  run("mkdir", ["-p", app], dir);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true }));
  const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
  run("npm", ["install", "--offline", "--no-audit", "--no-fund", join(dir, tarball)], app);
  writeFileSync(join(app, "cjs.cjs"), `
    const w = require("wanumbers");
    if (w.normalizePhone("020 7946 0958", "GB") !== "+442079460958") throw new Error("normalizePhone");
    if (typeof w.Client !== "function") throw new Error("exports");
    // wanumbers/id-sides under Node: the Node build.
    if (typeof require("wanumbers/id-sides").combineIdSides !== "function") throw new Error("id-sides");
    // wanumbers/forms under Node (server-side rendering, a form's unit tests): same API, no fetch.
    const forms = require("wanumbers/forms");
    forms.init().then(() => {
      if (forms.validateKyc({ country: "GB", fields: [] }, { country: "GB" }).length !== 1) throw new Error("forms");
    });
    // wanumbers/sandbox: the clients through the sandbox, offline.
    const { Sandbox, Client } = require("wanumbers/sandbox");
    const sandbox = new Sandbox({ seed: 1 });
    new Client({ apiKey: "sk_test_pkg", fetch: sandbox.fetch }).purchase({ profileId: "p" }).then((o) => {
      if (o.outcome !== "provisioned") throw new Error("sandbox");
    });
    console.log("cjs ok");`);
  writeFileSync(join(app, "esm.mjs"), `
    import init, { checkPhone, validateKyc, version } from "wanumbers";
    import { readFileSync } from "node:fs";
    await init();
    if (checkPhone("+44 7400 123456").type !== "mobile") throw new Error("checkPhone");
    if (validateKyc({ country: "GB", fields: [] }, { country: "GB" }).length !== 1) throw new Error("validateKyc");
    // wanumbers/forms under Node, as a browser page's code would call it.
    const { default: initForms, validateKyc: validateForm, initSync } = await import("wanumbers/forms");
    await initForms();
    initSync({ module: new Uint8Array(0) }); // the module is loaded already: a no-op
    if (validateForm({ country: "GB", fields: [] }, { country: "GB" }).length !== 1) throw new Error("forms init");
    // The browser forms build itself, loaded from its bytes the way a worker would.
    const formsDir = new URL("./node_modules/wanumbers/forms/", import.meta.url);
    const browserForms = await import(new URL("index.js", formsDir).href);
    browserForms.initSync({ module: readFileSync(new URL("wanumbers_wasm_bg.wasm", formsDir)) });
    if (browserForms.checkPhone("+14155550123").region !== "US" || browserForms.version() !== version()) throw new Error("forms");
    // The browser ID-sides build, likewise: two sides in, one PDF out.
    const idSidesDir = new URL("./node_modules/wanumbers/id-sides/", import.meta.url);
    const idSides = await import(new URL("index.js", idSidesDir).href);
    idSides.initSync({ module: readFileSync(new URL("wanumbers_wasm_bg.wasm", idSidesDir)) });
    const { combineIdSides } = await import("wanumbers/id-sides");
    const front = readFileSync(${JSON.stringify(join(fixtures, "front.jpg"))});
    const back = readFileSync(${JSON.stringify(join(fixtures, "back.png"))});
    for (const combine of [idSides.combineIdSides, combineIdSides]) {
      if (new TextDecoder().decode(combine(front, back).subarray(0, 5)) !== "%PDF-") throw new Error("id-sides");
    }
    console.log("esm ok");`);
  assert.equal(run("node", ["cjs.cjs"], app).trim(), "cjs ok");
  assert.equal(run("node", ["esm.mjs"], app).trim(), "esm ok");
  // The sandbox server's command, as npx runs it.
  assert.equal(run("npx", ["--offline", "wanumbers-sandbox", "--version"], app).trim(), JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")).version);
});

test("a strict TypeScript usage file compiles against the installed types", () => {
  const app = join(dir, "app");
  writeFileSync(join(app, "usage.ts"), `
    import init, { checkPhone, validateKyc, quote, Client, GraphClient, isWanumbersError, buildRequest,
      type FieldError, type PhoneCheck, type PurchaseOutcome, type ErrorCode } from "wanumbers";
    import { validateKyc as validateForm, init as initForms } from "wanumbers/forms";
    import initIdSides, { combineIdSides } from "wanumbers/id-sides";
    import { Sandbox, serve, Client as SandboxClient, combineIdSides as sandboxCombine, type Delivery, type Reported } from "wanumbers/sandbox";

    async function main(apiKey: string): Promise<void> {
      await init();
      await initForms();
      // With the DOM lib, the browser's ways to point at the .wasm are accepted.
      await init(new URL("https://example.test/wanumbers_wasm_bg.wasm"));
      await init(await fetch("/wanumbers_wasm_bg.wasm"));
      const check: PhoneCheck = checkPhone("+44 7400 123456", "GB");
      const e164: string | null = check.e164;
      const errors: FieldError[] = validateKyc({ country: "GB", fields: [] }, { profileId: "p", country: "GB" }, { lang: "es" });
      const sameErrors: FieldError[] = validateForm({ country: "GB" }, {});
      await initIdSides();
      const pdf: Uint8Array = combineIdSides(new Uint8Array(0), new Uint8Array(0));
      const samePdf: Uint8Array = sandboxCombine(pdf, pdf);
      const monthly: number = quote("GB", 3).monthlyCents;
      const client = new Client({ apiKey });
      const outcome: PurchaseOutcome = await client.purchase({ profileId: "prof_1", country: "GB" });
      if (outcome.outcome === "kyc_required") console.log(outcome.kycUrl);
      const graph = new GraphClient({ accessToken: "t" });
      const page = await graph.listPhoneNumbers({ wabaId: "1", limit: 10 });
      console.log(page.data.length, e164, errors.length, sameErrors.length, monthly, pdf.length, samePdf.length);
      const request = buildRequest("zernio", { apiKey }, "get_number", { id: "x" });
      const body: Uint8Array = request.body;
      try {
        await client.getNumber({ id: "x" });
      } catch (err) {
        if (isWanumbersError(err)) {
          const code: ErrorCode = err.code;
          console.log(code, err.details, body.length);
        }
      }
      const sandbox = new Sandbox({ seed: 7n, clock: () => new Date() });
      const offline = new SandboxClient({ apiKey: "sk_test", fetch: sandbox.fetch });
      await offline.listNumbers();
      const deliveries: Delivery[] = sandbox.takeDeliveries();
      const reported: Reported[] = deliveries.map((d) => sandbox.report(d.id, { status: 200 }));
      const now: string = sandbox.advance({ to: "2027-01-01T00:00:00Z" });
      const server = await serve(sandbox, { port: 0 });
      console.log(reported.length, now, server.url);
      await server.close();
      // @ts-expect-error: not an action the sandbox forces
      sandbox.force("n", "explode", { apiKey: "k" });
      // @ts-expect-error: a purchase needs profileId
      await client.purchase({ country: "GB" });
      // @ts-expect-error: no such operation
      buildRequest("zernio", { apiKey }, "buy_everything", {});
      // @ts-expect-error: checkPhone returns a PhoneCheck, not a string
      const wrong: string = checkPhone("x");
      console.log(wrong);
    }
    void main("k");
  `);
  writeFileSync(join(app, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", lib: ["es2022", "dom"], skipLibCheck: false },
    files: ["usage.ts"],
  }));
  try {
    run(tsc, ["-p", "tsconfig.json"], app);
  } catch (err) {
    assert.fail(`tsc: ${err.stdout}${err.stderr}`);
  }
});

// The declarations must not assume a project's settings: a Node project without the DOM lib
// (and without @types/node), tsc's defaults, CommonJS with the old resolution, a bundler.
test("the types compile under other project settings", () => {
  const app = join(dir, "app");
  writeFileSync(join(app, "plain.ts"), `
    import init, { checkPhone, initSync, Client, type Fetch } from "wanumbers";
    import { validateKyc } from "wanumbers/forms";
    import { Sandbox } from "wanumbers/sandbox";
    export const sandboxFetch: Fetch = new Sandbox({ seed: 1 }).fetch;
    // No async/await: tsc's default target (ES5) has no Promise constructor for them.
    export function main(fetch: Fetch, bytes: Uint8Array): Promise<string | null> {
      initSync({ module: bytes });
      const client = new Client({ apiKey: "k", fetch });
      return init()
        .then(() => client.getNumber({ id: "x" }))
        .then(() => {
          const errors = validateKyc({ country: "GB", fields: [] }, { country: "GB" });
          return errors.length ? null : checkPhone("+44 7400 123456").e164;
        });
    }
  `);
  const settings = [
    ["--target", "es2022", "--lib", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext"],
    [],
    ["--module", "commonjs", "--moduleResolution", "node10"],
    ["--target", "es2020", "--module", "esnext", "--moduleResolution", "bundler"],
  ];
  for (const options of settings) {
    try {
      run(tsc, ["--strict", "--noEmit", ...options, "plain.ts"], app);
    } catch (err) {
      assert.fail(`tsc ${options.join(" ")}: ${err.stdout}${err.stderr}`);
    }
  }
});
