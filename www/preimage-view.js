// Renders an Explanation (the core's explain()) three ways: the pre-image as coloured, labelled
// spans (one per part, so "12"+"3" never looks like "1"+"23"), the bytes in hex grouped per part
// with the same colours, and the step table. Nothing is computed here: offsets, lengths, hex
// and the visible form of each value are the core's.
import { fill, h } from "./dom.js";
import { problemText, t } from "./i18n.js";

/** Markers explain() puts in `visible` for what cannot be seen; drawn apart from real text. */
const MARKER = /(⟨[^⟩]*⟩|[·→⍽⏎])/u;

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
  return visible
    .split(MARKER)
    .filter((part) => part !== "")
    .map((part) => (MARKER.test(part) && [...part].length <= 12 ? h("span", { class: "marker", text: part }) : part));
}

/** The value of a step as shown in the pre-image and the table. */
function valueNodes(step, revealed) {
  if (!step.present) return [h("span", { class: "placeholder", text: t("valueMissing") })];
  if (step.length === 0) return [h("span", { class: "placeholder", text: t("valueEmpty") })];
  if (step.source === "secret" && !revealed) {
    return [h("span", { class: "masked", attrs: { "aria-label": t("secretMasked") }, text: "•".repeat(step.length) })];
  }
  return visibleText(step.visible);
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

export function renderBytes(container, explanation) {
  const groups = coloured(explanation.steps).map(({ step, tone }) => {
    const pairs = step.hex === "" ? [] : step.hex.split(" ");
    return h(
      "div",
      { class: `byte-group ${tone}${step.present ? "" : " seg-missing"}`, dataset: { step: String(step.index) } },
      h(
        "div",
        { class: "byte-label" },
        h("span", { class: "byte-name", text: stepLabel(step) }),
        h("span", { class: "byte-range", text: step.present ? `@${step.offset} · ${t("bytesCount", { bytes: step.length })}` : t("valueMissing") }),
      ),
      h(
        "div",
        { class: "byte-pairs" },
        pairs.length
          ? pairs.map((pair) => h("span", { class: "byte", text: pair }))
          : h("span", { class: "placeholder", text: step.present ? t("valueEmpty") : "—" }),
      ),
    );
  });
  fill(container, groups);
}

export function renderSteps(tbody, explanation, revealed) {
  const rows = coloured(explanation.steps).map(({ step, tone }) => {
    const given = step.source === "field" ? t(`given.${step.given}`) : t(`source.${step.source}`);
    const notes = step.warnings.map((problem) =>
      h("li", { class: "note", title: problemText(problem) }, h("code", { text: problem.code })),
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
