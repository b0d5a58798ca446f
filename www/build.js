// Build mode: fill a request and get the exact JSON body the package's builders produce, with a
// curl command and a Node snippet that send it. The result (which the gateway sends, not the
// unit) is signed through checksum() so a unit can test its own returnUrl handler.
import { core } from "./core.js";
import { byId, fill } from "./dom.js";
import { GUIDE_EXAMPLES } from "./examples.js";
import { messageFromValues, renderFieldInputs, valuesFromMessage } from "./forms.js";
import { language, t } from "./i18n.js";
import { BUILDERS, GATEWAYS, curlCommand, nodeSnippet } from "./snippets.js";
import { state } from "./state.js";
import { renderProblems } from "./verdict-view.js";

/** A thrown package error as problems to list. */
function problemsOf(error) {
  if (Array.isArray(error?.problems) && error.problems.length) return error.problems;
  return [{ path: error?.path ?? "", code: error?.code ?? "ERROR", message: String(error?.message ?? error) }];
}

export function setupBuild(schemeList, { secret }) {
  const el = {
    scheme: byId("build-scheme"),
    env: byId("build-env"),
    envRow: byId("build-env-row"),
    target: byId("build-target"),
    targetRow: byId("build-target-row"),
    fields: byId("build-fields"),
    problems: byId("build-problems"),
    json: byId("build-json"),
    checksum: byId("build-checksum"),
    curl: byId("build-curl"),
    node: byId("build-node"),
    debug: byId("build-debug"),
    example: byId("build-example"),
  };
  const byIdScheme = new Map(schemeList.map((scheme) => [scheme.id, scheme]));
  let renderedForm = "";
  let built = null;

  /** Every field but the checksum, which is what the build computes. */
  function infos(id) {
    return byIdScheme.get(id).messageFields.filter((info) => info.name !== "checksum");
  }

  function fillSchemeOptions() {
    fill(el.scheme, ...schemeList.map((s) => new Option(`${t(`scheme.${s.id}`)} (${s.id})`, s.id)));
    if (!byIdScheme.has(state.build.scheme)) state.build.scheme = "paygate";
    el.scheme.value = state.build.scheme;
    el.scheme.disabled = false;
  }

  function renderForm(id) {
    const key = `${id}:${language()}`;
    if (key === renderedForm) return;
    renderedForm = key;
    renderFieldInputs(el.fields, infos(id), state.build.fields, "build-");
  }

  /** The body for the filled values: { json, body, errors, warnings } (json null when it fails). */
  function make(id, message) {
    if (id === "result") {
      try {
        const body = { ...message, checksum: core.checksum("result", message, null) };
        const report = core.validate("result", body);
        return { json: JSON.stringify(body), body, errors: report.errors, warnings: report.warnings };
      } catch (error) {
        const report = core.validate("result", message);
        return { json: null, body: null, errors: report.errors.filter((p) => p.path !== "checksum"), warnings: report.warnings };
      }
    }
    const { partnerCode = "", accessKey = "", ...order } = message;
    try {
      const credentials = { partnerCode, accessKey };
      if (secret() !== null) credentials.secretKey = secret();
      const result = core[BUILDERS[id]](order, credentials);
      return { json: result.json, body: result.body, errors: [], warnings: result.warnings };
    } catch (error) {
      return { json: null, body: null, errors: problemsOf(error), warnings: [] };
    }
  }

  function recompute() {
    const id = state.build.scheme;
    const info = byIdScheme.get(id);
    renderForm(id);
    el.envRow.hidden = id === "result";
    el.targetRow.hidden = id !== "result";
    el.env.value = state.build.env;
    el.target.value = state.build.target;

    const message = messageFromValues(infos(id), state.build.fields);
    built = make(id, message);
    renderProblems(el.problems, built.errors, built.warnings, "");
    if (!built.errors.length && !built.warnings.length) fill(el.problems);
    el.debug.disabled = built.json === null;
    for (const button of document.querySelectorAll("#build-output [data-copy]")) button.disabled = built.json === null;
    if (built.json === null) {
      el.json.textContent = t("buildIncomplete");
      el.json.dataset.empty = "true";
      el.checksum.textContent = "";
      el.curl.textContent = "";
      el.node.textContent = "";
      return;
    }
    el.json.dataset.empty = "false";
    el.json.textContent = built.json;
    el.checksum.textContent = t("buildChecksum", { checksum: built.body.checksum });
    const url = id === "result" ? state.build.target || "https://your-service.example/lgsp/return" : `${GATEWAYS[state.build.env]}${info.path}`;
    const { partnerCode = "", accessKey = "", ...order } = message;
    el.curl.textContent = curlCommand({ method: info.method, url, json: built.json, withToken: id !== "result" });
    el.node.textContent = nodeSnippet({ scheme: id, method: info.method, url, fields: id === "result" ? message : order, partnerCode, accessKey });
  }

  /** Fills the form with the guide's example of this request, as printed (stray spaces included). */
  function fillExample() {
    const example = GUIDE_EXAMPLES.find((e) => e.scheme === state.build.scheme);
    const message = example ? core.parseLoose(example.body).message : null;
    if (!message) return;
    const { checksum: _received, ...values } = valuesFromMessage(message);
    state.build.fields = { ...state.build.fields, ...values };
    renderedForm = "";
    recompute();
  }

  /** Puts credentials read from a token into the build form. */
  function applyCredentials(credentials) {
    for (const field of ["partnerCode", "accessKey"]) {
      state.build.fields[field] = credentials[field];
      const input = document.getElementById(`build-${field}`);
      if (input) input.value = credentials[field];
    }
  }

  function rerender() {
    fillSchemeOptions();
    renderedForm = "";
    recompute();
  }

  el.scheme.addEventListener("change", () => {
    state.build.scheme = el.scheme.value;
    recompute();
  });
  el.example.addEventListener("click", fillExample);
  el.env.addEventListener("change", () => {
    state.build.env = el.env.value;
    recompute();
  });
  el.target.addEventListener("input", () => {
    state.build.target = el.target.value;
    recompute();
  });
  el.fields.addEventListener("input", (event) => {
    const name = event.target.dataset?.field;
    if (name === undefined) return;
    state.build.fields[name] = event.target.value;
    recompute();
  });

  return { recompute, rerender, applyCredentials, builtJson: () => built?.json ?? null };
}
