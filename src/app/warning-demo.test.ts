import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import { type SessionHeaders, seedUser, sessionFor } from '../../test/support/identity.js';
import { loadCreditDemo } from './credit-demo.js';
import { loadEngineDemo } from './engine-demo.js';
import { loadLoansDemo } from './loans-demo.js';
import { loadEarlyWarningDemo } from './warning-demo.js';

describe('a new database with the demo workspace', () => {
  let t: TestApp;
  let auditor: SessionHeaders;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await loadEngineDemo(t.runtime, (example) => loadCreditDemo(t.runtime, example('loan_application.yaml')));
    await loadLoansDemo({ loans: t.runtime.loans, credit: t.runtime.credit, now: t.runtime.clock.now() });
    await loadEarlyWarningDemo(t.runtime);
    const a = await seedUser(t.runtime, { username: 'auditor', roles: ['auditor'], mfa: false });
    auditor = await sessionFor(t.runtime, a.id);
  }, 180_000);
  afterAll(() => t.close());

  const get = (url: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1${url}`,
      headers: auditor as unknown as Record<string, string>,
    });

  it('shows a populated risk register with a heat map', async () => {
    const risks = (await get('/risks')).json();
    const items = (risks.items ?? risks) as { category: string }[];
    const categories = new Set(items.map((r) => r.category));
    for (const c of ['market', 'credit', 'liquidity', 'operational', 'technology', 'legal'])
      expect(categories).toContain(c);
    const heat = (await get('/risks/heatmap')).json();
    expect(JSON.stringify(heat)).toContain('risk');
  });

  it('has KRIs across all six risk types, each with a history', async () => {
    const kris = (await get('/kris')).json();
    const list = (kris.items ?? kris) as { id: string; risk_type: string }[];
    const types = new Set(list.map((k) => k.risk_type));
    for (const c of ['market', 'credit', 'liquidity', 'operational', 'technology', 'legal'])
      expect(types).toContain(c);
    for (const k of list.slice(0, 6)) {
      const history = (await get(`/kris/${k.id}/history`)).json();
      const points = (history.points ?? history.items ?? history) as unknown[];
      expect(points.length, k.id).toBeGreaterThan(0);
    }
  });

  it('has open alerts raised by the KRI evaluations, and emergency plans', async () => {
    const alerts = (await get('/alerts?status=open')).json();
    expect(alerts.items.length).toBeGreaterThan(0);
    const plans = (await get('/plans')).json();
    expect((plans.items ?? plans).length).toBeGreaterThanOrEqual(4);
  });
});
