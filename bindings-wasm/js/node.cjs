// `wanumbers` for Node (CommonJS; `index.mjs` re-exports it for `import`). The module loads
// synchronously: `init()` exists so code can be the same as in the browser.
"use strict";
const core = require("./wanumbers_wasm.js");
const { clients, isWanumbersError } = require("../client.cjs");

module.exports = { ...core, ...clients(core), isWanumbersError, init: () => Promise.resolve() };
module.exports.default = module.exports.init;
