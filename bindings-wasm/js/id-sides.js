// `wanumbers/id-sides` for browsers: the ID combiner in its own small build (its WEBP and PNG
// decoders and PDF writer are most of it), so a form loads it only when the user reaches the
// upload step. Call `await init()` once before `combineIdSides`.
import wasmInit from "./wanumbers_wasm.js";
import { initOnce } from "../init.js";

export * from "./wanumbers_wasm.js";
export { isWanumbersError } from "../init.js";

/** Loads the WebAssembly module (once; later calls return the same promise). */
export const init = initOnce(wasmInit);
export default init;
