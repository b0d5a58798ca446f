// What the debugger asks the core for one state of the inputs: one call per lane (the core's
// analyse()), which reads the body, picks the scheme, and explains and compares (the verdict) or
// diagnoses (the diagnosis), handing back only what the page draws, its long values cut to what
// the page shows. The same function runs in a Web Worker (www/worker.js) or, when no Worker can
// start, in the page.

/**
 * A job: `{ part, input, body, message, scheme, fallbackScheme, secret, reveal, theirs }`.
 * `part` is "verdict" (read the body, pick the scheme, explain, compare) or "diagnosis"
 * (read the body, pick the scheme, diagnose when the checksum does not match).
 * `input` is "body" (read `body` tolerantly) or "form" (`message` as the form made it).
 * `scheme` is "auto" or a scheme id; `fallbackScheme` is shown when nothing is detected.
 */
export function analyse(core, job) {
  const input = job.input === "form" ? job.message : job.body;
  try {
    return core.analyse(job.part, input, job.scheme, job.fallbackScheme, job.secret, job.theirs, { revealSecret: job.reveal });
  } catch (error) {
    return { part: job.part, parsed: null, scheme: null, how: "none", readable: false, credentials: null, error: plainError(error) };
  }
}

/** A thrown error as data that survives postMessage (an Error's own fields do not all). */
export function plainError(error) {
  return {
    code: typeof error?.code === "string" ? error.code : null,
    message: String(error?.message ?? error),
    path: error?.path ?? null,
    params: error?.params ?? null,
    text: error?.text ?? null,
  };
}
