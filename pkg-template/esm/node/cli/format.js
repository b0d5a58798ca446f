// Text the CLI prints: the explain step table, a diagnosis, problems and decoded tokens.
// Everything shown comes from the core's answers; secrets arrive already masked.

/** Display width of a string in a monospace terminal (wide East Asian characters count 2). */
function width(text) {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b) continue; // controls, combining marks
    w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3)
      || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0x1f300 && cp <= 0x1faff) ? 2 : 1;
  }
  return w;
}

function pad(text, size, right = false) {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return right ? fill + text : text + fill;
}

/** Rows of cells as aligned columns; `right` lists the columns aligned to the right. */
function table(header, rows, right = []) {
  const all = [header, ...rows];
  const sizes = header.map((_, i) => Math.max(...all.map((r) => width(r[i]))));
  return all.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : pad(cell, sizes[i], right.includes(i)))).join('  ').trimEnd());
}

function problemLine(p) {
  return `${p.path || '(message)'}: ${p.code}: ${p.message}`;
}

/** The step table of an Explanation, then the pre-image size, the digest and the verdict. */
function formatExplanation(e, { schemeInfo, hex = false, revealed = false }) {
  const lines = [];
  const order = e.steps.map((s) => s.name).join(' + ');
  lines.push(`${e.scheme}: ${schemeInfo ? `${schemeInfo.message}, ` : ''}SHA-256 of ${order}`, '');
  const hidden = (s) => s.source === 'secret' && !revealed;
  const shown = (s) => {
    if (!s.present) return '(missing)';
    return hidden(s) ? `(masked: ${s.length} bytes)` : s.visible;
  };
  const rows = e.steps.map((s) => [
    String(s.index),
    s.name,
    s.source === 'field' ? s.given : s.source,
    s.present ? String(s.offset) : '-',
    s.present ? String(s.length) : '-',
    shown(s),
  ]);
  const body = table(['#', 'segment', 'given', 'offset', 'bytes', 'value (· space, → tab, ⟨…⟩ invisible)'], rows, [0, 3, 4]);
  lines.push(body[0]);
  e.steps.forEach((s, i) => {
    lines.push(body[i + 1]);
    const indent = ' '.repeat(String(e.steps.length - 1).length + 2);
    if (hex && s.present && !hidden(s)) lines.push(`${indent}hex ${s.hex}`);
    for (const w of s.warnings) lines.push(`${indent}! ${w.code}: ${w.message}`);
  });
  lines.push('');
  if (e.byteLength !== null) {
    const secretStep = e.steps.find((s) => s.source === 'secret');
    lines.push(`pre-image  ${e.byteLength} bytes${secretStep && !revealed ? ' (secret key masked)' : ''}`);
  }
  lines.push(`computed   ${e.digest ?? '(cannot compute)'}`);
  lines.push(`received   ${e.received ?? '(no checksum in the message)'}`);
  if (e.matches === true) lines.push('result     MATCH');
  else if (e.matches === false) lines.push('result     MISMATCH');
  if (e.errors.length > 0) {
    lines.push('', 'cannot compute the checksum:');
    for (const p of e.errors) lines.push(`  ${problemLine(p)}`);
  }
  const stepWarnings = new Set(e.steps.flatMap((s) => s.warnings.map((w) => `${w.path}\u0000${w.code}`)));
  const other = e.warnings.filter((w) => !stepWarnings.has(`${w.path}\u0000${w.code}`));
  if (other.length > 0) {
    lines.push('', 'warnings:');
    for (const p of other) lines.push(`  ${problemLine(p)}`);
  }
  return lines.join('\n');
}

/** A diagnosis: its one-sentence summary and each finding with what the sender hashed. */
function formatDiagnosis(d) {
  const lines = [`diagnosis  ${d.summary.en}`];
  for (const f of d.findings) {
    lines.push(`  ${f.codes.join(' + ')}${f.scheme !== d.scheme ? ` (${f.scheme})` : ''}: ${f.description.en}`);
    for (const c of f.changes) {
      // The secret key and the prefix are only described; values are shown with their code points.
      if (c.from === null && c.to === null) lines.push(`    ${c.note.en}`);
      else lines.push(`    ${c.field}: ${JSON.stringify(c.from)} -> ${c.to === null ? '(left out)' : JSON.stringify(c.to)}`);
      const x = c.difference;
      if (x && x.from !== '' && x.to !== '') lines.push(`      character ${x.index}: ${x.fromCodePoints} -> ${x.toCodePoints}`);
    }
    for (const fix of f.fixes) lines.push(`    fix: ${fix.advice.en}`);
  }
  if (d.exhausted) lines.push(`  (search stopped after ${d.tried} pre-images and ${d.hashedBytes} bytes; budget ${d.budget.variants} pre-images, ${d.budget.bytes} bytes)`);
  return lines.join('\n');
}

/** One '*' per UTF-8 byte, as the core masks a secret. */
/** A comparison of pre-images: the verdict, then both sides of the first difference. */
function formatComparison(c) {
  const lines = [`compare    ${c.summary.en}`];
  const d = c.firstDifference;
  if (d !== null) {
    for (const [label, side] of [['expected', d.expected], ['yours', d.actual]]) {
      lines.push(`  ${label.padEnd(9)}${side.before}[${side.at}]${side.after}`);
      lines.push(`  ${''.padEnd(9)}hex from byte ${side.windowStart}: ${side.hex}`);
    }
  }
  lines.push(`  lengths  expected ${c.expectedLength} bytes, yours ${c.actualLength}`);
  return lines.join('\n');
}

function mask(secret) {
  return '*'.repeat(Buffer.byteLength(secret, 'utf8'));
}

function formatDefects(defects) {
  return defects.map((d) => `  ${d.line !== null ? `line ${d.line}${d.column !== null ? `:${d.column}` : ''}: ` : ''}${d.code}: ${d.message}`).join('\n');
}

export { formatExplanation, formatDiagnosis, formatDefects, formatComparison, problemLine, mask, table };
