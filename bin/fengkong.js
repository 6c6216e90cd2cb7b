#!/usr/bin/env node
// Entry of the `fengkong` command: runs the compiled CLI (built by `npm ci` / `npm run build`).
import { main } from '../dist/main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`fengkong: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
