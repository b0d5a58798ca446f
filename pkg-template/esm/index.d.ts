// The declarations of every entry point (Node, browsers, Workers; ES modules and CommonJS alike).
export * from "./core/functions.js";
export { default } from "./core/functions.js";
export * from "./core/lgsp-error.js";
export * from "./gateway/client.js";
export * from "./gateway/payment-result.js";
export * from "./node/mock/server.js";
export * from "./node/conformance/kit.js";
