// Renders the verdict (✓/✗ as a focusable heading, with the first finding under it), the
// computed and received checksums, the diagnosis in plain words, the comparison with the
// integrator's own pre-image, the problems the core noticed and the repairs parseLoose made.
// Every sentence shown is the core's, in the chosen language where the core gives both.
import { fill, h } from "./dom.js";
import { pick, saidText, t } from "./i18n.js";

/** The verdict's state and sentence for an explanation (null: nothing to explain yet). */
export function verdictOf(explanation, emptyReason = "bodyEmpty") {
  if (!explanation) return { state: "none", text: t(emptyReason) };
  if (explanation.matches === true) return { state: "match", text: t("matchYes") };
  if (explanation.matches === false) return { state: "mismatch", text: t("matchNo") };
  if (explanation.digest === null) return { state: "incomplete", text: t("matchIncomplete") };
  return { state: "unknown", text: t("matchNoReceived") };
}

/** The verdict heading and the checksums. */
export function renderVerdict(view, explanation, emptyReason = "bodyEmpty") {
  const digest = explanation?.digest ?? null;
  view.checksum.textContent = digest ?? "";
  view.checksumUpper.textContent = explanation?.digestUpper ?? "";
  for (const button of view.copyDigest) button.hidden = digest === null;
  const received = explanation?.received ?? null;
  view.received.textContent = received === null ? "" : received;
  view.received.dataset.empty = String(received === null);
  if (received === null) view.received.append(h("span", { class: "placeholder", text: t("none") }));

  const { state, text } = verdictOf(explanation, emptyReason);
  view.match.dataset.match = state;
  const mark = { match: "✓", mismatch: "✗" }[state];
  fill(view.match, mark ? h("span", { class: "mark", attrs: { "aria-hidden": "true" }, text: mark }) : null, h("span", { text }));
}

/** The one line under the verdict: the first finding, or what stops the checksum. */
export function firstFinding({ explanation, diagnosis, scheme }) {
  if (!explanation) return null;
  const finding = diagnosis?.findings?.[0];
  if (finding) return { code: finding.code, text: pick(finding.description) };
  if (explanation.matches === false && diagnosis) return { code: null, text: nextStep(scheme) };
  const error = explanation.errors?.[0];
  if (explanation.digest === null && error) return { code: error.code, text: saidText(error) };
  return null;
}

/** What to do when no likely mistake explains the checksum; no secret key for the result. */
export function nextStep(scheme) {
  return t(scheme === "result" ? "nextStepResult" : "nextStepSecret");
}

export function renderFirstFinding(element, first) {
  element.hidden = first === null;
  if (first === null) return fill(element);
  fill(element, first.code ? h("code", { class: "code", text: first.code }) : null, h("span", { text: first.text }));
}

const utf8 = new TextEncoder();

/** A value the sender hashed, quoted, with its length: NFC and NFD look alike but differ here. */
function quoted(value, size) {
  if (value === null) return h("span", { class: "placeholder", text: t("changeAbsent") });
  const short = value.length > 200 ? `${value.slice(0, 200)}…` : value;
  const { chars, bytes } = size ?? { chars: [...value].length, bytes: utf8.encode(value).length };
  return h(
    "span",
    { class: "change-value" },
    h("q", { class: "mono literal-value", text: short }),
    " ",
    h("span", { class: "hint-inline", text: t("changeSize", { chars, bytes }) }),
  );
}

/** The first differing character's code points, as the core gives them (`difference`). */
function codePointLine(change) {
  const from = change.difference?.fromCodePoints ?? null;
  const to = change.difference?.toCodePoints ?? null;
  if (from === null && to === null) return null;
  return h("p", { class: "codepoints", text: t("codePointsLine", { given: from || t("nothing"), hashed: to || t("nothing") }) });
}

/** Names of the languages the core writes fixes in. */
const LANGUAGE_NAMES = { javascript: "JavaScript", java: "Java", csharp: "C# (.NET)", php: "PHP", python: "Python" };
const languageName = (id) => LANGUAGE_NAMES[id] ?? id;

/** A finding's fixes: `[{ code, advice, snippets: [{ language, code }] }]`. */
export function fixesOf(finding) {
  return Array.isArray(finding.fixes) ? finding.fixes.filter((fix) => fix && typeof fix === "object") : [];
}

function changeItem(change) {
  // The secret key and the prefix are never shown: the core says their change in words.
  if (change.from === null && change.to === null) {
    const words = change.note ? pick(change.note) : t(change.field === "secretKey" ? "changeSecret" : "changePrefix");
    return h("li", {}, h("code", { text: change.field }), " ", words);
  }
  return h(
    "li",
    {},
    h("code", { text: change.field }),
    " ",
    t("changeHashed"),
    " ",
    quoted(change.to, change.toSize),
    " ",
    t("changeInstead"),
    " ",
    quoted(change.from, change.fromSize),
    codePointLine(change),
  );
}

/** What to do about each mistake of a finding, with the line to write in the chosen language. */
function fixBlock(finding, language) {
  const fixes = fixesOf(finding);
  if (!fixes.length) return null;
  return fixes.map((fix) => {
    const snippets = Array.isArray(fix.snippets) ? fix.snippets : [];
    const snippet = snippets.find((s) => s.language === language) ?? snippets[0];
    return h(
      "div",
      { class: "fix", dataset: { code: fix.code ?? "", language: snippet?.language ?? "" } },
      fix.advice ? h("p", { class: "fix-advice", text: pick(fix.advice) }) : null,
      snippet ? h("p", { class: "hint", text: t("fixIn", { language: languageName(snippet.language) }) }) : null,
      snippet ? h("pre", {}, h("code", { text: snippet.code })) : null,
    );
  });
}

/**
 * The diagnosis: a summary sentence and every finding, with what the sender hashed instead, the
 * differing code points and the fix in the chosen language (`view.language`, `view.onLanguage`).
 */
export function renderDiagnosis(container, diagnosis, view = {}) {
  if (!diagnosis) {
    container.hidden = true;
    fill(container);
    return;
  }
  const languages = [...new Set(diagnosis.findings.flatMap((f) => fixesOf(f).flatMap((fix) => (fix.snippets ?? []).map((s) => s.language))))];
  const findings = diagnosis.findings.map((finding) =>
    h(
      "li",
      { class: "finding", dataset: { code: finding.code, scheme: finding.scheme } },
      h("p", {}, (finding.codes ?? [finding.code]).map((code) => [h("code", { class: "code", text: code }), " "]), pick(finding.description)),
      finding.changes.length ? h("ul", { class: "changes" }, finding.changes.map(changeItem)) : null,
      fixBlock(finding, view.language),
    ),
  );
  const picker = languages.length > 1
    ? h(
        "div",
        { class: "fix-language" },
        h("label", { htmlFor: "fix-language", text: t("fixLanguage") }),
        h(
          "select",
          { id: "fix-language", on: { change: (event) => view.onLanguage?.(event.target.value) } },
          languages.map((l) => {
            const option = new Option(languageName(l), l);
            option.selected = l === view.language;
            return option;
          }),
        ),
      )
    : null;
  const facts = [t("diagnosisTried", { tried: diagnosis.tried })];
  if (diagnosis.exhausted) facts.push(t("diagnosisExhausted"));
  const summary = findings.length ? pick(diagnosis.summary) : nextStep(diagnosis.scheme);
  fill(
    container,
    h("h3", { text: t("diagnosisTitle") }),
    h("p", { id: "diagnosis-summary", class: "summary", text: summary }),
    picker,
    findings.length ? h("ul", { class: "findings" }, findings) : null,
    h("p", { class: "hint", text: facts.join(" ") }),
  );
  container.hidden = false;
}

/** Errors (what stops the digest) and warnings, errors first. */
export function renderProblems(list, errors, warnings, emptyText = t("problemsNone")) {
  const items = [
    ...errors.map((problem) => ({ problem, kind: "error" })),
    ...warnings.map((problem) => ({ problem, kind: "warning" })),
  ].map(({ problem, kind }) =>
    h(
      "li",
      { class: `problem-item ${kind}`, dataset: { code: problem.code, path: problem.path } },
      h("span", { class: "badge", text: t(kind) }),
      h("code", { class: "code", text: problem.code }),
      problem.path ? h("code", { class: "path", text: problem.path }) : null,
      h("span", { class: "text", text: saidText(problem) }),
    ),
  );
  fill(list, items.length ? items : h("li", { class: "problem-item ok", text: emptyText }));
}

/** A sentence cut to a readable length (an unreadable body may be quoted whole in it). */
function clip(sentence, max = 240) {
  if (sentence.length <= max) return sentence;
  const chars = [...sentence.slice(0, max * 2)];
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : sentence;
}

/**
 * The repairs parseLoose made to read the body (each one a defect of the body). A defect with a
 * place has a button that selects it in the box (`onSelect(line, column)`).
 */
export function renderDefects(container, parsed, bodyIsBlank, onSelect) {
  if (bodyIsBlank || !parsed) {
    fill(container);
    return;
  }
  const items = parsed.defects.slice(0, 200).map((defect) =>
    h(
      "li",
      { class: `defect${defect.code === "UNREADABLE" ? " unreadable" : ""}`, dataset: { code: defect.code } },
      h("code", { class: "code", text: defect.code }),
      defect.path ? h("code", { class: "path", text: clip(defect.path, 80) }) : null,
      h("span", { class: "text", text: clip(saidText(defect)) }),
      defect.line !== null && defect.line !== undefined
        ? h("button", {
            type: "button",
            class: "where-button",
            text: t("defectAt", { line: defect.line, column: defect.column ?? "?" }),
            on: { click: () => onSelect?.(defect.line, defect.column ?? 1) },
          })
        : null,
    ),
  );
  const more = (parsed.defectCount ?? parsed.defects.length) - items.length;
  fill(
    container,
    !parsed.readable ? h("p", { class: "problem", text: t("unreadable") }) : null,
    items.length && parsed.readable ? h("p", { class: "defects-title", text: t("defectsTitle") }) : null,
    items.length ? h("ul", {}, items) : null,
    more > 0 ? h("p", { class: "hint", text: t("moreDefects", { count: more }) }) : null,
  );
}

/** A window's hex pairs, the pair at byte `offset` marked. */
function markedHex(side, offset) {
  const pairs = side.hex.includes(" ") ? side.hex.split(/\s+/).filter(Boolean) : side.hex.match(/../g) ?? [];
  const at = offset - side.windowStart;
  const nodes = pairs.map((pair, i) => [i === at ? h("mark", { class: "diff", text: pair }) : pair, i + 1 < pairs.length ? " " : ""]);
  if (at >= pairs.length) nodes.push(" ", h("mark", { class: "diff", text: t("compareEnd") }));
  return nodes;
}

/** One side of the first difference: its bytes, its text with the character marked, its code points. */
function compareSide(side, offset, label, className) {
  return [
    h("dt", { text: label }),
    h(
      "dd",
      {},
      h("div", { class: className }, markedHex(side, offset)),
      h("div", { class: "compare-text" }, side.before, side.byte === null ? h("mark", { class: "diff", text: t("compareEnd") }) : h("mark", { class: "diff", text: side.at }), side.after),
      side.codePoints ? h("div", { class: "codepoints", text: side.codePoints }) : null,
    ),
  ];
}

/**
 * The comparison with the string the integrator's code hashed: comparePreimage()'s answer, the
 * differing byte marked on both sides (the secret key's bytes masked unless revealed).
 */
export function renderCompare(container, { compare, error, missing }) {
  if (missing) return fill(container, h("p", { class: "hint", text: t("compareMissing") }));
  if (error) return fill(container, h("p", { class: "problem", text: `${error.code ?? ""} ${saidText(error)}`.trim() }));
  if (!compare) return fill(container);
  if (compare.equal) {
    return fill(container, h("p", { class: "equal", dataset: { equal: "true" }, text: t("compareEqual") }));
  }
  const diff = compare.firstDifference;
  const field = diff.field ?? "";
  const where = diff.pastEnd || diff.field === null ? t("compareAfterEnd", { field: diff.field ?? "" }) : diff.field === "secretKey" ? t("source.secret") : diff.field;
  fill(
    container,
    h("p", { class: "differs", dataset: { equal: "false", offset: String(diff.offset), field } }, t("compareDiffers", { offset: diff.offset, field: where })),
    compare.summary ? h("p", { class: "hint", text: pick(compare.summary) }) : null,
    h(
      "dl",
      { class: "compare-bytes" },
      compareSide(diff.expected, diff.offset, t("compareExpected"), "compare-expected"),
      compareSide(diff.actual, diff.offset, t("compareActual"), "compare-actual"),
    ),
    h("p", { class: "hint", text: t("compareLengths", { expected: compare.expectedLength, actual: compare.actualLength }) }),
  );
}
