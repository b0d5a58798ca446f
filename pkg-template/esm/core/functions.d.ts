// The core's declarations: its functions and types (types.d.ts, the same text the .wasm carries),
// how it is instantiated, and how much one call may hand it.
export * from "./types.js";

/**
 * The most one call hands the core, counted over all its arguments: UTF-16 code units of every
 * string, bytes of binary input. Larger input is refused with INPUT_TOO_LARGE before it is
 * copied into WebAssembly memory.
 */
export declare const MAX_INPUT_LENGTH: number;

/** What `init()` can instantiate the core from; by default, the bytes the package carries. */
export type InitInput = WebAssembly.Module | BufferSource | Response | PromiseLike<Response> | URL | string;

/**
 * Instantiates the core, asynchronously: needed once in a browser's main thread before the first
 * call (elsewhere the first call does it). Resolves at once when the core is ready.
 */
export default function init(input?: InitInput | { module_or_path: InitInput }): Promise<void>;

/**
 * Instantiates the core now, from a WebAssembly.Module (as Workers import the package's
 * `lgsp-paygate/lgsp_paygate_bg.wasm`) or the module's bytes; by default, the bytes the package carries.
 */
export function initSync(module?: WebAssembly.Module | BufferSource | { module: WebAssembly.Module | BufferSource }): void;
