// The debugger page's entry: loads the WebAssembly core, wires the language toggle, the two
// modes, the credentials (token, secret key, reveal) and the share link. The secret key and the
// token are read from their password inputs when needed and kept nowhere else: not in the
// state, the URL, storage or cookies.
import { core, load } from "./core.js";
import { byId, copyText, fill, h } from "./dom.js";
import { GUIDE_EXAMPLES, GUIDE_TEST_TOKEN, demoExamples } from "./examples.js";
import { applyStatic, language, setLanguage, t } from "./i18n.js";
import { setupBuild } from "./build.js";
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

/** What the token gave, for the token's status line and the mismatch notes; never shown whole. */
let tokenCredentials = null;
let tokenMessage = null;
let verify;
let build;
let demos = [];

const secret = () => (secretInput.value === "" ? null : secretInput.value);

function showError(error) {
  if (!error) {
    errorBox.hidden = true;
    fill(errorBox);
    return;
  }
  fill(errorBox, typeof error.code === "string" ? h("strong", { class: "code", text: error.code }) : null, " ", String(error.message ?? error));
  errorBox.hidden = false;
}

function recompute() {
  if (state.mode === "verify") verify.recompute();
  else build.recompute();
}

function renderTokenStatus() {
  if (!tokenMessage) tokenStatus.textContent = "";
  else tokenStatus.textContent = t(tokenMessage.key, tokenMessage.vars);
  tokenStatus.dataset.state = tokenMessage?.state ?? "";
}

function onToken() {
  const token = tokenInput.value.trim();
  tokenCredentials = null;
  tokenMessage = null;
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
      tokenMessage = { key: "tokenInvalid", state: "error", vars: { message: `${error.code ?? ""} ${error.message ?? ""}`.trim() } };
    }
  }
  renderTokenStatus();
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
  for (const button of document.querySelectorAll("[data-lang]")) button.setAttribute("aria-pressed", String(button.dataset.lang === state.lang));
  renderExamples();
  renderTokenStatus();
  shareStatus.textContent = "";
  verify.rerender();
  build.rerender();
  showMode();
}

async function share() {
  const url = new URL(location.href);
  url.hash = toFragment(state);
  history.replaceState(null, "", url);
  shareLink.value = url.href;
  shareLink.hidden = false;
  const copied = await copyText(url.href, shareLink);
  shareStatus.textContent = t(copied ? "shareCopied" : "shareReady");
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
  secretInput.addEventListener("input", recompute);
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
      await copyText(byId(button.dataset.copy).textContent);
      button.textContent = t("copied");
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
  const credentials = { secret, revealed: () => revealBox.checked, tokenCredentials: () => tokenCredentials, showError };
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
