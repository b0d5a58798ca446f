// Forms generated from the core's scheme table: one labelled input per field, described in the
// chosen language (schemes()[i].messageFields[j].description), and the message they make.
import { h } from "./dom.js";
import { pick, t } from "./i18n.js";

/** Decimal digits as an integer field holds them; anything else stays text, hashed as given. */
function fieldValue(info, text) {
  if (info.type === "integer" && /^(0|[1-9][0-9]*)$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  return text;
}

/**
 * Replaces the inputs of `fieldset` (its legend kept) with one row per field of `infos`.
 * `values` holds the text by field name; `idPrefix` makes the ids (`field-orderId`).
 */
export function renderFieldInputs(fieldset, infos, values, idPrefix) {
  const legend = fieldset.querySelector("legend");
  const rows = infos.map((info) => {
    const id = `${idPrefix}${info.name}`;
    const hintId = `${id}-hint`;
    const input = h("input", {
      id,
      type: "text",
      value: values[info.name] ?? "",
      spellcheck: false,
      autocomplete: "off",
      autocapitalize: "off",
      dataset: { field: info.name },
      attrs: { "aria-describedby": hintId },
    });
    if (info.type === "integer") input.inputMode = "numeric";
    const label = info.name === "checksum" ? t("fieldChecksum") : info.name;
    return h(
      "div",
      { class: "row field-row" },
      h("label", { htmlFor: id, class: "field-name" }, label, info.type === "integer" ? h("span", { class: "type", text: ` · ${t("given.integer")}` }) : null),
      input,
      h("p", { id: hintId, class: "hint", text: pick(info.description) }),
    );
  });
  fieldset.replaceChildren(legend, ...rows);
}

/** The message the form's values make: empty inputs are left out (a missing field). */
export function messageFromValues(infos, values) {
  const message = {};
  for (const info of infos) {
    const text = values[info.name];
    if (typeof text === "string" && text !== "") message[info.name] = fieldValue(info, text);
  }
  return message;
}

/** Form text for each field of a message (numbers as their digits; other values as JSON). */
export function valuesFromMessage(message) {
  const values = {};
  for (const [name, value] of Object.entries(message ?? {})) {
    if (typeof value === "string") values[name] = value;
    else if (typeof value === "number") values[name] = String(value);
    else if (value !== null && value !== undefined) values[name] = JSON.stringify(value);
  }
  return values;
}
