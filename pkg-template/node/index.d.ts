// The Node entry point: the WebAssembly core and the Node-only helpers.
export * from "./lgsp_paygate.js";
export { default } from "./lgsp_paygate.js";
export * from "./errors.js";
export * from "./client.js";
export * from "./callback.js";
export * from "./mock.js";
