// `make bench-node`: phone checks in Node, wanumbers (WebAssembly) against libphonenumber-js
// ("max" metadata: the one that validates like Google's libphonenumber; and "min", the
// smallest, which checks lengths only), in one run.
//
// The list: every region's example mobile number from libphonenumber-js, varied as the Rust
// and Python benchmarks vary theirs (benches/js/corpus.mjs).
// Runs are interleaved and the median kept, so the noise on this machine hits every variant
// alike; it prints ratios, not timings to compare across machines.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { corpus } from "../js/corpus.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pkg = join(root, "bindings-wasm", "pkg");
const tools = createRequire(join(root, "tools", "js", "package.json"));
const n = Number(process.argv[2] ?? 20000);
const rounds = Number(process.argv[3] ?? 5);

const lib = tools("libphonenumber-js/max");
const libMin = tools("libphonenumber-js/min");
const examples = tools("libphonenumber-js/mobile/examples");
const w = createRequire(import.meta.url)(pkg);
const forms = await import(pathToFileURL(join(pkg, "forms", "index.js")).href);
forms.initSync({ module: readFileSync(join(pkg, "forms", "wanumbers_wasm_bg.wasm")) });

const raws = corpus(lib, examples, n);
const variants = {
  "wanumbers checkPhones (batch, Node build)": () => w.checkPhones(raws).map((r) => (r.valid ? r.e164 : null)),
  "wanumbers checkPhone (per call, Node build)": () => raws.map((raw) => { const r = w.checkPhone(raw); return r.valid ? r.e164 : null; }),
  "wanumbers checkPhone (per call, forms build)": () => raws.map((raw) => { const r = forms.checkPhone(raw); return r.valid ? r.e164 : null; }),
  "libphonenumber-js max (parse+isValid+E.164)": () => raws.map((raw) => { const p = lib.parsePhoneNumberFromString(raw); return p && p.isValid() ? p.number : null; }),
  "libphonenumber-js min (parse+isValid+E.164)": () => raws.map((raw) => { const p = libMin.parsePhoneNumberFromString(raw); return p && p.isValid() ? p.number : null; }),
};
const BASE = "libphonenumber-js max (parse+isValid+E.164)";
const MIN = "libphonenumber-js min (parse+isValid+E.164)";
for (const run of Object.values(variants)) run(); // warm up: JIT, metadata, caches
const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
const results = {};
for (let round = 0; round < rounds; round++) {
  const order = round % 2 ? Object.keys(variants).reverse() : Object.keys(variants);
  for (const name of order) {
    const start = process.hrtime.bigint();
    results[name] = variants[name]();
    times[name].push(Number(process.hrtime.bigint() - start));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ours = results["wanumbers checkPhones (batch, Node build)"];
const agree = ours.filter((v, i) => v === results[BASE][i]).length;
console.log(`${n} numbers from ${lib.getCountries().length} regions (${Math.round((100 * ours.filter(Boolean).length) / n)}% valid); median of ${rounds} interleaved rounds`);
console.log("throughput, as a multiple of libphonenumber-js max's and min's (higher is faster):");
for (const name of Object.keys(variants)) {
  const perNumber = (median(times[name]) / n / 1000).toFixed(2); // µs, this run on this machine
  console.log(`  ${name.padEnd(46)} ${(median(times[BASE]) / median(times[name])).toFixed(2)}x max  ${(median(times[MIN]) / median(times[name])).toFixed(2)}x min  (${perNumber} µs/number)`);
}
console.log(`  same answer (E.164 or invalid) as libphonenumber-js on ${((100 * agree) / n).toFixed(2)}% of inputs`);

// Load to first answer, each in a fresh process (module load + compile + one check).
const probes = {
  "wanumbers (Node build)": `const t=process.hrtime.bigint(); const w=require(${JSON.stringify(pkg)}); w.checkPhone("+447400123456"); console.log(Number(process.hrtime.bigint()-t));`,
  "wanumbers/forms (browser build, from bytes)": `const t=process.hrtime.bigint(); import(${JSON.stringify(pathToFileURL(join(pkg, "forms", "index.js")).href)}).then(m=>{m.initSync({module:require("fs").readFileSync(${JSON.stringify(join(pkg, "forms", "wanumbers_wasm_bg.wasm"))})}); m.checkPhone("+447400123456"); console.log(Number(process.hrtime.bigint()-t));});`,
  "libphonenumber-js max": `const t=process.hrtime.bigint(); const l=require(${JSON.stringify(tools.resolve("libphonenumber-js/max"))}); l.parsePhoneNumberFromString("+447400123456").isValid(); console.log(Number(process.hrtime.bigint()-t));`,
  "libphonenumber-js min": `const t=process.hrtime.bigint(); const l=require(${JSON.stringify(tools.resolve("libphonenumber-js/min"))}); l.parsePhoneNumberFromString("+447400123456").isValid(); console.log(Number(process.hrtime.bigint()-t));`,
};
const cold = Object.fromEntries(Object.keys(probes).map((k) => [k, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, code] of Object.entries(probes)) cold[name].push(Number(execFileSync(process.execPath, ["-e", code], { encoding: "utf8" })));
}
console.log("load to first answer, as a multiple of libphonenumber-js max's and min's (lower is faster):");
for (const name of Object.keys(probes)) {
  const ratio = (base) => (median(cold[name]) / median(cold[base])).toFixed(2);
  console.log(`  ${name.padEnd(46)} ${ratio("libphonenumber-js max")}x max  ${ratio("libphonenumber-js min")}x min`);
}
