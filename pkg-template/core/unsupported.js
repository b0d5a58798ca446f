import { lgspError } from './errors.js';

/** The error startMockGateway rejects with outside Node. */
export function unsupportedMock() {
  return lgspError('UNSUPPORTED_RUNTIME', 'startMockGateway needs Node (node:http): start the mock gateway from Node');
}
