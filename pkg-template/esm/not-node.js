// What the entry points of runtimes other than Node export in place of the Node-only helpers:
// the mock gateway is a Node server and the conformance kit starts it and runs commands, so
// outside Node both reject with UNSUPPORTED_RUNTIME.
import { lgspError } from './core/lgsp-error.js';

/** The mock gateway needs Node (node:http); import the package from Node to start it. */
export async function startMockGateway() {
  throw lgspError('UNSUPPORTED_RUNTIME', 'startMockGateway needs Node (node:http): start the mock gateway from Node');
}

/** The conformance kit starts the mock gateway and runs commands: Node only. */
export async function runConformance() {
  throw lgspError('UNSUPPORTED_RUNTIME', 'runConformance needs Node (node:http, node:child_process): run the conformance kit from Node');
}
