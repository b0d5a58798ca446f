// Places in the body box: parseLoose names a defect's place, and where a pasted Authorization
// header was written, by line and column (1-based, in characters); the box works in UTF-16
// offsets.

/** The UTF-16 range of the character at `line`, `column` of `text` (the line's end when shorter). */
export function placeRange(text, line, column) {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf("\n", start);
    if (next === -1) break;
    start = next + 1;
  }
  let at = start;
  for (let c = 1; c < column && at < text.length && text[at] !== "\n"; c++) {
    const code = text.charCodeAt(at);
    at += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  const code = text.charCodeAt(at);
  return [at, Math.min(text.length, at + (code >= 0xd800 && code <= 0xdbff ? 2 : 1))];
}

/** Selects that character in `textarea`, focused, its line scrolled into the box's view. */
export function selectPlace(textarea, line, column) {
  const [start, end] = placeRange(textarea.value, line, column);
  textarea.focus({ preventScroll: true });
  textarea.setSelectionRange(start, end);
  const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 20;
  textarea.scrollTop = Math.max(0, (line - 1) * lineHeight - textarea.clientHeight / 2);
}

/**
 * `text` without what parseLoose's `authorization` place covers (`line`:`column` to
 * `endLine`:`endColumn`, the end excluded): the header line, or the curl `-H` argument, that
 * carried the token.
 */
export function withoutPlace(text, { line, column, endLine, endColumn }) {
  const [start] = placeRange(text, line, column);
  const [end] = placeRange(text, endLine, endColumn);
  return end >= start ? text.slice(0, start) + text.slice(end) : text;
}
