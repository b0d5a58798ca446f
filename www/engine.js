// Runs analyse() for the debugger without blocking typing: two Web Workers, one for the verdict
// (read, explain, compare: quick) and one for the diagnosis (which may hash many variants), each
// job one call into the core (its analyse(): the body crosses once per lane), so a
// slow diagnosis never delays the next verdict. Each worker has at most one job running and one
// waiting: a newer job replaces the waiting one, so a burst of keystrokes costs one run, not one
// per key. A small body's verdict (up to INLINE_CHARS, well under a millisecond of core time) is
// computed right in the input event instead, so it is painted in the very next frame. Where no
// Worker can start, the same analyse() runs in the page, after the input event.
import { core } from "./core.js";
import { analyse } from "./analysis.js";
import { startCoreWorker } from "./loading.js";

/** Bodies up to this many characters get their verdict in the input event itself. */
export const INLINE_CHARS = 16 * 1024;
/**
 * Past this many characters, typing waits for a pause (TYPING_PAUSE_MS) before the core starts:
 * Chromium's own editing of so long a textarea takes a core for a frame or more, and Workers busy
 * on both cores at the same moment would stretch it further.
 */
export const HUGE_CHARS = 256 * 1024;
export const TYPING_PAUSE_MS = 250;

/** One lane: a worker (or the page itself), its running job and the newest waiting job. */
function lane(onResult) {
  let worker = null;
  try {
    worker = startCoreWorker();
  } catch {
    worker = null;
  }
  let running = null;
  let waiting = null;

  function start(item) {
    running = item;
    if (worker) worker.postMessage(item);
    else {
      setTimeout(() => {
        const started = performance.now();
        const result = analyse(core, item.job);
        result.coreMs = performance.now() - started;
        finish({ seq: item.seq, result });
      }, 0);
    }
  }

  function finish({ seq, result }) {
    running = null;
    if (waiting) {
      const next = waiting;
      waiting = null;
      start(next);
    }
    onResult(seq, result);
  }

  if (worker) {
    worker.addEventListener("message", (event) => finish(event.data));
    worker.addEventListener("error", (event) => {
      // A worker that cannot load (an old browser without module workers): run in the page.
      event.preventDefault();
      worker.terminate();
      worker = null;
      if (running) start(running);
    });
  }

  return {
    post(item) {
      if (running) waiting = item;
      else start(item);
    },
  };
}

/**
 * `onVerdict(result, seq)` and `onDiagnosis(result, seq)` receive the answers for the newest job
 * only; older answers (overtaken while they ran) are dropped.
 */
export function createEngine({ onVerdict, onDiagnosis }) {
  let seq = 0;
  let pause = null;
  const latest = { verdict: 0, diagnosis: 0 };
  const handler = (part, callback) => (jobSeq, result) => {
    if (jobSeq !== latest[part]) return;
    callback(result, jobSeq);
  };
  const lanes = {
    verdict: lane(handler("verdict", onVerdict)),
    diagnosis: lane(handler("diagnosis", onDiagnosis)),
  };
  return {
    /**
     * Sends `job` (without `part`) to both lanes; `diagnose` false skips the diagnosis; `typing`
     * (a keystroke, not a paste) makes a huge body wait for a pause in the typing.
     */
    run(job, { diagnose = true, typing = false } = {}) {
      seq += 1;
      clearTimeout(pause);
      if (typing && (job.body?.length ?? 0) > HUGE_CHARS) {
        const mine = seq;
        latest.verdict = mine;
        latest.diagnosis = diagnose ? mine : -1;
        pause = setTimeout(() => send(mine, job, diagnose), TYPING_PAUSE_MS);
        return mine;
      }
      send(seq, job, diagnose);
      return seq;
    },
  };

  function send(jobSeq, job, diagnose) {
    latest.verdict = jobSeq;
    const verdictJob = { ...job, part: "verdict" };
    if ((job.body?.length ?? 0) <= INLINE_CHARS) {
      const started = performance.now();
      const result = analyse(core, verdictJob);
      result.coreMs = performance.now() - started;
      onVerdict(result, jobSeq);
    } else lanes.verdict.post({ seq: jobSeq, job: verdictJob });
    if (diagnose) {
      latest.diagnosis = jobSeq;
      lanes.diagnosis.post({ seq: jobSeq, job: { ...job, part: "diagnosis" } });
    } else latest.diagnosis = -1;
  }
}
