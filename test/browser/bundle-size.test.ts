/**
 * The console's production build stays under 1 MB of JavaScript gzipped (issue 7), measured on the
 * `web/dist` that `npm test` builds first, by the same script people run: `npm run console:size`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness.js';

describe('console bundle', () => {
  it('ships under 1 MB of JavaScript gzipped', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'console-size.mjs')], {
      encoding: 'utf8',
    });
    const total = run.stdout.split('\n').find((line) => line.startsWith('total JavaScript'));
    console.log(total ?? run.stdout);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
