// What the page holds, and the share link's URL fragment. The secret key and the Authorization
// token are deliberately NOT part of this state: they live only in their password inputs, so
// nothing here can carry them into the URL, history or storage.

export const MODES = ["verify", "build"];
export const LANGUAGES = ["en", "vi"];

/** The page state. `fields` and `build.fields` hold form text by field name. */
export const state = {
  lang: "en",
  mode: "verify",
  /** "auto" (detect from the body) or a scheme id. */
  scheme: "auto",
  /** "body" (a pasted JSON body) or "form" (one input per field). */
  input: "body",
  body: "",
  fields: {},
  build: { scheme: "paygate", env: "test", target: "", fields: {} },
};

/** Keys that must never reach the fragment, whatever a caller puts in `fields`. */
const NEVER_SHARED = new Set(["secretKey", "secret", "token", "authorization"]);

function safeEntries(fields) {
  return Object.entries(fields).filter(
    ([name, value]) => typeof value === "string" && value !== "" && !NEVER_SHARED.has(name.toLowerCase()) && !NEVER_SHARED.has(name),
  );
}

/** The fragment (without `#`) that restores this state, secret and token excluded. */
export function toFragment(s = state) {
  const params = new URLSearchParams();
  params.set("lang", s.lang);
  params.set("mode", s.mode);
  if (s.mode === "verify") {
    params.set("scheme", s.scheme);
    params.set("input", s.input);
    if (s.input === "body") params.set("body", s.body);
    else for (const [name, value] of safeEntries(s.fields)) params.set(`f.${name}`, value);
  } else {
    params.set("scheme", s.build.scheme);
    params.set("env", s.build.env);
    if (s.build.target) params.set("target", s.build.target);
    for (const [name, value] of safeEntries(s.build.fields)) params.set(`f.${name}`, value);
  }
  return params.toString();
}

/** Applies a fragment (with or without `#`) to `s`; unknown or malformed entries are ignored. */
export function applyFragment(fragment, s = state) {
  const text = fragment.startsWith("#") ? fragment.slice(1) : fragment;
  if (text === "") return false;
  const params = new URLSearchParams(text);
  const lang = params.get("lang");
  if (LANGUAGES.includes(lang)) s.lang = lang;
  const mode = params.get("mode");
  if (!MODES.includes(mode)) return true;
  s.mode = mode;
  const fields = {};
  for (const [key, value] of params) {
    if (key.startsWith("f.") && !NEVER_SHARED.has(key.slice(2))) fields[key.slice(2)] = value;
  }
  if (mode === "verify") {
    s.scheme = params.get("scheme") ?? "auto";
    s.input = params.get("input") === "form" ? "form" : "body";
    s.body = params.get("body") ?? "";
    s.fields = fields;
  } else {
    s.build.scheme = params.get("scheme") ?? "paygate";
    s.build.env = params.get("env") === "production" ? "production" : "test";
    s.build.target = params.get("target") ?? "";
    s.build.fields = fields;
  }
  return true;
}
