// `make bench-browser`: one phone check in a real browser (Debian's chromium, headless, driven
// by playwright-core), the forms build (`wanumbers/forms`, what a form loads) against
// libphonenumber-js "max" and "min" (their ES modules, unbundled), in one page, on the Node
// benchmark's numbers (benches/js/corpus.mjs). Rounds are interleaved and the median kept; it
// prints ratios, not timings to compare across machines. Then load to first answer, each in a
// fresh page: import, fetch and compile, one check.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { chromium } = createRequire(join(root, "tools", "js", "package.json"))("playwright-core");
const { serve } = await import(pathToFileURL(join(root, "examples", "kyc-form", "serve.mjs")).href);
const n = Number(process.argv[2] ?? 20000);
const rounds = Number(process.argv[3] ?? 7);

const FORMS = "/bindings-wasm/pkg/forms/index.js";
const LPN = "/tools/js/node_modules/libphonenumber-js";
const CORPUS = "/benches/js/corpus.mjs";

const server = await serve(root);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
try {
  const page = await browser.newPage();
  await page.goto(`${base}/benches/browser/`);
  const out = await page.evaluate(async ({ FORMS, LPN, CORPUS, n, rounds }) => {
    const forms = await import(FORMS);
    await forms.default();
    const max = await import(`${LPN}/max/index.js`);
    const min = await import(`${LPN}/min/index.js`);
    const examples = (await import(`${LPN}/examples.mobile.json.js`)).default;
    const { corpus } = await import(CORPUS);
    const raws = corpus(max, examples, n);
    const lpn = (lib) => () => raws.map((raw) => { const p = lib.parsePhoneNumberFromString(raw); return p && p.isValid() ? p.number : null; });
    const variants = {
      "wanumbers/forms checkPhone (one check)": () => raws.map((raw) => { const r = forms.checkPhone(raw); return r.valid ? r.e164 : null; }),
      "wanumbers/forms checkPhones (batch)": () => forms.checkPhones(raws).map((r) => (r.valid ? r.e164 : null)),
      "libphonenumber-js max (parse+isValid+E.164)": lpn(max),
      "libphonenumber-js min (parse+isValid+E.164)": lpn(min),
    };
    for (const run of Object.values(variants)) run();
    const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
    const results = {};
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 ? Object.keys(variants).reverse() : Object.keys(variants);
      for (const name of order) {
        const start = performance.now();
        results[name] = variants[name]();
        times[name].push(performance.now() - start);
      }
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const ours = results["wanumbers/forms checkPhone (one check)"];
    const theirs = results["libphonenumber-js max (parse+isValid+E.164)"];
    return {
      regions: max.getCountries().length,
      valid: ours.filter(Boolean).length,
      agree: ours.filter((v, i) => v === theirs[i]).length,
      medians: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])),
    };
  }, { FORMS, LPN, CORPUS, n, rounds });
  const MAX = "libphonenumber-js max (parse+isValid+E.164)";
  const MIN = "libphonenumber-js min (parse+isValid+E.164)";
  console.log(`${n} numbers from ${out.regions} regions (${Math.round((100 * out.valid) / n)}% valid) in ${await browser.version()}; median of ${rounds} interleaved rounds`);
  console.log("time per check, as a fraction of libphonenumber-js max's and min's (lower is faster):");
  for (const [name, t] of Object.entries(out.medians)) {
    const perNumber = ((t / n) * 1000).toFixed(2); // µs, this run on this machine
    console.log(`  ${name.padEnd(46)} ${(t / out.medians[MAX]).toFixed(2)}x max  ${(t / out.medians[MIN]).toFixed(2)}x min  (${perNumber} µs/number)`);
  }
  console.log(`  same answer (E.164 or invalid) as libphonenumber-js max on ${((100 * out.agree) / n).toFixed(2)}% of inputs`);

  // Load to first answer, each in a fresh page (no module or compile cache shared).
  const probes = {
    "wanumbers/forms": async (FORMS) => { const m = await import(FORMS); await m.default(); return m.checkPhone("+447400123456").valid; },
    "libphonenumber-js max": async (LPN) => (await import(`${LPN}/max/index.js`)).parsePhoneNumberFromString("+447400123456").isValid(),
    "libphonenumber-js min": async (LPN) => (await import(`${LPN}/min/index.js`)).parsePhoneNumberFromString("+447400123456").isValid(),
  };
  const cold = Object.fromEntries(Object.keys(probes).map((k) => [k, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, probe] of Object.entries(probes)) {
      const context = await browser.newContext();
      const fresh = await context.newPage();
      await fresh.goto(`${base}/benches/browser/`);
      const arg = name.startsWith("wanumbers") ? FORMS : LPN;
      const ms = await fresh.evaluate(async ({ source, arg }) => {
        const start = performance.now();
        // eslint-disable-next-line no-new-func
        const ok = await new Function(`return (${source})`)()(arg);
        if (!ok) throw new Error("the probe's number should be valid");
        return performance.now() - start;
      }, { source: probe.toString(), arg });
      cold[name].push(ms);
      await context.close();
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log("load to first answer in a fresh page, as a multiple of libphonenumber-js max's and min's (lower is faster;");
  console.log("libphonenumber-js loads as its unbundled ES modules here, one request each, which a bundler would merge):");
  for (const name of Object.keys(probes)) {
    const ratio = (b) => (median(cold[name]) / median(cold[b])).toFixed(2);
    console.log(`  ${name.padEnd(46)} ${ratio("libphonenumber-js max")}x max  ${ratio("libphonenumber-js min")}x min`);
  }
} finally {
  await browser.close();
  server.close();
}
