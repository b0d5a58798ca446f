// The debugger ("check a checksum"): reads the message from the pasted body (parseLoose) or the
// form, picks the scheme (chosen, or detectScheme), then shows explain() and, when the received
// checksum does not match, diagnose(). Recomputed on every keystroke.
import { core } from "./core.js";
import { byId, fill } from "./dom.js";
import { messageFromValues, renderFieldInputs, valuesFromMessage } from "./forms.js";
import { language, t } from "./i18n.js";
import { linkHighlights, renderBytes, renderPreimage, renderSteps } from "./preimage-view.js";
import { state } from "./state.js";
import { renderDefects, renderDiagnosis, renderProblems, renderVerdict } from "./verdict-view.js";

export function setupVerify(schemeList, { secret, revealed, tokenCredentials, showError }) {
  const el = {
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
    bytes: byId("bytes"),
    steps: byId("steps").tBodies[0],
    diagnosis: byId("diagnosis"),
  };
  const verdict = {
    checksum: byId("checksum"),
    checksumUpper: byId("checksum-upper"),
    received: byId("received"),
    match: byId("match"),
  };
  const byIdScheme = new Map(schemeList.map((scheme) => [scheme.id, scheme]));
  /** The scheme last shown, used when the body's keys name none. */
  let lastScheme = "paygate";
  /** The form's fields were edited since the body was last read into it. */
  let formEdited = false;
  let renderedForm = "";

  function fillSchemeOptions() {
    const chosen = state.scheme;
    fill(el.scheme, new Option(t("schemeAuto"), "auto"), ...schemeList.map((s) => new Option(`${t(`scheme.${s.id}`)} (${s.id})`, s.id)));
    el.scheme.value = byIdScheme.has(chosen) ? chosen : "auto";
    el.scheme.disabled = false;
  }

  function formInfos(schemeId) {
    return byIdScheme.get(schemeId).messageFields;
  }

  /** The message as the page reads it, and how the body was read (null in form mode). */
  function readMessage() {
    if (state.input === "form") return { parsed: null, message: messageFromValues(formInfos(resolveScheme()), state.fields) };
    if (state.body.trim() === "") return { parsed: null, message: null };
    const parsed = core.parseLoose(state.body);
    return { parsed, message: parsed.message };
  }

  function resolveScheme() {
    return byIdScheme.has(state.scheme) ? state.scheme : lastScheme;
  }

  function detect(message) {
    if (byIdScheme.has(state.scheme) || state.input === "form") return { id: resolveScheme(), how: "chosen" };
    const found = message ? core.detectScheme(message) : null;
    if (found && byIdScheme.has(found)) return { id: found, how: "detected" };
    return { id: lastScheme, how: message ? "undetected" : "none" };
  }

  function describeScheme(id, how) {
    const info = byIdScheme.get(id);
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
    renderDiagnosis(el.diagnosis, null);
    fill(el.problems);
    fill(el.preimage);
    fill(el.bytes);
    fill(el.steps);
    el.preimageSize.textContent = "";
    el.preimageText.textContent = "";
    el.preimageHex.textContent = "";
  }

  /** Notes where the token's credentials differ from the message's. */
  function tokenNotes(message) {
    const credentials = tokenCredentials();
    if (!credentials || !message) return [];
    return ["partnerCode", "accessKey"]
      .filter((field) => typeof message[field] === "string" && message[field] !== credentials[field])
      .map((field) => t("tokenDiffers", { field, token: JSON.stringify(credentials[field]), message: JSON.stringify(message[field]) }));
  }

  function recompute() {
    el.bodyPane.hidden = state.input !== "body";
    el.fields.hidden = state.input !== "form";
    el.inputBody.checked = state.input === "body";
    el.inputForm.checked = state.input === "form";
    let parsed = null;
    let message = null;
    try {
      ({ parsed, message } = readMessage());
      const { id, how } = detect(message);
      lastScheme = id;
      describeScheme(id, how);
      if (state.input === "form") renderForm(id);
      renderDefects(el.defects, parsed, state.body.trim() === "");
      const notes = tokenNotes(message);
      el.tokenNotes.textContent = notes.join(" ");
      el.tokenNotes.hidden = notes.length === 0;
      if (message === null) {
        clearOutputs(state.input === "body" && state.body.trim() !== "" ? "unreadable" : "bodyEmpty");
        return;
      }
      const reveal = revealed();
      const explanation = core.explain(id, message, secret(), { revealSecret: reveal });
      const diagnosis = explanation.matches === false ? core.diagnose(id, message, secret()) : null;
      renderVerdict(verdict, explanation);
      renderDiagnosis(el.diagnosis, diagnosis);
      renderProblems(el.problems, explanation.errors, explanation.warnings);
      renderPreimage(el.preimage, el.preimageSize, explanation, reveal);
      renderBytes(el.bytes, explanation);
      renderSteps(el.steps, explanation, reveal);
      el.preimageText.textContent = explanation.preimage ?? "";
      el.preimageHex.textContent = explanation.preimageHex ?? "";
      showError(null);
    } catch (error) {
      clearOutputs();
      showError(error);
    }
  }

  function setInput(kind) {
    if (kind === state.input) return;
    if (kind === "form") {
      const { message } = readMessage();
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
    recompute();
  }

  /** Re-reads the whole state (language change, share link opened). */
  function rerender() {
    fillSchemeOptions();
    el.body.value = state.body;
    renderedForm = "";
    recompute();
  }

  el.scheme.addEventListener("change", () => {
    state.scheme = el.scheme.value;
    recompute();
  });
  el.inputBody.addEventListener("change", () => setInput("body"));
  el.inputForm.addEventListener("change", () => setInput("form"));
  el.body.addEventListener("input", () => {
    state.body = el.body.value;
    recompute();
  });
  el.fields.addEventListener("input", (event) => {
    const name = event.target.dataset?.field;
    if (name === undefined) return;
    state.fields[name] = event.target.value;
    formEdited = true;
    recompute();
  });
  linkHighlights(byId("verify-output"));

  return { recompute, rerender, loadBody, applyCredentials };
}
