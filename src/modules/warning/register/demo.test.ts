import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/databases.js';
import { type WarningHarness, warningHarness } from '../kri/fixtures.js';
import { loadWarningDemo } from './demo.js';
import { RISK_CATEGORIES } from './values.js';

describe('warning demo', () => {
  let t: TestDatabase;
  let h: WarningHarness;
  beforeEach(async () => {
    t = await createTestDatabase('sqlite');
    h = warningHarness(t.store, {}, '2026-03-04T09:30:00.000Z');
  });
  afterEach(async () => {
    await t?.drop();
  });

  it('fills a register across the six risk types and KRIs with a history, some amber or red', async () => {
    const users = { getByUsername: async (name: string) => ({ id: `u-${name}` }) };
    const lines = await loadWarningDemo({ kris: h.kris, register: h.register, clock: h.clock, users });
    expect(lines[0]).toContain('risks in the register');

    const risks = await h.register.list();
    expect(risks.length).toBeGreaterThanOrEqual(12);
    expect(new Set(risks.map((r) => r.category))).toEqual(new Set(RISK_CATEGORIES));
    expect(risks.every((r) => r.controls.length > 0 && r.owner?.startsWith('u-'))).toBe(true);
    const linked = risks.flatMap((r) => r.kri_ids);
    expect(await h.kris.missing(linked)).toEqual([]);

    const kris = await h.kris.list();
    expect(new Set(kris.map((k) => k.risk_type))).toEqual(new Set(RISK_CATEGORIES));
    for (const k of kris) expect((await h.kris.history(k.id)).points.length, k.id).toBeGreaterThanOrEqual(30);
    const bands = kris.map((k) => k.latest?.band);
    expect(bands).toContain('red');
    expect(bands).toContain('amber');
    expect(h.told.some((e) => e.detectors.some((d) => d.signal))).toBe(true);
    const coverage = await h.kris.get('liquidity.cash_coverage_30d');
    expect(coverage.latest?.value).toBeGreaterThan(1);
    expect(coverage.description.en).not.toContain('synthetic');
    expect((await h.kris.get('market.lpr_1y')).description.en).toContain('synthetic');
  });
});
