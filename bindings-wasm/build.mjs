// Assembles the npm package in bindings-wasm/pkg from wasm-bindgen's outputs (run by
// `make wasm`, after wasm-bindgen has written pkg/web, pkg/forms and pkg/node):
//   pkg/web/    browsers and bundlers, all but the ID combiner (ES) -> "wanumbers"
//   pkg/forms/  browsers, the small forms build (ES module)        -> "wanumbers/forms"
//   pkg/id-sides/ browsers, the ID combiner's own build (ES module) -> "wanumbers/id-sides"
//   pkg/sandbox/ browsers, everything + the sandbox (ES module)    -> "wanumbers/sandbox"
//   pkg/node/   Node 20+, everything (CommonJS + an ESM wrapper)   -> "wanumbers" under Node;
//               its sandbox.cjs (+ serve, the wanumbers-sandbox CLI) -> "wanumbers/sandbox"
// (under Node, "wanumbers/forms" and "wanumbers/id-sides" are the Node build), plus the shared client and sandbox classes, the TypeScript types and package.json (version
// from Cargo.toml).
import { chmodSync, copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "pkg");
const cargo = readFileSync(join(here, "..", "Cargo.toml"), "utf8");
const version = /\[workspace\.package\][^[]*?\nversion = "([^"]+)"/.exec(cargo)?.[1];
if (!version) throw new Error("no [workspace.package] version in Cargo.toml");

// wasm-bindgen's Node glue is CommonJS in a .js file.
writeFileSync(join(pkg, "node", "package.json"), JSON.stringify({ type: "commonjs" }) + "\n");

for (const dir of ["web", "forms", "id-sides", "sandbox", "node"]) {
  if (!existsSync(join(pkg, dir, "wanumbers_wasm_bg.wasm"))) throw new Error(`pkg/${dir}: run wasm-bindgen first`);
  // wasm-bindgen's own declarations type models as `any`; the package ships its own.
  for (const f of ["wanumbers_wasm.d.ts", "wanumbers_wasm_bg.wasm.d.ts"]) rmSync(join(pkg, dir, f), { force: true });
}

// What every browser entry shares (init.js: `init()`, `isWanumbersError`) and the clients
// (client.js, with each operation's name, platform and needs_today from the core's table), as ES modules; for Node, both in one
// CommonJS copy, client.cjs.
const glue = createRequire(import.meta.url)(join(pkg, "node", "wanumbers_wasm.js"));
const filled = (file, placeholder, value) => {
  const source = readFileSync(join(here, "js", file), "utf8");
  const replaced = source.replace(placeholder, JSON.stringify(value));
  if (replaced === source) throw new Error(`${file}: expected the ${placeholder} placeholder`);
  writeFileSync(join(pkg, file), replaced);
  return replaced;
};
const init = filled("init.js", "/* ERROR_CLASSES */ null", glue.errorClasses());
// Of each operation, only what the clients read: the whole table (paths, arguments, summaries)
// is ~55 KB of JSON, 5.9 KB brotli, that every page importing `wanumbers` would download.
const operations = glue.operationTable().map(({ name, platform, needs_today }) => ({ name, platform, needs_today }));
const client = filled("client.js", "/* OPERATIONS */ null", operations);
const exportsOf = (source) => [...source.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
const exported = [...exportsOf(init), ...exportsOf(client)];
for (const name of ["clients", "initOnce", "isWanumbersError"]) {
  if (!exported.includes(name)) throw new Error(`init.js and client.js: expected \`export function ${name}\``);
}
const cjs = [init, client].map((source) => source.replace(/^export function /gm, "function ")).join("\n");
writeFileSync(join(pkg, "client.cjs"), `"use strict";\n${cjs}\nmodule.exports = { ${exported.join(", ")} };\n`);

// The sandbox class, likewise as an ES module and a CommonJS copy.
const sandbox = readFileSync(join(here, "js", "sandbox.js"), "utf8");
writeFileSync(join(pkg, "sandbox.js"), sandbox);
const sandboxExports = [...sandbox.matchAll(/^export (?:function|const) (\w+)/gm)].map((m) => m[1]);
if (!sandboxExports.includes("sandboxes")) throw new Error("sandbox.js: expected `export function sandboxes`");
const sandboxCjs = sandbox.replace(/^export (function|const) /gm, "$1 ");
writeFileSync(join(pkg, "sandbox.cjs"), `"use strict";\n${sandboxCjs}\nmodule.exports = { ${sandboxExports.join(", ")} };\n`);

copyFileSync(join(here, "js", "index.js"), join(pkg, "web", "index.js"));
copyFileSync(join(here, "js", "forms.js"), join(pkg, "forms", "index.js"));
copyFileSync(join(here, "js", "id-sides.js"), join(pkg, "id-sides", "index.js"));
copyFileSync(join(here, "js", "sandbox-web.js"), join(pkg, "sandbox", "index.js"));
copyFileSync(join(here, "js", "node.cjs"), join(pkg, "node", "index.cjs"));
copyFileSync(join(here, "js", "sandbox-node.cjs"), join(pkg, "node", "sandbox.cjs"));
copyFileSync(join(here, "js", "sandbox-cli.cjs"), join(pkg, "node", "sandbox-cli.cjs"));
chmodSync(join(pkg, "node", "sandbox-cli.cjs"), 0o755);

// `import` under Node: the CommonJS build's names, listed explicitly.
let names = [];
for (const entry of ["index", "sandbox"]) {
  const exported = Object.keys(createRequire(import.meta.url)(join(pkg, "node", `${entry}.cjs`))).filter((n) => n !== "default").sort();
  if (entry === "index") names = exported;
  writeFileSync(
    join(pkg, "node", `${entry}.mjs`),
    [
      `// \`wanumbers${entry === "index" ? "" : "/sandbox"}\` for Node as an ES module: the CommonJS build's exports, by name.`,
      'import { createRequire } from "node:module";',
      `const m = createRequire(import.meta.url)("./${entry}.cjs");`,
      `export const { ${exported.join(", ")} } = m;`,
      "export default m.init;",
      "",
    ].join("\n"),
  );
}

for (const f of ["models.d.ts", "wanumbers.d.ts", "forms.d.ts", "id-sides.d.ts", "sandbox.d.ts"]) copyFileSync(join(here, "types", f), join(pkg, f));
copyFileSync(join(here, "README.md"), join(pkg, "README.md"));

const manifest = {
  name: "wanumbers",
  version,
  description: "Buy, prove, verify, track and pay for WhatsApp Business phone numbers: phone checks, KYC validation, pricing and the Zernio and Graph APIs, in WebAssembly.",
  license: "MIT OR Apache-2.0",
  repository: { type: "git", url: "https://github.com/wanumbers/wanumbers" },
  keywords: ["whatsapp", "phone", "e164", "kyc", "libphonenumber", "wasm"],
  type: "module",
  main: "./node/index.cjs",
  module: "./web/index.js",
  types: "./wanumbers.d.ts",
  exports: {
    ".": {
      types: "./wanumbers.d.ts",
      node: { import: "./node/index.mjs", require: "./node/index.cjs" },
      default: "./web/index.js",
    },
    // Under Node (SSR, a form's unit tests) the forms entry is the Node build: no fetch of the
    // .wasm, same answers; browsers and bundlers get the small build.
    "./forms": {
      types: "./forms.d.ts",
      node: { import: "./node/index.mjs", require: "./node/index.cjs" },
      default: "./forms/index.js",
    },
    // The ID combiner in its own browser build, loaded at a form's upload step; under Node,
    // the Node build (which has everything).
    "./id-sides": {
      types: "./id-sides.d.ts",
      node: { import: "./node/index.mjs", require: "./node/index.cjs" },
      default: "./id-sides/index.js",
    },
    // Both APIs simulated offline, in its own browser build (the others do not carry it).
    "./sandbox": {
      types: "./sandbox.d.ts",
      node: { import: "./node/sandbox.mjs", require: "./node/sandbox.cjs" },
      default: "./sandbox/index.js",
    },
    "./package.json": "./package.json",
  },
  bin: { "wanumbers-sandbox": "./node/sandbox-cli.cjs" },
  files: ["web/", "forms/", "id-sides/", "sandbox/", "node/", "init.js", "client.js", "client.cjs", "sandbox.js", "sandbox.cjs", "models.d.ts", "wanumbers.d.ts", "forms.d.ts", "id-sides.d.ts", "sandbox.d.ts", "README.md"],
  sideEffects: false,
  engines: { node: ">=20" },
};
writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`npm package: bindings-wasm/pkg (wanumbers@${version}, ${names.length} exports)`);
