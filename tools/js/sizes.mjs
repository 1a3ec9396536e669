// The size of a wasm build as a browser downloads it: the .wasm plus its JS glue, brotli
// (quality 11, as servers precompress) and gzip (-9). Fails above the budget (brotli bytes).
// Also the whole entry: every file its index.js loads (tools/js/entry-files.mjs).
//
//   node tools/js/sizes.mjs bindings-wasm/pkg/forms forms 196000
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { entryFiles } from "./entry-files.mjs";

const [dir, name, budget] = process.argv.slice(2);
const brotli = (b) =>
  brotliCompressSync(b, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 },
  }).length;
const files = ["wanumbers_wasm_bg.wasm", "wanumbers_wasm.js"].map((f) => readFileSync(`${dir}/${f}`));
const raw = files.reduce((n, b) => n + b.length, 0);
const br = files.reduce((n, b) => n + brotli(b), 0);
const gz = files.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
const entry = existsSync(join(dir, "index.js")) ? entryFiles(dir) : [];
const entryBr = entry.reduce((n, f) => n + brotli(readFileSync(join(dirname(dir), f))), 0);
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(
  `wasm size (${name} build, .wasm + glue): ${kib(raw)} raw, ${br} bytes brotli (budget ${budget}), ${gz} bytes gzip; ` +
    `the whole entry (${entry.length} files): ${entryBr} bytes brotli`,
);
if (br > Number(budget)) {
  console.log(`the ${name} build is over its size budget`);
  process.exit(1);
}
