// The debugger ("check a checksum"): reads the message from the pasted body (parseLoose) or the
// form, picks the scheme (chosen, or detectScheme), then shows explain() and, when the received
// checksum does not match, diagnose(). The core runs in Web Workers (www/engine.js), so typing
// never waits for it: each answer is drawn verdict first (the ✓/✗ heading and the first finding),
// then, after that has been painted, the heavier views (pre-image, bytes, steps), all collapsed.
import { core } from "./core.js";
import { byId, copyText, fill } from "./dom.js";
import { selectPlace } from "./body-place.js";
import { createEngine } from "./engine.js";
import { messageFromValues, renderFieldInputs, valuesFromMessage } from "./forms.js";
import { language, t } from "./i18n.js";
import { linkHighlights, renderBytes, renderPreimage, renderSteps } from "./preimage-view.js";
import { state } from "./state.js";
import {
  firstFinding, renderCompare, renderDefects, renderDiagnosis, renderFirstFinding, renderProblems, renderVerdict, verdictOf,
} from "./verdict-view.js";

/** Quiet time before the live region speaks, so a screen reader is not interrupted per key. */
const ANNOUNCE_DELAY_MS = 900;

export function setupVerify(schemeList, { secret, revealed, tokenCredentials, showError, announce, onAuthorization }) {
  const el = {
    app: byId("app"),
    scheme: byId("scheme"),
    schemeInfo: byId("scheme-info"),
    inputBody: byId("input-body"),
    inputForm: byId("input-form"),
    bodyPane: byId("body-pane"),
    body: byId("body"),
    defects: byId("defects"),
    fields: byId("fields"),
    secretHint: byId("secretKey-hint"),
    tokenNotes: byId("token-notes"),
    problems: byId("problems"),
    preimage: byId("preimage"),
    preimageSize: byId("preimage-size"),
    preimageText: byId("preimage-text"),
    preimageHex: byId("preimage-hex"),
    preimageCut: byId("preimage-cut"),
    bytes: byId("bytes"),
    steps: byId("steps").tBodies[0],
    diagnosis: byId("diagnosis"),
    firstFinding: byId("first-finding"),
    theirs: byId("theirs"),
    theirsHex: byId("theirs-hex"),
    theirsText: byId("theirs-text"),
    compare: byId("compare-result"),
  };
  const verdict = {
    checksum: byId("checksum"),
    checksumUpper: byId("checksum-upper"),
    received: byId("received"),
    match: byId("match"),
    copyDigest: [...document.querySelectorAll('[data-copy-value^="checksum"]')],
  };
  const byIdScheme = new Map(schemeList.map((scheme) => [scheme.id, scheme]));
  /** The scheme last shown, used when the body's keys name none. */
  let lastScheme = "paygate";
  /** The form's fields were edited since the body was last read into it. */
  let formEdited = false;
  let renderedForm = "";
  /** The newest job sent, and the answers drawn (each `{ seq, result }`). */
  let sent = 0;
  let shown = { seq: 0, result: null };
  let diagnosed = { seq: 0, result: null };
  let theirsSent = null;
  let selectError = false;
  /** The body was pasted, dropped or loaded (not typed) since its last answer was drawn. */
  let pastedBody = false;
  let heavyTimer = null;
  /** The answer whose heavy views are drawn. */
  let heavySeq = 0;
  let announceTimer = null;
  let fixLanguage = "javascript";

  const engine = createEngine({
    onVerdict: (result, seq) => {
      shown = { seq, result };
      guarded(drawVerdict);
    },
    onDiagnosis: (result, seq) => {
      diagnosed = { seq, result };
      if (seq === shown.seq) guarded(drawDiagnosis);
      markPending();
    },
  });

  /**
   * Runs a drawing step; a failure shows as the page's error, cleared by the next answer. Each
   * step is a User Timing measure, "debugger:draw", which `make bench` reads.
   */
  function guarded(draw) {
    const start = performance.now();
    try {
      draw();
    } catch (error) {
      showError(error);
    }
    performance.measure("debugger:draw", { start, end: performance.now() });
  }

  function fillSchemeOptions() {
    const chosen = state.scheme;
    fill(el.scheme, new Option(t("schemeAuto"), "auto"), schemeList.map((s) => new Option(`${t(`scheme.${s.id}`)} (${s.id})`, s.id)));
    el.scheme.value = byIdScheme.has(chosen) ? chosen : "auto";
    el.scheme.disabled = false;
  }

  function formInfos(schemeId) {
    return byIdScheme.get(schemeId).messageFields;
  }

  function resolveScheme() {
    return byIdScheme.has(state.scheme) ? state.scheme : lastScheme;
  }

  function describeScheme(id, how) {
    const info = byIdScheme.get(id);
    if (!info) return;
    const route = info.path ? `${info.method} ${info.path}` : t("routeReturnUrl");
    const prefix = info.prefix.kind === "secretKey" ? t("prefixSecret") : t("prefixLiteral", { value: info.prefix.value });
    const name = `${t(`scheme.${id}`)} (${id})`;
    const lead = how === "detected" ? t("schemeDetected", { scheme: name }) : how === "undetected" ? t("schemeUndetected", { scheme: name }) : "";
    el.schemeInfo.textContent = `${lead} ${t("schemeRoute", { route, prefix })}`.trim();
    el.secretHint.textContent = info.prefix.kind === "literal" ? t("secretUnused", { literal: info.prefix.value }) : t("secretHint");
  }

  function renderForm(schemeId) {
    const key = `${schemeId}:${language()}`;
    if (key === renderedForm) return;
    renderedForm = key;
    renderFieldInputs(el.fields, formInfos(schemeId), state.fields, "field-");
  }

  function clearOutputs(reason) {
    renderVerdict(verdict, null, reason);
    renderFirstFinding(el.firstFinding, null);
    renderDiagnosis(el.diagnosis, null);
    fill(el.problems);
    fill(el.compare);
    clearHeavy();
  }

  function clearHeavy() {
    clearTimeout(heavyTimer);
    fill(el.preimage);
    fill(el.bytes);
    fill(el.steps);
    el.preimageSize.textContent = "";
    el.preimageText.textContent = "";
    el.preimageHex.textContent = "";
    el.preimageCut.hidden = true;
  }

  /** Notes where the token's credentials differ from the message's. */
  function tokenNotes(message) {
    const credentials = tokenCredentials();
    if (!credentials || !message) return [];
    return ["partnerCode", "accessKey"]
      .filter((field) => typeof message[field] === "string" && message[field] !== credentials[field])
      .map((field) => t("tokenDiffers", { field, token: JSON.stringify(credentials[field]), message: JSON.stringify(message[field]) }));
  }

  /** What the compare box holds, as comparePreimage takes it: the text, `{ hex }`, or null when empty. */
  function theirs() {
    const value = el.theirs.value;
    if (value === "") return null;
    return el.theirsHex.checked ? { hex: value } : value;
  }

  /**
   * Whether the answer numbered `seq` is to the newest job: a small body's answer is drawn while
   * engine.run() is still running, before `sent` holds its number, hence `>=`.
   */
  function isLatest(seq) {
    return seq >= sent;
  }

  function markPending() {
    const waiting = shown.seq !== sent || diagnosed.seq !== sent || heavySeq !== sent;
    el.app.dataset.pending = String(waiting);
  }

  /** Sends the inputs to the core; the answer is drawn when it comes. `typing`: a keystroke in the body. */
  function recompute({ typing = false } = {}) {
    el.bodyPane.hidden = state.input !== "body";
    el.fields.hidden = state.input !== "form";
    el.inputBody.checked = state.input === "body";
    el.inputForm.checked = state.input === "form";
    showError(null);
    const form = state.input === "form";
    if (form) renderForm(resolveScheme());
    theirsSent = theirs();
    const job = {
      input: state.input,
      body: form ? "" : state.body,
      message: form ? messageFromValues(formInfos(resolveScheme()), state.fields) : null,
      scheme: form ? resolveScheme() : byIdScheme.has(state.scheme) ? state.scheme : "auto",
      fallbackScheme: lastScheme,
      secret: secret(),
      reveal: revealed(),
      theirs: theirsSent,
    };
    sent = engine.run(job, { typing });
    markPending();
  }

  function drawVerdict() {
    const { result } = shown;
    showError(null);
    if (result.scheme && byIdScheme.has(result.scheme)) {
      lastScheme = result.scheme;
      describeScheme(result.scheme, result.how);
    }
    renderDefects(el.defects, result.parsed, state.input !== "body" || state.body.trim() === "", selectInBody);
    // An Authorization header pasted with the body: the page moves it to the token box, once
    // this answer is drawn, if it is the answer to the body now in the box.
    const current = isLatest(shown.seq);
    const authorization = result.parsed?.authorization;
    if (authorization && current && state.input === "body") {
      const moment = { body: state.body, pasted: pastedBody };
      setTimeout(() => onAuthorization?.(authorization, moment), 0);
    }
    if (current) pastedBody = false;
    const notes = tokenNotes(result.credentials);
    el.tokenNotes.textContent = notes.join(" ");
    el.tokenNotes.hidden = notes.length === 0;
    if (result.error) {
      clearOutputs();
      heavySeq = shown.seq;
      markPending();
      showError(result.error);
      scheduleAnnounce();
      return;
    }
    if (!result.explanation) {
      clearOutputs(state.input === "body" && state.body.trim() !== "" ? "unreadable" : "bodyEmpty");
      heavySeq = shown.seq;
      markPending();
      if (selectError) selectFirstUnreadable(result.parsed);
      selectError = false;
      scheduleAnnounce();
      return;
    }
    selectError = false;
    const explanation = result.explanation;
    renderVerdict(verdict, explanation);
    renderProblems(el.problems, explanation.errors, explanation.warnings);
    renderCompare(el.compare, {
      compare: result.compare,
      error: result.compareError,
      missing: theirsSent !== null && result.compare === undefined && result.compareError === undefined,
    });
    if (diagnosed.seq === shown.seq) drawDiagnosis();
    else if (explanation.matches !== false) {
      renderDiagnosis(el.diagnosis, null);
      renderFirstFinding(el.firstFinding, firstFinding({ explanation, diagnosis: null, scheme: result.scheme }));
    } else el.diagnosis.dataset.stale = "true";
    markPending();
    scheduleHeavy();
    scheduleAnnounce();
  }

  function drawDiagnosis() {
    const explanation = shown.result?.explanation;
    if (!explanation) return;
    const diagnosis = diagnosed.result?.diagnosis ?? null;
    delete el.diagnosis.dataset.stale;
    if (diagnosed.result?.error) showError(diagnosed.result.error);
    renderDiagnosis(el.diagnosis, diagnosis, {
      language: fixLanguage,
      onLanguage: (lang) => {
        fixLanguage = lang;
        drawDiagnosis();
      },
    });
    renderFirstFinding(el.firstFinding, firstFinding({ explanation, diagnosis, scheme: shown.result.scheme }));
    scheduleAnnounce();
  }

  /** The heavy views, after the verdict has been painted. */
  function scheduleHeavy() {
    clearTimeout(heavyTimer);
    const { seq, result } = shown;
    requestAnimationFrame(() => {
      clearTimeout(heavyTimer);
      heavyTimer = setTimeout(() => {
        if (shown.result !== result) return;
        guarded(() => drawHeavy(result.explanation));
        heavySeq = seq;
        markPending();
      }, 0);
    });
  }

  function drawHeavy(explanation) {
    const reveal = revealed();
    renderPreimage(el.preimage, el.preimageSize, explanation, reveal);
    renderBytes(el.bytes, explanation);
    renderSteps(el.steps, explanation, reveal);
    const cut = Boolean(explanation.preimageCut);
    el.preimageText.textContent = `${explanation.preimage ?? ""}${cut ? "…" : ""}`;
    el.preimageHex.textContent = `${explanation.preimageHex ?? ""}${cut ? "…" : ""}`;
    el.preimageCut.hidden = !cut;
    el.preimageCut.textContent = t("plainCut");
  }

  /** The live region, once typing has paused: the verdict and the first finding, never a hash. */
  function scheduleAnnounce() {
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => {
      const explanation = shown.result?.explanation ?? null;
      const { text } = verdictOf(explanation, state.body.trim() === "" && state.input === "body" ? "bodyEmpty" : "unreadable");
      const first = explanation ? firstFinding({ explanation, diagnosis: diagnosed.seq === shown.seq ? diagnosed.result?.diagnosis : null, scheme: shown.result.scheme }) : null;
      announce([text, first?.text].filter(Boolean).join(" "));
    }, ANNOUNCE_DELAY_MS);
  }

  const selectInBody = (line, column) => selectPlace(el.body, line, column);

  function selectFirstUnreadable(parsed) {
    const defect = parsed?.defects?.find((d) => d.code === "UNREADABLE" && d.line != null);
    if (defect) selectInBody(defect.line, defect.column ?? 1);
  }

  function setInput(kind) {
    if (kind === state.input) return;
    if (kind === "form") {
      // The body is read again here: the Worker keeps the message it read to itself.
      const message = state.body.trim() === "" ? null : core.parseLoose(state.body).message;
      if (message) state.fields = valuesFromMessage(message);
      formEdited = false;
      renderedForm = "";
    } else if (formEdited) {
      state.body = JSON.stringify(messageFromValues(formInfos(lastScheme), state.fields), null, 2);
      el.body.value = state.body;
    }
    state.input = kind;
    recompute();
  }

  /** Puts credentials read from a token into the form (a pasted body keeps its own values). */
  function applyCredentials(credentials) {
    for (const field of ["partnerCode", "accessKey"]) {
      if (!formInfos(lastScheme).some((info) => info.name === field)) continue;
      state.fields[field] = credentials[field];
      const input = document.getElementById(`field-${field}`);
      if (input) input.value = credentials[field];
      formEdited = true;
    }
  }

  /** Loads a body (an example, or a built request) and shows it. */
  function loadBody(body, scheme = "auto", fallbackScheme = null) {
    state.mode = "verify";
    state.input = "body";
    state.body = body;
    state.scheme = scheme;
    if (fallbackScheme) lastScheme = fallbackScheme;
    el.body.value = body;
    el.scheme.value = byIdScheme.has(scheme) ? scheme : "auto";
    selectError = true;
    pastedBody = true;
    recompute();
  }

  /** Puts `body` in the box in place of what is there (the scheme chosen stays). */
  function replaceBody(body) {
    state.body = body;
    el.body.value = body;
    recompute();
  }

  /** Re-reads the whole state (language change, share link opened). */
  function rerender() {
    fillSchemeOptions();
    if (el.body.value !== state.body) el.body.value = state.body;
    renderedForm = "";
    recompute();
  }

  /**
   * The last answer's values for the copy buttons, whole however long: a pre-image the Worker
   * sent cut is explained again here, once, for the copy.
   */
  function copyValue(name) {
    let explanation = shown.result?.explanation;
    if (!explanation) return "";
    if (explanation.preimageCut && (name === "preimage" || name === "preimageHex")) {
      const message = state.input === "form" ? messageFromValues(formInfos(resolveScheme()), state.fields) : core.parseLoose(state.body).message;
      explanation = core.explain(shown.result.scheme, message, secret(), { revealSecret: revealed() });
    }
    return { checksum: explanation.digest, checksumUpper: explanation.digestUpper, preimage: explanation.preimage, preimageHex: explanation.preimageHex }[name] ?? "";
  }

  el.scheme.addEventListener("change", () => {
    state.scheme = el.scheme.value;
    recompute();
  });
  el.inputBody.addEventListener("change", () => setInput("body"));
  el.inputForm.addEventListener("change", () => setInput("form"));
  el.body.addEventListener("input", (event) => {
    const start = performance.now();
    state.body = el.body.value;
    const pasted = event.inputType === "insertFromPaste" || event.inputType === "insertFromDrop";
    if (pasted) {
      selectError = true;
      pastedBody = true;
    }
    recompute({ typing: !pasted });
    performance.measure("debugger:input", { start, end: performance.now() });
  });
  el.fields.addEventListener("input", (event) => {
    const name = event.target.dataset?.field;
    if (name === undefined) return;
    state.fields[name] = event.target.value;
    formEdited = true;
    recompute();
  });
  el.theirs.addEventListener("input", () => recompute());
  el.theirsHex.addEventListener("change", () => recompute());
  el.theirsText.addEventListener("change", () => recompute());
  for (const button of document.querySelectorAll("[data-copy-value]")) {
    button.addEventListener("click", async () => {
      const copied = await copyText(copyValue(button.dataset.copyValue));
      button.textContent = t(copied ? "copied" : "copyFailed");
      setTimeout(() => (button.textContent = t(button.dataset.i18n)), 1500);
    });
  }
  linkHighlights(byId("verify-output"));

  return { recompute, rerender, loadBody, replaceBody, applyCredentials };
}
