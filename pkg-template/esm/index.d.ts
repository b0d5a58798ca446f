// The declarations of every entry point (Node, browsers, Workers; ES modules and CommonJS alike).
export * from "./lgsp_paygate.js";
export { default } from "./lgsp_paygate.js";
export * from "./errors.js";
export * from "./client.js";
export * from "./callback.js";
export * from "./mock.js";
export * from "./conformance.js";
