// Types of `wanumbers/id-sides`: the ID combiner in its own small browser build, loaded when
// a form reaches its upload step. Call `await init()` first.
export type { ErrorName, WanumbersError } from "./wanumbers.js";
export { init, initSync, isWanumbersError, errorCodes, errorClasses, version } from "./wanumbers.js";
export { default } from "./wanumbers.js";
/** Front and back of an ID (JPEG, PNG or WEBP) on one A4 PDF page. */
export function combineIdSides(front: Uint8Array, back: Uint8Array): Uint8Array;
