import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../../test/support/databases.js';
import {
  type AlertsHarness,
  alertsHarness,
  auditActions,
  codeOf,
  evaluation,
  fakeDirectory,
} from './fixtures.js';
import type { RaiseInput } from './raise.js';

const ANALYST = { type: 'user', id: 'u-analyst' } as const;
const MINUTE = 60_000;

let counter = 0;
/** A raise with a key of its own, so tests do not share alerts. */
function raiseInput(over: Partial<RaiseInput> = {}): RaiseInput {
  counter += 1;
  return {
    source: 'engine',
    key: `engine:velocity:${counter}`,
    subject: 'device:abc',
    severity: 'medium',
    title: { en: 'Device velocity spike', zh: '设备申请频次激增' },
    details: { hits: 12 },
    owner: 'u-owner',
    ...over,
  };
}

describeEachDialect('alert service', (dialect) => {
  let h: AlertsHarness;
  beforeAll(async () => {
    h = await alertsHarness(dialect, {
      directory: fakeDirectory({ users: ['u-owner', 'u-analyst', 'u-other'] }),
      settings: { cooldownMs: 60 * MINUTE },
    });
  });
  afterAll(() => h?.drop());
  const service = () => h.alerts.service;

  it('makes one alert of repeated raises for the same key and subject', async () => {
    const input = raiseInput();
    const first = await service().raise(input);
    expect(first.outcome).toBe('created');
    h.clock.advance(MINUTE);
    const second = await service().raise({ ...input, details: { hits: 15 } });
    const third = await service().raise(input);
    expect(second).toMatchObject({ outcome: 'repeated', upgraded: false, alert: { id: first.alert.id } });
    expect(third.alert).toMatchObject({ id: first.alert.id, occurrences: 3, details: { hits: 12 } });
    expect(third.alert.last_seen_at).toBe(new Date(h.clock.now()).toISOString());
    expect(third.alert.first_seen_at).toBe(first.alert.first_seen_at);
    const other = await service().raise({ ...input, subject: 'device:xyz' });
    expect(other.outcome).toBe('created');
    const page = await service().list({ key: input.key });
    expect(page.items).toHaveLength(2);
    expect(await auditActions(h.audit, first.alert.id)).toEqual([
      'alert.raise',
      'alert.repeat',
      'alert.repeat',
    ]);
  });

  it('makes one alert of concurrent raises', async () => {
    const input = raiseInput();
    const results = await Promise.all(Array.from({ length: 6 }, () => service().raise(input)));
    expect(new Set(results.map((r) => r.alert.id)).size).toBe(1);
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
    expect((await service().get(results[0]?.alert.id ?? '')).occurrences).toBe(6);
  });

  it('raises the severity of an active alert and tells its owner', async () => {
    const input = raiseInput({ severity: 'low' });
    const first = await service().raise(input);
    const worse = await service().raise({ ...input, severity: 'critical' });
    expect(worse).toMatchObject({ outcome: 'repeated', upgraded: true, alert: { severity: 'critical' } });
    expect(worse.alert.escalate_due_at).toBe(new Date(h.clock.now() + 15 * MINUTE).toISOString());
    const milder = await service().raise({ ...input, severity: 'medium' });
    expect(milder.alert.severity).toBe('critical');
    const inbox = await h.alerts.notifier.inbox.list('u-owner');
    const events = inbox.items.filter((i) => i.alert_id === first.alert.id).map((i) => i.event);
    expect(events.sort()).toEqual(['alert.raised', 'alert.upgraded']);
  });

  it('suppresses raises during the cooldown after resolution, unless they are worse', async () => {
    const input = raiseInput({ severity: 'high' });
    const { alert } = await service().raise(input);
    await service().resolve(alert.id, 'false positive: test device', ANALYST);
    h.clock.advance(59 * MINUTE);
    const muted = await service().raise(input);
    expect(muted).toMatchObject({ outcome: 'suppressed', alert: { id: alert.id, status: 'resolved' } });
    if (muted.outcome === 'suppressed') {
      expect(muted.until).toBe(new Date(h.clock.now() + MINUTE).toISOString());
    }
    const worse = await service().raise({ ...input, severity: 'critical' });
    expect(worse.outcome).toBe('created');
    await service().resolve(worse.alert.id, 'handled', ANALYST);
    h.clock.advance(60 * MINUTE);
    const again = await service().raise(input);
    expect(again.outcome).toBe('created');
    expect(again.alert.id).not.toBe(alert.id);
  });

  it('goes open → acknowledged → resolved with a required note, audited', async () => {
    const { alert } = await service().raise(raiseInput());
    const acked = await service().acknowledge(alert.id, ANALYST, 'looking');
    expect(acked).toMatchObject({
      status: 'acknowledged',
      acknowledged_by: ANALYST,
      escalate_due_at: null,
      version: 2,
    });
    expect(await codeOf(service().acknowledge(alert.id, ANALYST))).toBe('FK_ERR_ALERT_STATE');
    expect(await codeOf(service().resolve(alert.id, '   ', ANALYST))).toBe('FK_ERR_ALERT_NOTE_REQUIRED');
    const resolved = await service().resolve(alert.id, 'Blocked the device; confirmed fraud ring', ANALYST);
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolved_by: ANALYST,
      resolution_note: 'Blocked the device; confirmed fraud ring',
    });
    expect(await codeOf(service().resolve(alert.id, 'again', ANALYST))).toBe('FK_ERR_ALERT_STATE');
    expect(await codeOf(service().reassign(alert.id, 'u-other', ANALYST))).toBe('FK_ERR_ALERT_STATE');
    expect(await auditActions(h.audit, alert.id)).toEqual([
      'alert.raise',
      'alert.acknowledge',
      'alert.resolve',
    ]);
    const ownerInbox = await h.alerts.notifier.inbox.list('u-owner');
    expect(ownerInbox.items.filter((i) => i.alert_id === alert.id).map((i) => i.event)).toContain(
      'alert.resolved',
    );
  });

  it('reassigns to active users only and tells the new owner', async () => {
    const { alert } = await service().raise(raiseInput());
    expect(await codeOf(service().reassign(alert.id, 'u-ghost', ANALYST))).toBe('FK_ERR_ALERT_OWNER_UNKNOWN');
    const moved = await service().reassign(alert.id, 'u-other', ANALYST);
    expect(moved.owner_id).toBe('u-other');
    const inbox = await h.alerts.notifier.inbox.list('u-other');
    expect(inbox.items[0]).toMatchObject({ event: 'alert.reassigned', alert_id: alert.id });
    expect((await service().reassign(alert.id, null, ANALYST)).owner_id).toBeNull();
    expect(await auditActions(h.audit, alert.id)).toEqual([
      'alert.raise',
      'alert.reassign',
      'alert.reassign',
    ]);
    expect(await codeOf(service().get('no-such-alert'))).toBe('FK_ERR_ALERT_NOT_FOUND');
  });

  it('refuses a stale change instead of overwriting it', async () => {
    const { alert } = await service().raise(raiseInput());
    const results = await Promise.allSettled([
      service().acknowledge(alert.id, ANALYST),
      service().acknowledge(alert.id, ANALYST),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await auditActions(h.audit, alert.id)).toEqual(['alert.raise', 'alert.acknowledge']);
  });

  it('turns KRI evaluations into one alert per KRI and subject', async () => {
    const hook = h.alerts.onKriEvaluation;
    const kri = `kri_${counter++}`;
    expect(await hook(evaluation({ kri_id: kri, band: 'green', previous_band: 'green' }))).toEqual({
      outcome: 'none',
    });
    expect(await hook(evaluation({ kri_id: kri, band: 'red', previous_band: 'red' }))).toEqual({
      outcome: 'none',
    });
    const amber = await hook(evaluation({ kri_id: kri, band: 'amber', previous_band: 'green', value: 2.1 }));
    expect(amber).toMatchObject({
      outcome: 'created',
      alert: { severity: 'medium', key: `kri:${kri}`, owner_id: 'u-owner' },
    });
    const red = await hook(evaluation({ kri_id: kri, band: 'red', previous_band: 'amber', value: 3.4 }));
    expect(red).toMatchObject({
      outcome: 'repeated',
      upgraded: true,
      alert: { severity: 'high', occurrences: 2 },
    });
    const stays = await hook(evaluation({ kri_id: kri, band: 'red', previous_band: 'red', value: 3.5 }));
    expect(stays).toMatchObject({ outcome: 'repeated', alert: { occurrences: 3, details: { value: 3.5 } } });
    const green = await hook(evaluation({ kri_id: kri, band: 'green', previous_band: 'red', value: 1.0 }));
    expect(green).toEqual({ outcome: 'none' });
    const open = await h.alerts.service.list({ key: `kri:${kri}` });
    expect(open.items).toHaveLength(1);
    expect(open.items[0]?.status).toBe('open');
  });

  it('pages through alerts newest first with filters', async () => {
    const key = `page:${counter++}`;
    for (const subject of ['s1', 's2', 's3']) {
      h.clock.advance(1);
      await service().raise(raiseInput({ key, subject, severity: 'low' }));
    }
    const first = await service().list({ key, limit: 2 });
    expect(first.items.map((a) => a.subject)).toEqual(['s3', 's2']);
    const second = await service().list({ key, limit: 2, before: first.next_cursor ?? undefined });
    expect(second).toMatchObject({ items: [{ subject: 's1' }], next_cursor: null });
    expect((await service().list({ key, severity: 'high' })).items).toHaveLength(0);
    expect((await service().list({ key, status: 'open', owner: 'u-owner' })).items).toHaveLength(3);
  });

  it('refuses raises without both languages or with an unknown source', async () => {
    expect(await codeOf(service().raise(raiseInput({ title: { en: 'x', zh: ' ' } })))).toBe(
      'FK_ERR_ALERT_INVALID',
    );
    expect(await codeOf(service().raise(raiseInput({ source: 'other' as 'kri' })))).toBe(
      'FK_ERR_ALERT_INVALID',
    );
  });
});

describe('alerts resolved when their KRI is back to green (autoResolveOnGreen)', () => {
  let h: AlertsHarness;
  beforeAll(async () => {
    h = await alertsHarness('sqlite', { settings: { autoResolveOnGreen: true } });
  });
  afterAll(() => h?.drop());

  it('resolves the active alert with the system note', async () => {
    const raised = await h.alerts.onKriEvaluation(evaluation({ band: 'amber', previous_band: 'green' }));
    const back = await h.alerts.onKriEvaluation(evaluation({ band: 'green', previous_band: 'amber' }));
    expect(back).toMatchObject({
      outcome: 'resolved',
      alert: {
        status: 'resolved',
        resolved_by: { type: 'system' },
        resolution_note: expect.stringContaining('green'),
      },
    });
    if (raised.outcome !== 'none') expect(back).toMatchObject({ alert: { id: raised.alert.id } });
    expect(await h.alerts.onKriEvaluation(evaluation({ band: 'green', previous_band: 'green' }))).toEqual({
      outcome: 'none',
    });
  });
});
