// `wanumbers` for browsers and bundlers (ES module): everything but the ID combiner (its own
// entry, `wanumbers/id-sides`). Call `await init()` once before the rest; it fetches the .wasm
// next to this file (or pass a URL, Response or bytes).
import wasmInit, * as core from "./wanumbers_wasm.js";
import { clients, redactingBuildRequest } from "../client.js";
import { initOnce, isWanumbersError } from "../init.js";

export * from "./wanumbers_wasm.js";
export const { Client, GraphClient } = clients(core);
// Prints with the key redacted (the star export's plain `buildRequest` is shadowed by this).
export const buildRequest = redactingBuildRequest(core);
export { isWanumbersError };

/** Loads the WebAssembly module (once; later calls return the same promise). */
export const init = initOnce(wasmInit);
export default init;
