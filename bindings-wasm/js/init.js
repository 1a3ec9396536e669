// What every browser entry shares: `init()` and `isWanumbersError`. Its own module, so an
// entry that has no API client (`wanumbers/forms`, `wanumbers/id-sides`) does not load
// client.js and its table of operations. The build also writes it into client.cjs for Node.

// The core's error class names (one per error kind), written in by the package build.
const ERROR_NAMES = new Set(/* ERROR_CLASSES */ null);

/** `true` when `err` is an error this package threw (an `Error` with a known name and a code). */
export function isWanumbersError(err) {
  return err instanceof Error && ERROR_NAMES.has(err.name) && typeof err.code === "string";
}

/** `init()` for a browser build: loads its WebAssembly module once (later calls return the same
 * promise), from next to the module or from `input` (a URL, a `Response` or bytes). */
export function initOnce(wasmInit) {
  let ready;
  return (input) => (ready ??= wasmInit(input === undefined ? undefined : { module_or_path: input })).then(() => undefined);
}
