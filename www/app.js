// The checksum page: builds its form from schemes() and shows checksum() for what is typed.
// All checksum logic lives in the WebAssembly module; this file only moves values around.
// The secret key is read from its input on each change and never stored or put in the URL.
import init, { checksum, schemes } from "./pkg/lgsp_paygate.js";

const app = document.getElementById("app");
const form = document.getElementById("checksum-form");
const schemeSelect = document.getElementById("scheme");
const schemeInfo = document.getElementById("scheme-info");
const secretRow = document.getElementById("secret-row");
const secretInput = document.getElementById("secretKey");
const fieldset = document.getElementById("fields");
const lowerOutput = document.getElementById("checksum");
const upperOutput = document.getElementById("checksum-upper");
const errorBox = document.getElementById("error");
const status = document.getElementById("status");

/** Values typed so far, by field name, kept while switching schemes that share a field. */
const typed = new Map();
let schemeList = [];

function currentScheme() {
  return schemeList.find((scheme) => scheme.id === schemeSelect.value);
}

function showError(error) {
  lowerOutput.textContent = "";
  upperOutput.textContent = "";
  errorBox.replaceChildren();
  if (error && typeof error.code === "string") {
    const code = document.createElement("strong");
    code.className = "code";
    code.textContent = error.code;
    errorBox.append(code, " ");
  }
  errorBox.append(String(error?.message ?? error));
  errorBox.hidden = false;
}

function showChecksum(lower, upper) {
  lowerOutput.textContent = lower;
  upperOutput.textContent = upper;
  errorBox.replaceChildren();
  errorBox.hidden = true;
}

function fieldInput(name, info) {
  const row = document.createElement("div");
  row.className = "row";

  const label = document.createElement("label");
  label.htmlFor = `field-${name}`;
  label.textContent = name;

  const input = document.createElement("input");
  input.id = `field-${name}`;
  input.type = "text";
  input.spellcheck = false;
  input.autocapitalize = "off";
  input.value = typed.get(name) ?? "";
  input.dataset.field = name;
  if (info?.type === "integer") input.inputMode = "numeric";
  row.append(label, input);

  if (info?.description?.en) {
    const hint = document.createElement("p");
    hint.className = "hint";
    hint.id = `field-${name}-hint`;
    hint.textContent = info.description.en;
    hint.lang = "en";
    input.setAttribute("aria-describedby", hint.id);
    row.append(hint);
  }
  return row;
}

function renderScheme() {
  const scheme = currentScheme();
  if (!scheme) return;
  const prefix = scheme.prefix.kind === "secretKey" ? "the secret key" : `the literal ${scheme.prefix.value}`;
  const route = scheme.path ? `${scheme.method} ${scheme.path}` : scheme.method;
  schemeInfo.textContent = `${scheme.message} (${route}); the pre-image starts with ${prefix}.`;

  secretRow.hidden = scheme.prefix.kind !== "secretKey";
  secretInput.disabled = secretRow.hidden;

  const infoByName = new Map(scheme.messageFields.map((info) => [info.name, info]));
  const legend = fieldset.querySelector("legend");
  fieldset.replaceChildren(legend, ...scheme.fields.map((name) => fieldInput(name, infoByName.get(name))));
  recompute();
}

function recompute() {
  const scheme = currentScheme();
  if (!scheme) return;
  const fields = {};
  for (const name of scheme.fields) fields[name] = typed.get(name) ?? "";
  const secretKey = secretRow.hidden || secretInput.value === "" ? null : secretInput.value;
  try {
    showChecksum(
      checksum(scheme.id, fields, secretKey),
      checksum(scheme.id, fields, secretKey, { uppercase: true }),
    );
  } catch (error) {
    showError(error);
  }
}

async function start() {
  try {
    await init();
    schemeList = schemes();
  } catch (error) {
    showError(error);
    status.textContent = "The WebAssembly module could not be loaded.";
    app.dataset.state = "failed";
    return;
  }

  schemeSelect.replaceChildren(
    ...schemeList.map((scheme) => new Option(`${scheme.id}: ${scheme.message}`, scheme.id)),
  );
  schemeSelect.disabled = false;
  schemeSelect.addEventListener("change", renderScheme);
  fieldset.addEventListener("input", (event) => {
    const name = event.target.dataset?.field;
    if (name === undefined) return;
    typed.set(name, event.target.value);
    recompute();
  });
  secretInput.addEventListener("input", recompute);
  // Nothing is ever submitted: no request, no query string holding the secret.
  form.addEventListener("submit", (event) => event.preventDefault());

  renderScheme();
  status.textContent = "";
  status.hidden = true;
  app.dataset.state = "ready";
}

start();
