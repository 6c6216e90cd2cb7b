import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFengkong } from '../../test/support/cli.js';
import { TEST_POLICIES } from '../../test/support/engine.js';

let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fk-backtest-'));
  writeFileSync(file('tx.yaml'), TEST_POLICIES['transaction-velocity'] ?? '');
  writeFileSync(
    file('tx-strict.yaml'),
    (TEST_POLICIES['transaction-velocity'] ?? '').replace(
      'features.tx_count_user_1h > 5.0',
      'features.tx_count_user_1h > 2.0',
    ),
  );
  const sim = await runFengkong([
    'simulate',
    '--events',
    '4000',
    '--seed',
    '11',
    '--out',
    file('events.ndjson'),
  ]);
  expect(sim.code).toBe(0);
  writeFileSync(
    file('one.json'),
    JSON.stringify({
      type: 'transaction',
      id: 'one',
      occurred_at: '2026-11-01T10:00:00Z',
      subject: { user_id: 'u1', device_id: 'd1' },
      data: { amount: 6000, kind: 'transfer' },
    }),
  );
  writeFileSync(
    file('history.ndjson'),
    [1, 2, 3, 4, 5]
      .map((i) =>
        JSON.stringify({
          type: 'transaction',
          id: `h${i}`,
          occurred_at: `2026-11-01T09:5${i}:00Z`,
          subject: { user_id: 'u1', device_id: 'd1' },
          data: { amount: 10, kind: 'payment' },
        }),
      )
      .join('\n'),
  );
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fengkong backtest', () => {
  it('replays a simulated stream, counts every outcome and rule, and measures against the labels', async () => {
    const run = await runFengkong([
      'backtest',
      '--policy',
      file('tx.yaml'),
      '--events',
      file('events.ndjson'),
      '--label',
      'label.fraud',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.events).toBeGreaterThan(0);
    expect(r.events + r.warmup_events).toBe(4000);
    expect(r.outcomes.approve + r.outcomes.review + r.outcomes.reject).toBe(r.events);
    expect(r.labelled).toBe(r.events);
    expect(r.rules.map((x: { rule_id: string }) => x.rule_id).sort()).toEqual([
      'big_day',
      'burst',
      'rapid_fire',
      'shared_device',
    ]);
    const burst = r.rules.find((x: { rule_id: string }) => x.rule_id === 'burst');
    expect(burst.tp + burst.fp).toBe(burst.hits);
    expect(r.skipped_lines).toBe(0);
  });

  it('compares with a baseline: only stricter changes when the burst threshold drops', async () => {
    const run = await runFengkong([
      'backtest',
      '--policy',
      file('tx-strict.yaml'),
      '--baseline',
      file('tx.yaml'),
      '--events',
      file('events.ndjson'),
      '--json',
    ]);
    const r = JSON.parse(run.stdout);
    expect(r.comparison.looser).toBe(0);
    expect(r.comparison.changed).toBe(r.comparison.stricter);
    expect(r.outcomes.review).toBeGreaterThanOrEqual(r.comparison.outcomes.review);
  });

  it('gives the same report twice (same code, same order, point in time)', async () => {
    const args = ['backtest', '--policy', file('tx.yaml'), '--events', file('events.ndjson'), '--json'];
    const a = JSON.parse((await runFengkong(args)).stdout);
    const b = JSON.parse((await runFengkong(args)).stdout);
    for (const r of [a, b]) {
      r.elapsed_ms = 0;
      r.events_per_second = 0;
    }
    expect(a).toEqual(b);
  });

  it('refuses a missing file or a broken policy with one line and exit 1', async () => {
    const missing = await runFengkong([
      'backtest',
      '--policy',
      file('nope.yaml'),
      '--events',
      file('events.ndjson'),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^fengkong: .*nope\.yaml: no such file\n$/);
    writeFileSync(file('bad.yaml'), 'id: x\nevent_type: transaction\nrules: 7\n');
    const bad = await runFengkong([
      'backtest',
      '--policy',
      file('bad.yaml'),
      '--events',
      file('events.ndjson'),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.split('\n')).toHaveLength(2);
  });
});

describe('fengkong decide', () => {
  it('decides one event offline, with history feeding the windows', async () => {
    const alone = JSON.parse(
      (await runFengkong(['decide', '--policy', file('tx.yaml'), '--event', file('one.json'), '--json']))
        .stdout,
    );
    expect(alone.outcome).toBe('approve');
    expect(alone.features.tx_count_user_1h).toBe(1);
    const withHistory = await runFengkong([
      'decide',
      '--policy',
      file('tx.yaml'),
      '--event',
      file('one.json'),
      '--history',
      file('history.ndjson'),
      '--lang',
      'zh',
    ]);
    expect(withHistory.code).toBe(0);
    expect(withHistory.stdout).toContain('outcome / 结果: review');
    expect(withHistory.stdout).toContain('一小时内支付超过5笔');
  });
});
