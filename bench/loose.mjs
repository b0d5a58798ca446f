#!/usr/bin/env node
// How long parseLoose() takes on big bodies full of defects, with the built package (pkg/, `make
// pkg`): 1 MB of unquoted keys, single-quoted strings and trailing commas (a defect every few
// bytes), 1 MB of strict JSON, and a single 1 MB value. The debugger page runs parseLoose on
// every input, so this must stay well under a second. Medians of several rounds; it prints
// figures and never fails on speed.
//
// Usage: node bench/loose.mjs      BENCH_ROUNDS=n (default 5), LGSP_PKG_DIR=<dir> for another build.
import { loadPackage } from './support/built-package.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const lib = loadPackage();

const MB = 1 << 20;
function defective() {
  const lines = ['{'];
  let size = 2;
  for (let k = 0; size < MB; k++) {
    const line = `  key${k}: 'Thanh toán ${k}', /* c */`;
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return `${lines.join('\n')}\n}`;
}
function strict() {
  const body = {};
  let size = 2;
  for (let k = 0; size < MB; k++) {
    body[`key${k}`] = `Thanh toán ${k}`;
    size += Buffer.byteLength(`"key${k}":"Thanh toán ${k}",`);
  }
  return JSON.stringify(body, null, 1);
}
const inputs = [
  ['1 MB of defects', defective()],
  ['1 MB of strict JSON', strict()],
  ['one 1 MB value', JSON.stringify({ orderInfo: 'Thanh toán tiền điện '.repeat(MB / 26) })],
];

console.log('input'.padEnd(22), 'bytes'.padStart(9), 'defects'.padStart(8), 'median ms'.padStart(10), 'max ms'.padStart(8));
for (const [name, text] of inputs) {
  const times = [];
  let result;
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    result = lib.parseLoose(text);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(name.padEnd(22), String(Buffer.byteLength(text)).padStart(9), String(result.defects.length).padStart(8),
    times[times.length >> 1].toFixed(1).padStart(10), times[times.length - 1].toFixed(1).padStart(8));
}
