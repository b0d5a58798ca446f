// Renders the verdict (computed digest, received checksum, ✓/✗), the diagnosis in plain words,
// the problems the core noticed and the repairs parseLoose made. Every sentence shown is the
// core's, in the chosen language where the core gives both.
import { fill, h } from "./dom.js";
import { defectText, pick, problemText, t } from "./i18n.js";

/** The verdict card: `explanation` may be null when there is nothing to explain yet. */
export function renderVerdict(view, explanation, emptyReason = "bodyEmpty") {
  const digest = explanation?.digest ?? null;
  view.checksum.textContent = digest ?? "";
  view.checksumUpper.textContent = explanation?.digestUpper ?? "";
  const received = explanation?.received ?? null;
  view.received.textContent = received === null ? "" : received;
  view.received.dataset.empty = String(received === null);
  if (received === null) view.received.append(h("span", { class: "placeholder", text: t("none") }));

  let state = "none";
  let text = t(emptyReason);
  if (explanation) {
    if (explanation.matches === true) [state, text] = ["match", t("matchYes")];
    else if (explanation.matches === false) [state, text] = ["mismatch", t("matchNo")];
    else if (digest === null) [state, text] = ["incomplete", t("matchIncomplete")];
    else [state, text] = ["unknown", t("matchNoReceived")];
  }
  view.match.dataset.match = state;
  const mark = { match: "✓", mismatch: "✗" }[state];
  fill(view.match, mark ? h("span", { class: "mark", attrs: { "aria-hidden": "true" }, text: mark }) : null, h("span", { text }));
}

const utf8 = new TextEncoder();

/** A value the sender hashed, quoted, with its length: NFC and NFD look alike but differ here. */
function quoted(value) {
  if (value === null) return h("span", { class: "placeholder", text: t("changeAbsent") });
  return h(
    "span",
    { class: "change-value" },
    h("q", { class: "mono literal-value", text: value }),
    " ",
    h("span", { class: "hint-inline", text: t("changeSize", { chars: [...value].length, bytes: utf8.encode(value).length }) }),
  );
}

/** The diagnosis: a summary sentence and every finding, with what the sender hashed instead. */
export function renderDiagnosis(container, diagnosis) {
  if (!diagnosis) {
    container.hidden = true;
    fill(container);
    return;
  }
  const findings = diagnosis.findings.map((finding) =>
    h(
      "li",
      { class: "finding", dataset: { code: finding.code, scheme: finding.scheme } },
      h("p", {}, h("code", { class: "code", text: finding.code }), " ", pick(finding.description)),
      finding.changes.length
        ? h(
            "ul",
            { class: "changes" },
            finding.changes.map((change) =>
              h("li", {}, h("code", { text: change.field }), " ", t("changeHashed"), " ", quoted(change.to), " ", t("changeInstead"), " ", quoted(change.from)),
            ),
          )
        : null,
    ),
  );
  const facts = [t("diagnosisTried", { tried: diagnosis.tried })];
  if (diagnosis.exhausted) facts.push(t("diagnosisExhausted"));
  fill(
    container,
    h("h3", { text: t("diagnosisTitle") }),
    h("p", { id: "diagnosis-summary", class: "summary", text: pick(diagnosis.summary) }),
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
      h("span", { class: "text", text: problemText(problem) }),
    ),
  );
  fill(list, items.length ? items : h("li", { class: "problem-item ok", text: emptyText }));
}

/** A sentence cut to a readable length (an unreadable body may be quoted whole in it). */
function clip(sentence, max = 240) {
  const chars = [...sentence];
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : sentence;
}

/** The repairs parseLoose made to read the body (each one a defect of the body). */
export function renderDefects(container, parsed, bodyIsBlank) {
  if (bodyIsBlank || !parsed) {
    fill(container);
    return;
  }
  const items = parsed.defects.map((defect) =>
    h(
      "li",
      { class: `defect${defect.code === "UNREADABLE" ? " unreadable" : ""}`, dataset: { code: defect.code } },
      h("code", { class: "code", text: defect.code }),
      defect.path ? h("code", { class: "path", text: defect.path }) : null,
      h("span", { class: "text", text: clip(defectText(defect)) }),
      defect.line !== null && defect.line !== undefined
        ? h("span", { class: "where", text: t("defectAt", { line: defect.line, column: defect.column ?? "?" }) })
        : null,
    ),
  );
  fill(
    container,
    parsed.message === null ? h("p", { class: "problem", text: t("unreadable") }) : null,
    items.length && parsed.message !== null ? h("p", { class: "defects-title", text: t("defectsTitle") }) : null,
    items.length ? h("ul", {}, items) : null,
  );
}
