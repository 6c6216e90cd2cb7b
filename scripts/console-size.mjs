#!/usr/bin/env node
// Prints the gzipped size of the console's JavaScript in web/dist and fails above the budget of 1 MB
// (issue 7: the production build stays under 1 MB of JavaScript gzipped). Run after `npm run build`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 1024 * 1024;
const dist = fileURLToPath(new URL('../web/dist', import.meta.url));

/** Every file under `dir`, recursively. */
function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

let scripts;
try {
  scripts = files(dist).filter((path) => path.endsWith('.js'));
} catch {
  console.error('web/dist is missing: run `npm run build` first');
  process.exit(2);
}
let raw = 0;
let gzipped = 0;
for (const path of scripts) {
  const bytes = readFileSync(path);
  const zipped = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzipped += zipped;
  console.log(
    `${relative(dist, path).padEnd(48)} ${(bytes.length / 1024).toFixed(1).padStart(8)} kB  ${(zipped / 1024).toFixed(1).padStart(7)} kB gz`,
  );
}
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
console.log(`total JavaScript: ${kb(raw)}, gzipped ${kb(gzipped)} (budget ${kb(BUDGET_BYTES)})`);
if (gzipped > BUDGET_BYTES) {
  console.error(`the console's JavaScript is ${kb(gzipped)} gzipped, over the ${kb(BUDGET_BYTES)} budget`);
  process.exit(1);
}
