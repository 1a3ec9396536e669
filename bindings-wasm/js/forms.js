// `wanumbers/forms` for browsers: the small build for forms (phone numbers, countries, quotes,
// KYC validation as the user types). Call `await init()` once before the rest.
import wasmInit from "./wanumbers_wasm.js";
import { initOnce } from "../init.js";

export * from "./wanumbers_wasm.js";
export { isWanumbersError } from "../init.js";

/** Loads the WebAssembly module (once; later calls return the same promise). */
export const init = initOnce(wasmInit);
export default init;
