// Renders an Explanation (the core's explain()) three ways: the pre-image as coloured, labelled
// spans (one per part, so "12"+"3" never looks like "1"+"23"), the bytes in hex grouped per part
// with the same colours, and the step table. Nothing is computed here: offsets, lengths, hex
// and the visible form of each value are the core's.
//
// These views are drawn after the verdict, and stay small whatever the body: a long value shows
// its first characters and a long byte run its first bytes, each with a button for more; bytes
// are lines of text, never one element per byte.
import { fill, h } from "./dom.js";
import { saidText, t } from "./i18n.js";

/** Markers explain() puts in `visible` for what cannot be seen; drawn apart from real text. */
const MARKER = /(⟨[^⟩]*⟩|[·→⍽⏎])/u;
/** Characters of a value shown before it is collapsed, and added per "show more". */
export const VALUE_CHARS = 160;
const VALUE_STEP = 8192;
/** Bytes of a part shown before it is collapsed, and added per "show more"; bytes per line. */
export const BYTES_SHOWN = 64;
const BYTES_STEP = 4096;
const BYTES_PER_LINE = 16;
/** Past this many markers, a shown value is plain text (one node), markers not set apart. */
const MARKER_NODES = 2000;

/** The colour class of a step: the secret and the literal have their own, fields alternate. */
function colour(step, fieldIndex) {
  if (step.source === "secret") return "seg-secret";
  if (step.source === "literal") return "seg-literal";
  return `seg-c${fieldIndex % 6}`;
}

/** Each step with its colour class, fields numbered apart from the prefix. */
function coloured(steps) {
  let fieldIndex = 0;
  return steps.map((step) => ({ step, tone: colour(step, step.source === "field" ? fieldIndex++ : 0) }));
}

/** `visible` text with its markers wrapped so CSS can set them apart from real characters. */
function visibleText(visible) {
  const parts = visible.split(MARKER).filter((part) => part !== "");
  if (parts.length > MARKER_NODES) return [visible];
  return parts.map((part) => (MARKER.test(part) && part.length <= 24 ? h("span", { class: "marker", text: part }) : part));
}

/** The first `count` code points of `text` (without splitting a surrogate pair), and whether more follow. */
function head(text, count) {
  if (text.length <= count) return { shown: text, rest: 0 };
  let end = 0;
  let points = 0;
  while (end < text.length && points < count) {
    const code = text.charCodeAt(end);
    end += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    points += 1;
  }
  if (end >= text.length) return { shown: text, rest: 0 };
  let rest = 0;
  for (let i = end; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!(code >= 0xdc00 && code <= 0xdfff)) rest += 1;
  }
  return { shown: text.slice(0, end), rest };
}

/**
 * A long `visible` value: its head, then "N more characters" and a button that shows more.
 * `cut`: the Worker sent only the value's first part (the rest is in the pre-image's Copy).
 */
function collapsible(visible, cut, limit = VALUE_CHARS) {
  const holder = h("span", { class: "collapsible" });
  const draw = (count) => {
    const { shown, rest } = head(visible, count);
    fill(
      holder,
      visibleText(shown),
      rest
        ? [
            h("span", { class: "cut", text: ` … ${t("moreChars", { count: rest })}` }),
            h("button", { type: "button", class: "more", text: t("showMore"), on: { click: () => draw(count + VALUE_STEP) } }),
          ]
        : cut
          ? h("span", { class: "cut", text: ` … ${t("restInCopy")}` })
          : null,
    );
  };
  draw(limit);
  return holder;
}

/** The value of a step as shown in the pre-image and the table. */
function valueNodes(step, revealed) {
  if (!step.present) return [h("span", { class: "placeholder", text: t("valueMissing") })];
  if (step.length === 0) return [h("span", { class: "placeholder", text: t("valueEmpty") })];
  if (step.source === "secret" && !revealed) {
    return [h("span", { class: "masked", attrs: { "aria-label": t("secretMasked") }, text: "•".repeat(Math.min(step.length, VALUE_CHARS)) })];
  }
  return [collapsible(step.visible, step.cut)];
}

function stepLabel(step) {
  if (step.source === "secret") return t("source.secret");
  return step.name;
}

export function renderPreimage(container, sizeLine, explanation, revealed) {
  const parts = coloured(explanation.steps).map(({ step, tone }) =>
    h(
      "span",
      {
        class: `seg ${tone}${step.present ? "" : " seg-missing"}${step.warnings.length ? " seg-warn" : ""}`,
        dataset: { step: String(step.index), name: step.name },
        attrs: {
          role: "listitem",
          "aria-label": t("segmentLabel", { name: stepLabel(step), bytes: step.length, offset: step.offset }),
        },
      },
      h("span", { class: "seg-label", attrs: { "aria-hidden": "true" }, text: stepLabel(step) }),
      h("span", { class: "seg-value" }, valueNodes(step, revealed)),
    ),
  );
  fill(container, parts);
  sizeLine.textContent =
    explanation.byteLength === null
      ? t("preimageIncomplete")
      : t("preimageSize", { bytes: explanation.byteLength, parts: explanation.steps.length });
}

/** Hex pairs ("e1 ba 87 …") as lines of BYTES_PER_LINE pairs, one text node. */
function hexLines(hex, pairs) {
  const width = BYTES_PER_LINE * 3;
  const text = hex.slice(0, Math.max(0, pairs * 3 - 1));
  const lines = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width).trimEnd());
  return lines.join("\n");
}

/** The bytes of one part: the first BYTES_SHOWN, then a button for more. */
function bytePairs(step) {
  const holder = h("div", { class: "byte-pairs" });
  const total = step.hex === "" ? 0 : (step.hex.length + 1) / 3;
  const draw = (count) => {
    const shown = Math.min(count, total);
    fill(
      holder,
      total === 0 ? h("span", { class: "placeholder", text: step.present ? t("valueEmpty") : "—" }) : h("span", { class: "byte-hex", text: hexLines(step.hex, shown) }),
      shown < total
        ? [
            h("span", { class: "cut", text: ` … ${t("moreBytes", { count: (step.cut ? step.length : total) - shown })}` }),
            h("button", { type: "button", class: "more", text: t("showMore"), on: { click: () => draw(shown + BYTES_STEP) } }),
          ]
        : step.cut
          ? h("span", { class: "cut", text: ` … ${t("restInCopy")}` })
          : null,
    );
  };
  draw(BYTES_SHOWN);
  return holder;
}

export function renderBytes(container, explanation) {
  const groups = coloured(explanation.steps).map(({ step, tone }) =>
    h(
      "div",
      { class: `byte-group ${tone}${step.present ? "" : " seg-missing"}`, dataset: { step: String(step.index) } },
      h(
        "div",
        { class: "byte-label" },
        h("span", { class: "byte-name", text: stepLabel(step) }),
        h("span", { class: "byte-range", text: step.present ? `@${step.offset} · ${t("bytesCount", { bytes: step.length })}` : t("valueMissing") }),
      ),
      bytePairs(step),
    ),
  );
  fill(container, groups);
}

export function renderSteps(tbody, explanation, revealed) {
  const rows = coloured(explanation.steps).map(({ step, tone }) => {
    const given = step.source === "field" ? t(`given.${step.given}`) : t(`source.${step.source}`);
    // Notes as visible text, not tooltips: a keyboard or touch user reads them too.
    const notes = step.warnings.map((problem) =>
      h("li", { class: "note" }, h("code", { text: problem.code }), " ", h("span", { class: "note-text", text: saidText(problem) })),
    );
    return h(
      "tr",
      { dataset: { step: String(step.index), given: step.given }, class: step.present ? "" : "row-missing" },
      h("td", { class: "num", text: String(step.index + 1) }),
      h("th", { scope: "row" }, h("span", { class: `swatch ${tone}`, attrs: { "aria-hidden": "true" } }), h("code", { text: step.name })),
      h("td", { class: `given given-${step.given}`, text: given }),
      h("td", { class: "value" }, h("span", { class: `seg-value ${tone}` }, valueNodes(step, revealed))),
      h("td", { class: "num", text: step.present ? String(step.offset) : "—" }),
      h("td", { class: "num", text: step.present ? String(step.length) : "—" }),
      h("td", { class: "num", text: step.present ? String(step.chars) : "—" }),
      h("td", { class: "notes" }, notes.length ? h("ul", {}, notes) : ""),
    );
  });
  fill(tbody, rows);
}

/** Hovering a part anywhere highlights the same part in the pre-image, bytes and table. */
export function linkHighlights(root) {
  let current = null;
  const set = (index) => {
    if (index === current) return;
    for (const element of root.querySelectorAll(".is-linked")) element.classList.remove("is-linked");
    current = index;
    if (index === null) return;
    for (const element of root.querySelectorAll(`[data-step="${CSS.escape(index)}"]`)) element.classList.add("is-linked");
  };
  root.addEventListener("pointerover", (event) => set(event.target.closest?.("[data-step]")?.dataset.step ?? null));
  root.addEventListener("pointerleave", () => set(null));
}
