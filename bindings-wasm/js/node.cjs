// `wanumbers` for Node (CommonJS; `index.mjs` re-exports it for `import`). The module loads
// synchronously: `init()` and `initSync()` exist so code can be the same as in the browser.
// Under Node, `wanumbers/forms` resolves here too (a superset of the forms build, same answers);
// the sandbox is `wanumbers/sandbox` (sandbox.cjs).
"use strict";
// The sandbox's engine is in this build's module, but exported by `wanumbers/sandbox` only.
const { SandboxEngine: _engine, ...core } = require("./wanumbers_wasm.js");
const { clients, isWanumbersError, redactingBuildRequest } = require("../client.cjs");

module.exports = {
  ...core,
  ...clients(core),
  buildRequest: redactingBuildRequest(core),
  isWanumbersError,
  init: () => Promise.resolve(),
  initSync: () => undefined,
};
module.exports.default = module.exports.init;
