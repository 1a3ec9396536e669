// The files a browser fetches for one entry of the package: its index.js, every module it
// imports (relative ES imports, followed), and the .wasm next to wasm-bindgen's glue.
//
//   entryFiles("bindings-wasm/pkg/forms") -> ["forms/index.js", "forms/wanumbers_wasm.js", ...]
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

export function entryFiles(dir) {
  const root = dirname(dir);
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    // `import ... from "./x.js"`, `export ... from "../x.js"` and `import "./x.js"`; the glue's
    // `new URL("...wasm", import.meta.url)` is the .wasm, added below.
    const statements = /^\s*(?:(?:import|export)\s[^;"']*?\bfrom\s*|import\s*)["'](\.{1,2}\/[^"']+)["']/gm;
    for (const m of source.matchAll(statements)) visit(normalize(join(dirname(file), m[1])));
  };
  visit(join(dir, "index.js"));
  const wasm = join(dir, "wanumbers_wasm_bg.wasm");
  if (existsSync(wasm)) seen.add(wasm);
  return [...seen].map((f) => relative(root, f)).sort();
}
