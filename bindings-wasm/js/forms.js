// `wanumbers/forms` for browsers: the small build for forms (phone numbers, countries, quotes,
// KYC validation as the user types). Call `await init()` once before the rest.
import wasmInit from "./wanumbers_wasm.js";

export * from "./wanumbers_wasm.js";
export { isWanumbersError } from "../client.js";

let ready;
/** Loads the WebAssembly module (once; later calls return the same promise). */
export function init(input) {
  ready ??= wasmInit(input === undefined ? undefined : { module_or_path: input });
  return ready.then(() => undefined);
}
export default init;
