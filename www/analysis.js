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
    if (out.message === null) return finish(job, out);
    if (job.part === "verdict") {
      out.explanation = core.explain(out.scheme, out.message, job.secret, { revealSecret: job.reveal });
      if (job.theirs && typeof core.comparePreimage === "function") {
        try {
          out.compare = core.comparePreimage(out.scheme, out.message, job.secret, job.theirs, { revealSecret: job.reveal });
        } catch (error) {
          out.compareError = plainError(error);
        }
      }
      slimExplanation(out.explanation);
    } else {
      const diagnosis = core.diagnose(out.scheme, out.message, job.secret);
      out.diagnosis = diagnosis.matches === false ? slimDiagnosis(diagnosis) : null;
    }
  } catch (error) {
    out.error = plainError(error);
  }
  return finish(job, out);
}

/** Repairs listed at most (their number is kept). */
const DEFECTS_SENT = 200;

/**
 * What goes back to the page: the read message itself stays here (the page needs only the
 * credentials in it, and reads the body again itself on the rare switch to the form), the
 * defects listed up to DEFECTS_SENT; the diagnosis part sends only the diagnosis.
 */
function finish(job, out) {
  const { message, parsed } = out;
  delete out.message;
  out.readable = message !== null;
  out.credentials = message
    ? Object.fromEntries(["partnerCode", "accessKey"].filter((k) => typeof message[k] === "string").map((k) => [k, message[k].slice(0, 256)]))
    : null;
  // The Authorization header pasted with the body goes back to the page (never further): it
  // moves to the token box.
  out.parsed = parsed && job.part === "verdict"
    ? { readable: parsed.message !== null, defects: parsed.defects.slice(0, DEFECTS_SENT), defectCount: parsed.defects.length, authorization: parsed.authorization ?? null }
    : null;
  return out;
}

/** Characters of a step's value the views can show. */
export const SHOWN_CHARS = 65_536;
/** Characters of the plain pre-image sent (its Copy button reads a longer one again in the page). */
export const PLAIN_CHARS = 16_384;

/**
 * Cuts each step's value, visible form and hex to what the views can show, so a 1 MB body does
 * not cross from the Worker to the page three times over (`cut` marks a shortened step).
 */
function slimExplanation(explanation) {
  for (const key of ["preimage", "preimageHex"]) {
    const limit = key === "preimage" ? PLAIN_CHARS : PLAIN_CHARS * 3;
    if (typeof explanation[key] === "string" && explanation[key].length > limit) {
      explanation[key] = explanation[key].slice(0, limit);
      explanation.preimageCut = true;
    }
  }
  for (const step of explanation.steps) {
    if (step.visible.length <= SHOWN_CHARS && step.hex.length <= SHOWN_CHARS * 3) continue;
    step.cut = true;
    step.value = step.value.slice(0, SHOWN_CHARS);
    step.visible = step.visible.slice(0, SHOWN_CHARS);
    step.hex = step.hex.slice(0, SHOWN_CHARS * 3 - 1);
  }
}

const MARK = /\p{M}/u;

/**
 * The first character that differs between two strings, by code points, each side taken with
 * the combining marks that follow it (so NFD's `e` + U+0302 faces NFC's U+1EC7): `{ from, to }`,
 * null when the strings are equal.
 */
export function firstDifferingCharacter(a, b) {
  const common = Math.min(a.length, b.length);
  let i = 0;
  while (i < common && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === a.length && i === b.length) return null;
  const at = (text, j) => (j < text.length ? String.fromCodePoint(text.codePointAt(j)) : "");
  const low = (text, j) => j < text.length && text.charCodeAt(j) >= 0xdc00 && text.charCodeAt(j) <= 0xdfff;
  // Back to the start of the character: not inside a surrogate pair, not on a combining mark.
  while (i > 0 && (low(a, i) || low(b, i) || MARK.test(at(a, i)) || MARK.test(at(b, i)))) i--;
  const cluster = (text) => {
    const chars = [...text.slice(i, i + 64)];
    let end = chars.length ? 1 : 0;
    while (end < chars.length && MARK.test(chars[end])) end++;
    return chars.slice(0, end).join("");
  };
  return { from: cluster(a), to: cluster(b) };
}

/** Code points as `U+0065 U+0302`. */
export function codePoints(text) {
  return [...text].map((c) => `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`).join(" ");
}

/** Shown length of a value a finding quotes. */
const QUOTED_CHARS = 4096;

/**
 * Adds the differing code points to each change (unless the core gave them) and cuts the values
 * quoted to what the page shows, keeping their full sizes.
 */
function slimDiagnosis(diagnosis) {
  for (const finding of diagnosis.findings) {
    for (const change of finding.changes ?? []) {
      if (typeof change.from === "string" && typeof change.to === "string" && change.difference === undefined) {
        const part = firstDifferingCharacter(change.from, change.to);
        if (part) {
          change.fromCodePoints = codePoints(part.from);
          change.toCodePoints = codePoints(part.to);
        }
      }
      for (const side of ["from", "to"]) {
        const value = change[side];
        if (typeof value !== "string" || value.length <= QUOTED_CHARS) continue;
        change[`${side}Size`] = { chars: [...value].length, bytes: new TextEncoder().encode(value).length };
        change[side] = value.slice(0, QUOTED_CHARS);
      }
    }
  }
  return diagnosis;
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
