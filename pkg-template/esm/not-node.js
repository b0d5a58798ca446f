import { lgspError } from './errors.js';

/** The error startMockGateway rejects with outside Node. */
export function unsupportedMock() {
  return lgspError('UNSUPPORTED_RUNTIME', 'startMockGateway needs Node (node:http): start the mock gateway from Node');
}

/** The error runConformance rejects with outside Node. */
export function unsupportedConformance() {
  return lgspError('UNSUPPORTED_RUNTIME', 'runConformance needs Node (node:http, node:child_process): run the conformance kit from Node');
}
