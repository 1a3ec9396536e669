// The shipped types are tested like code: no `any` in them, and every result the vectors
// produce (run through the package, not copied from the expectations) type-checks under
// `tsc --strict` as the declared return type, object literals and all (an extra or missing
// field fails).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, symlinkSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = process.env.WANUMBERS_PKG ?? join(here, "..", "..", "bindings-wasm", "pkg");
const tsc = join(here, "..", "..", "tools", "js", "node_modules", ".bin", "tsc");
const w = createRequire(import.meta.url)(pkg);

test("no `any` in the public types", () => {
  for (const file of ["wanumbers.d.ts", "forms.d.ts", "id-sides.d.ts", "models.d.ts", "sandbox.d.ts"]) {
    const code = readFileSync(join(pkg, file), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\/\/.*$/gm, "")
      .replace(/"(?:[^"\\]|\\.)*"/g, '""');
    const hits = code.split("\n").filter((line) => /\bany\b/.test(line));
    assert.deepEqual(hits, [], `${file} uses any`);
  }
});

// Every value the declarations promise is there at run time, in every build that claims it.
test("every declared export exists in each build", async () => {
  const full = readFileSync(join(pkg, "wanumbers.d.ts"), "utf8");
  const declared = [...full.matchAll(/^export (?:declare )?(?:function|class|const|let) (\w+)/gm)].map((m) => m[1]);
  const forms = readFileSync(join(pkg, "forms.d.ts"), "utf8");
  const formsDeclared = /^export \{([^}]*)\} from/m.exec(forms)[1].split(",").map((n) => n.trim()).filter(Boolean);
  assert.ok(declared.length > 40 && formsDeclared.length > 20);
  const sandboxDeclared = [...readFileSync(join(pkg, "sandbox.d.ts"), "utf8").matchAll(/^export (?:declare )?(?:function|class|const|let) (\w+)/gm)]
    .map((m) => m[1])
    .filter((n) => n !== "serve"); // Node only
  assert.deepEqual(sandboxDeclared.sort(), ["GOOD_CODE", "Sandbox"]);
  assert.match(readFileSync(join(pkg, "sandbox.d.ts"), "utf8"), /^export \{ combineIdSides \} from "\.\/id-sides\.js";$/m);
  for (const n of formsDeclared) assert.ok(declared.includes(n), `forms.d.ts re-exports ${n}, which wanumbers.d.ts lacks`);
  const idSides = readFileSync(join(pkg, "id-sides.d.ts"), "utf8");
  const idSidesOwn = [...idSides.matchAll(/^export (?:declare )?(?:function|class|const|let) (\w+)/gm)].map((m) => m[1]);
  const idSidesReexported = /^export \{([^}]*)\} from/m.exec(idSides)[1].split(",").map((n) => n.trim()).filter(Boolean);
  assert.deepEqual(idSidesOwn, ["combineIdSides"]);
  for (const n of idSidesReexported) assert.ok(declared.includes(n), `id-sides.d.ts re-exports ${n}, which wanumbers.d.ts lacks`);
  const builds = {
    node: { module: w, names: declared },
    web: { module: await import(pathToFileURL(join(pkg, "web", "index.js")).href), names: declared },
    forms: { module: await import(pathToFileURL(join(pkg, "forms", "index.js")).href), names: formsDeclared },
    "id-sides": { module: await import(pathToFileURL(join(pkg, "id-sides", "index.js")).href), names: [...idSidesReexported, ...idSidesOwn] },
    // `wanumbers/id-sides` under Node is the Node build.
    "node id-sides": { module: w, names: [...idSidesReexported, ...idSidesOwn] },
    sandbox: { module: await import(pathToFileURL(join(pkg, "sandbox", "index.js")).href), names: [...declared, ...sandboxDeclared, ...idSidesOwn] },
    "node sandbox": { module: createRequire(import.meta.url)(join(pkg, "node", "sandbox.cjs")), names: [...declared, ...sandboxDeclared, ...idSidesOwn, "serve"] },
  };
  for (const [build, { module, names }] of Object.entries(builds)) {
    const missing = names.filter((n) => typeof module[n] === "undefined");
    assert.deepEqual(missing, [], `the ${build} build lacks what its types declare`);
    assert.equal(typeof module.default, "function", `${build}: default export (init)`);
  }
});

// Each op's result, as the type the declarations promise for it.
const bytes = (b64) => new Uint8Array(Buffer.from(b64, "base64"));
const RESULT = {
  check_phone: [(i) => w.checkPhone(i.raw, i.region ?? undefined), () => "W.PhoneCheck"],
  check_phones: [(i) => w.checkPhones(i.raws, i.region ?? undefined), () => "W.PhoneCheck[]"],
  country_info: [(i) => w.countryInfo(i.code), () => "W.CountryInfo"],
  countries: [(i) => w.countries(i.json), () => "W.Country[]"],
  catalog_get: [(i) => w.country(i.code, i.json), () => "W.Country"],
  invoice: [(i) => w.invoice(i.numbers, i.start, i.end), () => "W.Invoice"],
  run_rate: [(i) => w.runRate(i.numbers), () => "W.RunRate"],
  quote: [(i) => w.quote(i.country, i.quantity, { start: i.start, catalog: i.json }), () => "W.Quote"],
  allowed_actions: [(i) => w.allowedActions(i.status), () => "W.AllowedActions"],
  validate_kyc: [(i) => w.validateKyc(i.form, i.submission, { availability: i.availability, today: i.today, lang: i.lang }), () => "W.FieldError[]"],
  validate_remediation: [(i) => w.validateRemediation(i.form, i.submission, { previous: i.previous, today: i.today, lang: i.lang }), () => "W.FieldError[]"],
  remediation_payload: [(i) => w.remediationPayload(i.form, i.previous, i.corrections), () => "W.KycSubmission"],
  sniff_document: [(i) => w.sniffDocument(bytes(i.base64)), () => "W.DocumentType | null"],
  zernio_parse: [(i) => w.parseResponse("zernio", i.operation, i.args, { status: i.response.status, headers: i.response.headers, body: i.response.body }), (i) => `W.ZernioOperations["${i.operation}"][1]`],
  graph_parse: [(i) => w.parseResponse("graph", i.operation, i.args, { status: i.response.status, headers: i.response.headers, body: i.response.body }), (i) => `W.GraphOperations["${i.operation}"][1]`],
  graph_next_page: [(i) => w.nextPage("graph", i.operation, i.args, i.page), (i) => `W.GraphOperations["${i.operation}"][0] | null`],
  zernio_next_page: [(i) => w.nextPage("zernio", i.operation, i.args, i.page), (i) => `W.ZernioOperations["${i.operation}"][0] | null`],
  parse_zernio_webhook: [(i) => w.parseWebhook(i.body), () => "W.ZernioEvent"],
  parse_meta_webhook: [(i) => w.parseMetaWebhook(i.body), () => "W.MetaWebhook"],
  purchase_guard: [(i) => w.purchaseGuard(i.lastPurchaseAt ?? undefined, i.now, i.allowMultiple), () => "W.PurchaseGuard"],
};

test("every vector result fits its declared type (tsc --strict)", () => {
  const vectors = join(here, "..", "vectors");
  const lines = ['import type * as W from "wanumbers";', ""];
  let n = 0;
  for (const file of readdirSync(vectors).filter((f) => f.endsWith(".json")).sort()) {
    for (const c of JSON.parse(readFileSync(join(vectors, file), "utf8")).cases) {
      const entry = RESULT[c.input.op];
      if (!entry || !("ok" in c.expect) || JSON.stringify(c.input).includes("$repeat")) continue;
      const value = entry[0](c.input);
      lines.push(`// ${file}: ${c.name.replace(/\n/g, " ")}`, `export const v${n++}: ${entry[1](c.input)} = ${JSON.stringify(value)};`);
    }
  }
  assert.ok(n > 300, `only ${n} results`);
  const dir = mkdtempSync(join(tmpdir(), "wanumbers-types-"));
  try {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(pkg, join(dir, "node_modules", "wanumbers"), "dir");
    writeFileSync(join(dir, "results.ts"), lines.join("\n") + "\n");
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", lib: ["es2022", "dom"] },
      files: ["results.ts"],
    }));
    try {
      execFileSync(tsc, ["-p", "tsconfig.json"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (err) {
      // Show each failing line with the case it came from.
      const src = lines;
      const report = `${err.stdout}`.split("\n").slice(0, 30).map((l) => {
        const m = /results\.ts\((\d+),/.exec(l);
        return m ? `${l}\n    ${src[Number(m[1]) - 2]}` : l;
      });
      assert.fail(`tsc:\n${report.join("\n")}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the declared operation maps are the core's table", () => {
  const dts = readFileSync(join(here, "..", "..", "bindings-wasm", "types", "models.d.ts"), "utf8");
  for (const [iface, platform] of [["ZernioOperations", "zernio"], ["GraphOperations", "graph"]]) {
    const body = dts.match(new RegExp(`export interface ${iface} \\{([^}]*)\\}`))[1];
    const declared = [...body.matchAll(/^\s*(\w+): \[(\w+), (\w+)\];/gm)].map((m) => `${m[1]}: ${m[2]} -> ${m[3]}`);
    const table = w.operationTable().filter((op) => op.platform === platform)
      .map((op) => `${op.name}: ${op.args_type} -> ${op.output_type === "Value" ? "JsonValue" : op.output_type}`);
    assert.deepEqual(declared, table, `${iface} in types/models.d.ts`);
  }
});
