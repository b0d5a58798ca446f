// Runs a script in a child Node, in the consumer project (so it imports the installed package),
// and returns what it wrote to stdout as JSON; a child that fails fails the test with its stderr.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

/**
 * `body` as CommonJS, or as an ES module when `module`; `nodeArgs` go before it (a heap cap).
 * The child has `timeout` ms.
 */
export function jsonFromChild(body, { module = false, nodeArgs = [], timeout = 60_000 } = {}) {
  const args = [...nodeArgs, ...(module ? ['--input-type=module'] : []), '-e', body];
  const run = spawnSync(process.execPath, args, { cwd: process.cwd(), encoding: 'utf8', timeout });
  assert.equal(run.status, 0, `child failed (${run.signal ?? run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout);
}
