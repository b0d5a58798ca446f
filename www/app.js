// The debugger page's entry: loads the WebAssembly core, wires the language toggle, the two
// modes, the credentials (token, secret key, reveal) and the share link. The secret key and the
// token are read from their password inputs when needed and kept nowhere else: not in the
// state, the URL, storage or cookies.
import { core } from "./core.js";
import { load } from "./loading.js";
import { byId, copyText, fill, h } from "./dom.js";
import { GUIDE_EXAMPLES, GUIDE_TEST_TOKEN, demoExamples } from "./examples.js";
import { applyStatic, language, saidText, setLanguage, t } from "./i18n.js";
import { setupBuild } from "./build.js";
import { GATEWAYS } from "./snippets.js";
import { withoutPlace } from "./body-place.js";
import { shareableBody } from "./share.js";
import { applyFragment, state, toFragment } from "./state.js";
import { setupVerify } from "./verify.js";

const app = byId("app");
const status = byId("status");
const errorBox = byId("error");
const tokenInput = byId("token");
const tokenStatus = byId("token-status");
const tokenNotes = byId("token-notes");
const secretInput = byId("secretKey");
const revealBox = byId("reveal");
const shareLink = byId("share-link");
const shareStatus = byId("share-status");
const shareRemoved = byId("share-removed");
const secretStatus = byId("secret-status");
const bodyStatus = byId("body-status");
const announcer = byId("announcer");

/** What the token gave, for the token's status line and the mismatch notes; never shown whole. */
let tokenCredentials = null;
let tokenMessage = null;
let verify;
let build;
let demos = [];

const secret = () => (secretInput.value === "" ? null : secretInput.value);

/** The page's one live region (polite): what is said must never be a hash or a secret. */
function announce(text) {
  const said = text.replace(/\b[0-9a-f]{16,}\b/gi, "…");
  if (announcer.textContent !== said) announcer.textContent = said;
}

/** Whether a string is a whole Authorization token (the core decodes it; nothing is kept). */
function isToken(text) {
  if (text.length < 40) return false;
  try {
    core.decodeAuthorization(text.trim());
    return true;
  } catch {
    return false;
  }
}

/** Text pasted in the token box that is a message body, not a token. */
function looksLikeBody(text) {
  const trimmed = text.trim();
  return /^[{[]/.test(trimmed) || /^\s*["\u201c]?\w+["\u201d]?\s*:/.test(trimmed) && trimmed.includes("\n");
}

function showError(error) {
  if (!error) {
    if (errorBox.hidden) return;
    errorBox.hidden = true;
    fill(errorBox);
    return;
  }
  fill(errorBox, typeof error.code === "string" ? h("strong", { class: "code", text: error.code }) : null, " ", saidText(error));
  errorBox.hidden = false;
  announce(errorBox.textContent);
}

function recompute() {
  if (state.mode === "verify") verify.recompute();
  else build.recompute();
}

function renderTokenStatus() {
  if (!tokenMessage) tokenStatus.textContent = "";
  else tokenStatus.textContent = t(tokenMessage.key, tokenMessage.error ? { message: `${tokenMessage.error.code ?? ""} ${saidText(tokenMessage.error)}`.trim() } : tokenMessage.vars);
  tokenStatus.dataset.state = tokenMessage?.state ?? "";
}

function onToken() {
  let token = tokenInput.value.trim();
  tokenCredentials = null;
  tokenMessage = null;
  bodyStatus.hidden = true;
  // A message body pasted here by mistake belongs in the body box.
  if (token !== "" && looksLikeBody(token)) {
    const body = tokenInput.value;
    tokenInput.value = "";
    verify.loadBody(body);
    showMode();
    bodyStatus.textContent = t("bodyMoved");
    bodyStatus.hidden = false;
    renderTokenStatus();
    byId("body").focus();
    return;
  }
  // The header line as copied from a log: its value is the token.
  token = token.replace(/^Authorization\s*:\s*/i, "").replace(/^Bearer\s+/i, "");
  if (token !== "") {
    try {
      const credentials = core.decodeAuthorization(token);
      tokenCredentials = { partnerCode: credentials.partnerCode, accessKey: credentials.accessKey };
      secretInput.value = credentials.secretKey;
      verify.applyCredentials(credentials);
      build.applyCredentials(credentials);
      tokenMessage = {
        key: "tokenRead",
        state: "ok",
        vars: { partnerCode: credentials.partnerCode, accessKey: credentials.accessKey, appName: credentials.appName },
      };
    } catch (error) {
      // Said again in the current language whenever the status is drawn.
      tokenMessage = { key: "tokenInvalid", state: "error", error: { code: error.code, message: error.message, text: error.text } };
    }
  }
  renderTokenStatus();
  recompute();
}

/**
 * An Authorization header pasted with the body (a raw request, a curl command, a lone header
 * line), as parseLoose found it: its token goes to the token box, which fills the credentials,
 * and its text leaves the body box, so no share link or view holds it. Done for a body pasted or
 * loaded, and for a typed one once the token reads as one; said under the body box.
 */
function moveAuthorization(authorization, { body, pasted }) {
  if (state.body !== body || !(pasted || isToken(authorization.token))) return;
  tokenInput.value = authorization.token;
  verify.replaceBody(withoutPlace(body, authorization));
  onToken();
  bodyStatus.textContent = t("authorizationMoved");
  bodyStatus.hidden = false;
  announce(bodyStatus.textContent);
}

/** A whole token pasted where the secret key goes: read as a token, and said. */
function onSecret() {
  const value = secretInput.value;
  secretStatus.hidden = true;
  if (isToken(value)) {
    tokenInput.value = value.trim();
    secretInput.value = "";
    onToken();
    secretStatus.textContent = t("secretWasToken");
    secretStatus.hidden = false;
    return;
  }
  recompute();
}

function renderExamples() {
  const chip = (example) =>
    h("button", {
      type: "button",
      class: "chip",
      text: t(example.label),
      dataset: { example: example.id },
      on: { click: () => { verify.loadBody(example.body, "auto", example.scheme); showMode(); } },
    });
  fill(byId("examples-guide"), GUIDE_EXAMPLES.map(chip));
  fill(byId("examples-demo"), demos.map(chip));
}

/** Shows the inputs and outputs of the current mode. */
function showMode() {
  app.dataset.mode = state.mode;
  byId(`mode-${state.mode}`).checked = true;
  for (const element of document.querySelectorAll(".mode-verify")) element.hidden = state.mode !== "verify";
  for (const element of document.querySelectorAll(".mode-build")) element.hidden = state.mode !== "build";
  if (state.mode !== "verify") tokenNotes.hidden = true;
  recompute();
}

function renderLanguage() {
  setLanguage(state.lang);
  applyStatic();
  // The gateway's addresses are the package client's; only their names are translated.
  for (const option of byId("build-env").options) option.textContent = `${t(option.dataset.label)}: ${GATEWAYS[option.value]}`;
  for (const button of document.querySelectorAll("[data-lang]")) button.setAttribute("aria-pressed", String(button.dataset.lang === state.lang));
  renderExamples();
  renderTokenStatus();
  shareStatus.textContent = "";
  shareRemoved.hidden = true;
  secretStatus.hidden = true;
  bodyStatus.hidden = true;
  verify.rerender();
  build.rerender();
  showMode();
}

/** The notes under the share button: what the link leaves out of the body. */
function removedNotes(removed) {
  return removed.map((item) =>
    h("li", { text: item.kind === "member" ? t("shareRemovedMember", { name: item.name }) : t(item.kind === "authorization" ? "shareRemovedAuthorization" : "shareRemovedToken") }),
  );
}

async function share() {
  const token = tokenInput.value.trim() || null;
  const safe = shareableBody(state.body, { secret: secret(), token, isToken });
  // Form values holding the secret key's value stay out too.
  const clean = (fields) => Object.fromEntries(Object.entries(fields).filter(([, v]) => !(secret() && typeof v === "string" && v.includes(secret()))));
  fill(shareRemoved, removedNotes(safe.removed));
  shareRemoved.hidden = safe.removed.length === 0;
  if (safe.refused && state.mode === "verify" && state.input === "body") {
    shareLink.value = "";
    shareLink.hidden = true;
    shareStatus.textContent = t("shareRefused");
    shareStatus.dataset.state = "error";
    announce(shareStatus.textContent);
    return;
  }
  const url = new URL(location.href);
  url.hash = toFragment({ ...state, body: safe.body, fields: clean(state.fields), build: { ...state.build, fields: clean(state.build.fields) } });
  history.replaceState(null, "", url);
  shareLink.value = url.href;
  shareLink.hidden = false;
  const copied = await copyText(url.href, shareLink);
  shareStatus.dataset.state = "ok";
  shareStatus.textContent = `${t(copied ? "shareCopied" : "shareReady")}${safe.removed.length ? ` ${t("shareRemovedLead")}` : ""}`;
  announce(shareStatus.textContent);
}

function wire() {
  for (const button of document.querySelectorAll("[data-lang]")) {
    button.addEventListener("click", () => {
      state.lang = button.dataset.lang;
      renderLanguage();
    });
  }
  for (const radio of document.querySelectorAll('input[name="mode"]')) {
    radio.addEventListener("change", () => {
      state.mode = radio.value;
      showMode();
    });
  }
  tokenInput.addEventListener("input", onToken);
  document.querySelector('[data-example="guide-token"]').addEventListener("click", () => {
    tokenInput.value = GUIDE_TEST_TOKEN;
    onToken();
  });
  secretInput.addEventListener("input", onSecret);
  revealBox.addEventListener("change", () => {
    secretInput.type = revealBox.checked ? "text" : "password";
    recompute();
  });
  byId("share").addEventListener("click", share);
  byId("build-debug").addEventListener("click", () => {
    const json = build.builtJson();
    if (json === null) return;
    verify.loadBody(json, state.build.scheme);
    showMode();
  });
  for (const button of document.querySelectorAll("[data-copy]")) {
    button.addEventListener("click", async () => {
      const copied = await copyText(byId(button.dataset.copy).textContent);
      button.textContent = t(copied ? "copied" : "copyFailed");
      setTimeout(() => (button.textContent = t("copy")), 1500);
    });
  }
  // Nothing is ever submitted: no request, no query string.
  byId("checksum-form").addEventListener("submit", (event) => event.preventDefault());
  window.addEventListener("hashchange", () => {
    if (applyFragment(location.hash)) renderLanguage();
  });
}

async function start() {
  let missing;
  try {
    missing = await load();
  } catch (error) {
    showError(error);
    status.textContent = t("loadFailed");
    app.dataset.state = "failed";
    return;
  }
  if ((navigator.language || "").toLowerCase().startsWith("vi")) state.lang = "vi";
  applyFragment(location.hash);
  const schemeList = core.schemes();
  demos = typeof core.checksum === "function" ? demoExamples(core) : [];
  const credentials = {
    secret, revealed: () => revealBox.checked, tokenCredentials: () => tokenCredentials, showError, announce, onAuthorization: moveAuthorization,
  };
  verify = setupVerify(schemeList, credentials);
  build = setupBuild(schemeList, credentials);
  wire();
  renderLanguage();
  if (missing.length) {
    status.textContent = t("missingExports", { names: missing.join(", ") });
    app.dataset.state = "partial";
    return;
  }
  status.textContent = "";
  status.hidden = true;
  app.dataset.state = "ready";
}

start();
