// `wanumbers/sandbox` for browsers and bundlers (ES module): everything `wanumbers` has, plus
// the sandbox, in its own build (the forms and web builds do not carry it). Call
// `await init()` once before the rest.
import wasmInit, * as core from "./wanumbers_wasm.js";
import { clients, redactingBuildRequest } from "../client.js";
import { initOnce, isWanumbersError } from "../init.js";
import { GOOD_CODE, sandboxes } from "../sandbox.js";

export * from "./wanumbers_wasm.js";
export const { Client, GraphClient } = clients(core);
export const { Sandbox } = sandboxes(core);
// Prints with the key redacted (the star export's plain `buildRequest` is shadowed by this).
export const buildRequest = redactingBuildRequest(core);
export { GOOD_CODE, isWanumbersError };

/** Loads the WebAssembly module (once; later calls return the same promise). */
export const init = initOnce(wasmInit);
export default init;
