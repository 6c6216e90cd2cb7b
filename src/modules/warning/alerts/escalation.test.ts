import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../../test/support/databases.js';
import { type AlertsHarness, alertsHarness, auditActions, codeOf, fakeDirectory } from './fixtures.js';
import { alertEscalationJob } from './jobs.js';
import { parseAckLimits, parseEscalationChain } from './settings.js';

const MINUTE = 60_000;
const ANALYST = { type: 'user', id: 'u-analyst' } as const;
const directory = fakeDirectory({
  users: ['u-owner', 'u-boss', 'u-approver-1', 'u-approver-2', 'u-cro', 'u-orphan', 'u-analyst'],
  managers: { 'u-owner': 'u-boss' },
  roles: { approver: ['u-approver-1', 'u-approver-2'], admin: [] },
});

let n = 0;
const input = (severity: 'low' | 'medium' | 'high' | 'critical', owner: string | null = 'u-owner') => ({
  source: 'manual' as const,
  key: `esc:${n++}`,
  subject: '*',
  severity,
  title: { en: 'Decision error rate above 5%', zh: '决策错误率超过 5%' },
  owner,
});

describeEachDialect('alert escalation', (dialect) => {
  let h: AlertsHarness;
  beforeAll(async () => {
    h = await alertsHarness(dialect, {
      directory,
      settings: {
        escalationChain: [
          { kind: 'manager' },
          { kind: 'role', role: 'admin' },
          { kind: 'role', role: 'approver' },
          { kind: 'user', id: 'u-cro' },
        ],
      },
    });
  });
  afterAll(() => h?.drop());
  const service = () => h.alerts.service;

  it('escalates an unacknowledged critical alert after 15 minutes, level by level, then stops', async () => {
    const { alert } = await service().raise(input('critical'));
    const job = alertEscalationJob(service());
    expect(job).toMatchObject({ name: 'alert.escalate', everyMs: 60_000 });
    const period = { start: '2026-03-02T01:00:00.000Z', end: '2026-03-02T01:01:00.000Z' };

    h.clock.advance(15 * MINUTE - 1);
    await job.run(period);
    expect((await service().get(alert.id)).escalation_level).toBe(0);

    h.clock.advance(1);
    await job.run(period);
    const first = await service().get(alert.id);
    expect(first).toMatchObject({
      status: 'open',
      escalation_level: 1,
      escalated_at: new Date(h.clock.now()).toISOString(),
      escalated_to: { level: 1, rule: 'manager', recipients: ['u-boss'] },
      escalate_due_at: new Date(h.clock.now() + 15 * MINUTE).toISOString(),
    });
    const boss = await h.alerts.notifier.inbox.list('u-boss');
    expect(boss.items[0]).toMatchObject({ event: 'alert.escalated', alert_id: alert.id });
    expect(boss.items[0]?.body.en).toContain('Not acknowledged within 15 min');
    expect(boss.items[0]?.body.zh).toContain('未在 15 分钟 内确认');

    // Nobody holds `admin`: that level is skipped.
    h.clock.advance(15 * MINUTE);
    expect(await service().escalateOverdue()).toEqual({ escalated: 1, exhausted: 0 });
    expect((await service().get(alert.id)).escalated_to).toEqual({
      level: 3,
      rule: 'role:approver',
      recipients: ['u-approver-1', 'u-approver-2'],
    });
    expect((await h.alerts.notifier.inbox.list('u-approver-2')).unread).toBe(1);

    h.clock.advance(15 * MINUTE);
    await service().escalateOverdue();
    expect((await service().get(alert.id)).escalated_to?.rule).toBe('user:u-cro');

    h.clock.advance(15 * MINUTE);
    expect(await service().escalateOverdue()).toEqual({ escalated: 0, exhausted: 1 });
    const last = await service().get(alert.id);
    expect(last).toMatchObject({ escalation_level: 4, escalate_due_at: null });
    h.clock.advance(60 * MINUTE);
    expect(await service().escalateOverdue()).toEqual({ escalated: 0, exhausted: 0 });
    expect(await auditActions(h.audit, alert.id)).toEqual([
      'alert.raise',
      'alert.escalate',
      'alert.escalate',
      'alert.escalate',
      'alert.escalation.exhausted',
    ]);
  });

  it('uses each severity’s limit and never escalates an acknowledged alert', async () => {
    const high = await service().raise(input('high'));
    const low = await service().raise(input('low'));
    const acked = await service().raise(input('critical'));
    await service().acknowledge(acked.alert.id, ANALYST);
    h.clock.advance(60 * MINUTE);
    await service().escalateOverdue();
    expect((await service().get(high.alert.id)).escalation_level).toBe(1);
    expect((await service().get(low.alert.id)).escalation_level).toBe(0);
    expect((await service().get(acked.alert.id)).escalation_level).toBe(0);
    h.clock.advance(23 * 60 * MINUTE);
    await service().escalateOverdue();
    expect((await service().get(low.alert.id)).escalation_level).toBe(1);
    expect((await service().get(acked.alert.id)).escalation_level).toBe(0);
  });

  it('skips the manager of an alert without owner and goes to the next level', async () => {
    const { alert } = await service().raise(input('critical', null));
    h.clock.advance(15 * MINUTE);
    await service().escalateOverdue();
    expect((await service().get(alert.id)).escalated_to).toMatchObject({ level: 3, rule: 'role:approver' });
  });

  it('escalates by hand, even when acknowledged, and refuses beyond the last level', async () => {
    const { alert } = await service().raise(input('medium'));
    await service().acknowledge(alert.id, ANALYST);
    const up = await service().escalate(alert.id, ANALYST, 'needs a decision on the limit');
    expect(up).toMatchObject({
      escalation_level: 1,
      escalate_due_at: null,
      escalated_to: { recipients: ['u-boss'] },
    });
    const boss = await h.alerts.notifier.inbox.list('u-boss');
    expect(boss.items[0]?.body.en).toContain('needs a decision on the limit');
    await service().escalate(alert.id, ANALYST);
    await service().escalate(alert.id, ANALYST);
    expect(await codeOf(service().escalate(alert.id, ANALYST))).toBe('FK_ERR_ALERT_ESCALATION_EXHAUSTED');
    await service().resolve(alert.id, 'limit raised by the committee', ANALYST);
    expect(await codeOf(service().escalate(alert.id, ANALYST))).toBe('FK_ERR_ALERT_STATE');
  });

  it('queues escalations for subscribed targets', async () => {
    const { target } = await h.alerts.notifier.targets.create(
      {
        name: 'esc hook',
        kind: 'webhook',
        url: 'http://127.0.0.1:9/never-sent',
        events: ['alert.escalated'],
      },
      ANALYST,
    );
    const { alert } = await service().raise(input('critical'));
    h.clock.advance(15 * MINUTE);
    await service().escalateOverdue();
    const log = await h.alerts.notifier.deliveries.list({ target_id: target.id, alert_id: alert.id });
    expect(log.items.map((d) => [d.event, d.target_name, d.status])).toEqual([
      ['alert.escalated', 'esc hook', 'pending'],
    ]);
    await h.alerts.notifier.targets.delete(target.id, ANALYST);
  });
});

describe('escalation settings', () => {
  it('parses chains and acknowledgement limits', () => {
    expect(parseEscalationChain('manager, role:approver,user:0193-ab')).toEqual({
      chain: [{ kind: 'manager' }, { kind: 'role', role: 'approver' }, { kind: 'user', id: '0193-ab' }],
    });
    expect(parseEscalationChain('boss')).toHaveProperty('error');
    expect(parseAckLimits('critical=5, low=60')).toEqual({
      limits: { critical: 5 * MINUTE, high: 60 * MINUTE, medium: 240 * MINUTE, low: 60 * MINUTE },
    });
    expect(parseAckLimits('urgent=5')).toHaveProperty('error');
    expect(parseAckLimits('high=0')).toHaveProperty('error');
  });
});
