// The shell commands the conformance kit runs (--start, --create). Each runs in a process group of
// its own, with an environment variable that holds this run's id and the command's number, so
// that stopping it reaches everything it started: the group, and on Linux every process whose
// environment (/proc/PID/environ) carries the mark, which finds those that left the group
// (setsid, a daemon's double fork) as long as they kept their environment. Elsewhere the process
// group is all that can be reached. A command is waited for until it exits, never until its
// output pipes close (a process it left behind may hold them open), and what it prints is kept
// bounded, its last TAIL_KEPT characters.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { spawn } from 'node:child_process';

/** The environment variable every command the kit starts, and all it starts in turn, carries. */
const MARK_NAME = 'LGSP_CONFORMANCE_RUN';
/** How long processes have after SIGTERM before SIGKILL. */
const TERM_GRACE_MS = 3_000;
/** How much of a command's output is kept (the end of it). */
const TAIL_KEPT = 16 * 1024;

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/**
 * The live processes whose environment holds `needle` (a NUL-delimited `NAME=value` or its
 * start), other than this one; [] where there is no /proc. A zombie's environment reads empty.
 */
function markedProcesses(needle) {
  if (process.platform !== 'linux') return [];
  let names;
  try {
    names = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const found = [];
  for (const name of names) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    let environ;
    try {
      environ = fs.readFileSync(`/proc/${name}/environ`, 'latin1');
    } catch {
      continue; // gone, or another user's
    }
    if (`\0${environ}`.includes(needle)) found.push(Number(name));
  }
  return found;
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false; // already gone
  }
}

/**
 * Ends `group` (a process group id, or null) and every process marked with `needle`: SIGTERM,
 * then SIGKILL to what is left after TERM_GRACE_MS. Resolves once none of them is left.
 */
async function terminate(group, needle, fallback) {
  const send = (name) => {
    if (group !== null && !signal(-group, name) && fallback) fallback(name);
    for (const pid of markedProcesses(needle)) signal(pid, name);
  };
  const left = () => markedProcesses(needle).length > 0 || (group !== null && process.platform !== 'linux' && signal(-group, 0));
  send('SIGTERM');
  for (const deadline = Date.now() + TERM_GRACE_MS; left() && Date.now() < deadline;) await sleep(50);
  if (!left()) return;
  send('SIGKILL');
  for (const deadline = Date.now() + 1_000; left() && Date.now() < deadline;) await sleep(20);
}

/** A runner of shell commands for one kit run: start(command, env), stop(started), stopAll(). */
function createRunner() {
  const run = crypto.randomBytes(9).toString('base64url');
  let serial = 0;
  const started = new Set();

  /** Runs `command` in a shell: { child, exited (a promise of { code, signal, error }), output() }. */
  function start(command, env) {
    serial += 1;
    const mark = `${run}.${serial}`;
    const child = spawn(command, { shell: true, detached: true, env: { ...env, [MARK_NAME]: mark }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk.toString('utf8')).slice(-TAIL_KEPT);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const exited = new Promise((resolve) => {
      child.on('error', (error) => resolve({ code: null, signal: null, error: error.message }));
      child.on('exit', (code, how) => resolve({ code, signal: how }));
    });
    const handle = { child, mark, exited, output: () => output };
    started.add(handle);
    return handle;
  }

  /** Stops a command and all it started, then lets go of its pipes. */
  async function stop(handle) {
    const { child } = handle;
    // The group outlives its leader while any member is left, and its id is not reused till then.
    await terminate(child.pid ?? null, `\0${MARK_NAME}=${handle.mark}\0`, (name) => child.kill(name));
    await Promise.race([handle.exited, sleep(1_000)]);
    child.stdout?.destroy();
    child.stderr?.destroy();
    child.unref();
    started.delete(handle);
  }

  /** Stops every command of this run, and whatever carries this run's mark. */
  async function stopAll() {
    await Promise.all([...started].map(stop));
    await terminate(null, `\0${MARK_NAME}=${run}.`);
  }

  return { start, stop, stopAll };
}

export { createRunner, MARK_NAME };
