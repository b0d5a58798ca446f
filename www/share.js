// What a share link may carry of a pasted body. The secret key and the token are never in the
// page's state, but a body can hold them too: a `"secretKey"` member, an `Authorization:` line or
// curl -H argument pasted with it (the page moves those to the token box, but one typed stays),
// the token itself, or the secret key's value. Those are cut out of the body the link carries,
// each named in a note; when a secret is still in the text after that (say, inside another
// value), the link is refused and the reason given.

/** Key names (lower case, letters and digits only) whose value is a secret. */
const SECRET_KEYS = new Set([
  "secretkey", "secret", "clientsecret", "hashsecret", "secrethash", "checksumkey", "signkey", "signaturekey",
  "privatekey", "apikey", "password", "passwd", "token", "accesstoken", "authtoken", "authorization", "bearer",
]);

const QUOTE = `["'\u201c\u201d\u2018\u2019]`;
/** A member `"key": value` (value quoted, typographic quotes included, or bare up to , } or end of line). */
const MEMBER = new RegExp(
  `(${QUOTE}?)([A-Za-z_][\\w .-]*?)\\1?\\s*${QUOTE}?\\s*:\\s*(?:"(?:[^"\\\\\\n]|\\\\.)*"|[\u201c\u201d"][^\u201c\u201d"\\n]*[\u201c\u201d"]|'[^'\\n]*'|[^,}\\n]*)`,
  "g",
);
const AUTHORIZATION_LINE = /^[^\S\n]*(?:-H\s*)?["']?(?:Authorization|Proxy-Authorization)[^\S\n]*:[^\n]*\n?/gim;
/** A curl argument carrying one, anywhere on a line: -H/--header in bash or cmd quoting, --oauth2-bearer. */
const AUTHORIZATION_ARGUMENT = new RegExp(
  [
    String.raw`(?:-H|--header)\s*\$?'(?:Proxy-)?Authorization\s*:[^'\n]*'`,
    String.raw`(?:-H|--header)\s*\^?"(?:Proxy-)?Authorization\s*:(?:[^"\n^]|\^[^"\n])*\^?"`,
    String.raw`(?:-H|--header)\s*(?:Proxy-)?Authorization:\S*`,
    String.raw`--oauth2-bearer\s+(?:'[^'\n]*'|"[^"\n]*"|\S+)`,
  ].join("|"),
  "gi",
);
/** A long base64 run: a candidate token. */
const BASE64_RUN = /[A-Za-z0-9+/_-]{60,}={0,2}/g;

export function isSecretKeyName(name) {
  return SECRET_KEYS.has(name.toLowerCase().replace(/[^a-z0-9]/g, ""));
}

/** Removes a member's text with the comma that joins it to its neighbours. */
function cut(text, start, end) {
  const after = /^\s*,/.exec(text.slice(end));
  if (after) return text.slice(0, start) + text.slice(end + after[0].length);
  const before = /,\s*$/.exec(text.slice(0, start));
  if (before) return text.slice(0, start - before[0].length) + text.slice(end);
  return text.slice(0, start) + text.slice(end);
}

/**
 * The body a share link may carry: `{ body, removed, refused }`. `removed` lists what was cut
 * (`{ kind: "member", name }`, `{ kind: "authorization" }`, `{ kind: "token" }`); `refused`
 * is null, or "secret" when the secret key's value is still in the body after the cuts.
 * `isToken(text)` says whether a string is an Authorization token (the core decodes it).
 */
export function shareableBody(body, { secret = null, token = null, isToken = () => false } = {}) {
  let text = body;
  const removed = [];
  const stripped = text.replace(AUTHORIZATION_LINE, "").replace(AUTHORIZATION_ARGUMENT, "");
  if (stripped !== text) {
    text = stripped;
    removed.push({ kind: "authorization" });
  }
  // Members whose key names a secret; scanned from the end so earlier offsets stay right.
  const members = [...text.matchAll(MEMBER)].filter((m) => isSecretKeyName(m[2].trim()));
  for (const m of members.reverse()) {
    text = cut(text, m.index, m.index + m[0].length);
    removed.unshift({ kind: "member", name: m[2].trim() });
  }
  // The token itself, or any string that decodes as one.
  const tokens = [...text.matchAll(BASE64_RUN)].filter((m) => m[0] === token || isToken(m[0]));
  for (const m of tokens.reverse()) {
    text = text.slice(0, m.index) + text.slice(m.index + m[0].length);
  }
  if (tokens.length) removed.push({ kind: "token" });
  const leaks = (value) => typeof value === "string" && value.length >= 4 && text.includes(value);
  return { body: text, removed, refused: leaks(secret) || leaks(token) ? "secret" : null };
}
