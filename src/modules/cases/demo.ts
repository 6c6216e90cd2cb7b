/**
 * The cases part of the demo workspace: the four example emergency plans, a drill of two of them
 * (one long enough ago that the plan is overdue for its next), two open cases (one past its due
 * time) and a resolved system-outage incident with its activated plan and post-incident review.
 * History is written through the services with clocks set back in time, so every record and audit
 * entry is what a real run would have left; the audit log stamps its entries with its own clock.
 */
import type { Clock } from '../../kernel/clock.js';
import { SYSTEM_ACTOR } from '../audit/index.js';
import { ActivationService } from './activation-service.js';
import { CaseService } from './case-service.js';
import { DATA_LEAK, FRAUD_WAVE, MASS_WITHDRAWAL, SYSTEM_OUTAGE } from './demo-plans.js';
import { DrillService } from './drill-service.js';
import { IncidentService } from './incident-service.js';
import { PlanService } from './plan-service.js';
import type { CasesDeps } from './ports.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Loads the demo records; returns lines to print. */
export async function loadCasesDemo(deps: CasesDeps): Promise<string[]> {
  const now = deps.clock.now();
  const at = (ms: number): CasesDeps => ({ ...deps, clock: { now: () => ms } satisfies Clock });
  const actor = SYSTEM_ACTOR;

  const old = now - 400 * DAY;
  const recent = now - 30 * DAY;
  const withdrawal = await new PlanService(at(old)).create(actor, MASS_WITHDRAWAL);
  const outage = await new PlanService(at(old)).create(actor, SYSTEM_OUTAGE);
  await new PlanService(at(recent)).create(actor, DATA_LEAK);
  await new PlanService(at(recent)).create(actor, FRAUD_WAVE);

  // Mass withdrawal drilled 200 days ago (its frequency is 180 days: overdue now); outage 40 days ago.
  await drill(at, withdrawal.id, now - 200 * DAY, [20, 45, 30, 2880, 25, 90, 100, 60], 'passed_with_gaps', [
    '备用授信提款需两个工作日，慢于预案假设 / Drawing the standby facility takes two business days, slower than the plan assumes',
    '客服话术未包含限额说明 / The call-centre script did not explain the withdrawal limits',
  ]);
  await drill(at, outage.id, now - 40 * DAY, [8, 6, 4, 35, 18, 6, 45, 90], 'passed_with_gaps', [
    '灾备库复制延迟导致切换耗时 35 分钟 / Replication lag made the failover take 35 minutes',
  ]);

  const incidentStart = now - 12 * DAY;
  const incident = await new IncidentService(at(incidentStart + 5 * MINUTE)).create(actor, {
    title: '核心数据库主节点故障导致还款代扣中断 / Primary database failure interrupted repayment debits',
    description:
      '02:10 主库磁盘故障，代扣与放款服务不可用。/ At 02:10 the primary disk failed; debits and disbursements were down.',
    type: 'system_outage',
    severity: 'SEV2',
    impacted_services: ['repayment-debit', 'disbursement', 'decision-api'],
    started_at: new Date(incidentStart).toISOString(),
  });
  const activation = await new ActivationService(at(incidentStart + 8 * MINUTE)).activate(actor, outage.id, {
    type: 'incident',
    id: incident.id,
  });
  let tick = incidentStart + 8 * MINUTE;
  for (const item of activation.items) {
    tick += (item.seq === 4 ? 32 : item.expected_minutes) * MINUTE;
    const skip = item.seq === 8;
    await new ActivationService(at(tick)).tick(
      actor,
      activation.id,
      item.seq,
      skip ? 'skipped' : 'done',
      skip ? 'SEV2，未达监管报送标准 / SEV2: below the reporting threshold' : undefined,
    );
  }
  await new IncidentService(at(incidentStart + 40 * MINUTE)).setStatus(
    actor,
    incident.id,
    'mitigated',
    '已切换至灾备库 / failed over to the standby',
  );
  await new IncidentService(at(incidentStart + 3 * 60 * MINUTE)).setStatus(
    actor,
    incident.id,
    'resolved',
    '流水核对一致，代扣已补跑 / ledgers reconciled, debits re-run',
  );
  await new IncidentService(at(incidentStart + 5 * DAY)).review(actor, incident.id, {
    summary:
      '主库磁盘故障，切换耗时 32 分钟，在 60 分钟恢复目标内；约 1,800 笔代扣延迟。/ Primary disk failure; failover took 32 minutes, within the 60-minute RTO; about 1,800 debits delayed.',
    root_cause: '磁盘健康告警未接入值班通知 / Disk health warnings were not routed to the on-call rota',
    actions: [
      {
        title: '磁盘健康告警接入值班通知 / Route disk health warnings to on-call',
        owner: 'it_oncall',
        due_date: isoDate(now + 14 * DAY),
      },
      {
        title: '缩短灾备复制延迟至 1 分钟内 / Keep replication lag under one minute',
        owner: 'dba',
        due_date: isoDate(now + 30 * DAY),
      },
    ],
  });

  const cases = new CaseService(at(now - 6 * 60 * MINUTE));
  const ring = await cases.create(actor, {
    title: '同一设备 7 天内提交 14 笔借款申请 / One device filed 14 loan applications in 7 days',
    type: 'fraud',
    priority: 'P1',
    subjects: [
      { key: 'device_id', value: 'dev-demo-7731' },
      { key: 'user_id', value: 'u-demo-1042' },
    ],
  });
  await new CaseService(at(now - 5 * 60 * MINUTE)).note(
    actor,
    ring.id,
    '申请人手机号与 3 个已拒绝账户相同 / The applicant phone matches three rejected accounts',
  );
  await new CaseService(at(now - 2 * DAY)).create(actor, {
    title:
      '借款人由 M1 滚动至 M2，反馈收入中断 / Borrower rolled from M1 to M2 after reporting loss of income',
    type: 'credit',
    priority: 'P3',
    subjects: [{ key: 'user_id', value: 'u-demo-2208' }],
  });

  const overdue = await new PlanService(deps).list();
  const late = overdue.filter((p) => p.drill_overdue).length;
  return [
    `Demo cases: 4 emergency plans, 2 drills recorded, ${late} plan overdue for a drill / 演示案件：4 个应急预案，2 次演练记录，${late} 个预案演练逾期`,
    `Demo cases: 2 open cases (1 past due), 1 resolved incident with its review / 演示案件：2 个待处理案件（1 个已逾期），1 个已复盘的事件`,
  ];
}

/** Runs one drill of `planId` starting at `startMs`, each step taking the given minutes. */
async function drill(
  at: (ms: number) => CasesDeps,
  planId: string,
  startMs: number,
  minutes: readonly number[],
  outcome: 'passed' | 'passed_with_gaps',
  gaps: readonly string[],
): Promise<void> {
  const started = await new DrillService(at(startMs)).start(
    SYSTEM_ACTOR,
    planId,
    undefined,
    '年度桌面推演 / Tabletop exercise',
  );
  let t = startMs;
  for (const s of started.steps) {
    t += (minutes[s.seq - 1] ?? s.expected_minutes) * MINUTE;
    await new DrillService(at(t)).completeStep(SYSTEM_ACTOR, started.id, s.seq);
  }
  await new DrillService(at(t + MINUTE)).finish(SYSTEM_ACTOR, started.id, outcome, gaps);
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
