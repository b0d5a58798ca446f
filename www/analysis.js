// What the debugger asks the core for one state of the inputs, as plain data: the same function
// runs in a Web Worker (www/worker.js) or, when no Worker can start, in the page. It only calls
// the core's exports and copies their answers; the page's views draw them.

/**
 * A job: `{ part, input, body, message, scheme, fallbackScheme, secret, reveal, theirs }`.
 * `part` is "verdict" (read the body, pick the scheme, explain, compare) or "diagnosis"
 * (read the body, pick the scheme, diagnose when the checksum does not match).
 * `input` is "body" (read `body` with parseLoose) or "form" (`message` as the form made it).
 * `scheme` is "auto" or a scheme id; `fallbackScheme` is shown when nothing is detected.
 */
export function analyse(core, job) {
  const out = { part: job.part, parsed: null, message: null, scheme: null, how: "none" };
  try {
    read(core, job, out);
    if (out.message === null) return out;
    if (job.part === "verdict") {
      out.explanation = core.explain(out.scheme, out.message, job.secret, { revealSecret: job.reveal });
      if (job.theirs && typeof core.comparePreimage === "function") {
        try {
          out.compare = core.comparePreimage(out.scheme, out.message, job.secret, job.theirs, { revealSecret: job.reveal });
        } catch (error) {
          out.compareError = plainError(error);
        }
      }
    } else {
      const diagnosis = core.diagnose(out.scheme, out.message, job.secret);
      out.diagnosis = diagnosis.matches === false ? diagnosis : null;
    }
  } catch (error) {
    out.error = plainError(error);
  }
  return out;
}

function read(core, job, out) {
  if (job.input === "form") {
    out.message = job.message;
    out.scheme = job.scheme;
    out.how = "chosen";
    return;
  }
  if (job.body.trim() === "") {
    out.scheme = job.scheme === "auto" ? job.fallbackScheme : job.scheme;
    return;
  }
  out.parsed = core.parseLoose(job.body);
  out.message = out.parsed.message;
  if (job.scheme !== "auto") {
    out.scheme = job.scheme;
    out.how = "chosen";
    return;
  }
  const found = out.message ? core.detectScheme(out.message) : null;
  out.scheme = found ?? job.fallbackScheme;
  out.how = found ? "detected" : out.message ? "undetected" : "none";
}

/** A thrown core error as data that survives postMessage (an Error's own fields do not all). */
export function plainError(error) {
  return {
    code: typeof error?.code === "string" ? error.code : null,
    message: String(error?.message ?? error),
    path: error?.path ?? null,
  };
}
