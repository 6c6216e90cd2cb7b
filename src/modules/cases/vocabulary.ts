/**
 * The words of cases, incidents, emergency plans and drills: every kind, grade and state they can
 * take, each with its label in English and Simplified Chinese. Routes, the console and the demo
 * read the labels from here, so a word is translated once.
 */
import type { Text } from '../../kernel/i18n.js';

/** What a case is about. */
export const CASE_TYPES = ['fraud', 'credit', 'operational', 'compliance', 'other'] as const;
/** One of {@link CASE_TYPES}. */
export type CaseType = (typeof CASE_TYPES)[number];

/** How urgent a case is: P1 needs someone now, P4 can wait days. */
export const CASE_PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
/** One of {@link CASE_PRIORITIES}. */
export type CasePriority = (typeof CASE_PRIORITIES)[number];

/** Where a case is in its life. */
export const CASE_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
/** One of {@link CASE_STATUSES}. */
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * What the investigation found. `confirmed_fraud` and `false_positive` are also labels: they label
 * the linked decisions `fraud` and `legitimate` in the review queue that backtests read.
 */
export const DISPOSITIONS = [
  'confirmed_fraud',
  'false_positive',
  'credit_deterioration',
  'customer_contacted',
  'no_action',
  'other',
] as const;
/** One of {@link DISPOSITIONS}. */
export type Disposition = (typeof DISPOSITIONS)[number];

/** The kinds of incident; an emergency plan is written for one of them (its scenario). */
export const INCIDENT_TYPES = [
  'system_outage',
  'data_leak',
  'fraud_wave',
  'mass_withdrawal',
  'regulatory',
  'other',
] as const;
/** One of {@link INCIDENT_TYPES}. */
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** Incident severity: SEV1 is the worst (customers or money broadly affected). */
export const INCIDENT_SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
/** One of {@link INCIDENT_SEVERITIES}. */
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/** Where an incident is: it only moves forward, and `reviewed` needs a post-incident review. */
export const INCIDENT_STATUSES = ['open', 'mitigated', 'resolved', 'reviewed'] as const;
/** One of {@link INCIDENT_STATUSES}. */
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** The scenarios an emergency plan covers: the incident types. */
export const PLAN_SCENARIOS = INCIDENT_TYPES;
/** One of {@link PLAN_SCENARIOS}. */
export type PlanScenario = IncidentType;

/** How a drill went. */
export const DRILL_OUTCOMES = ['passed', 'passed_with_gaps', 'failed'] as const;
/** One of {@link DRILL_OUTCOMES}. */
export type DrillOutcome = (typeof DRILL_OUTCOMES)[number];

/** What became of one checklist item of an activated plan. */
export const CHECKLIST_STATUSES = ['pending', 'done', 'skipped'] as const;
/** One of {@link CHECKLIST_STATUSES}. */
export type ChecklistStatus = (typeof CHECKLIST_STATUSES)[number];

/** Labels of every word above, by word. */
export const LABELS: Readonly<Record<string, Text>> = {
  fraud: { en: 'Fraud', zh: '欺诈' },
  credit: { en: 'Credit', zh: '信用' },
  operational: { en: 'Operational', zh: '操作' },
  compliance: { en: 'Compliance', zh: '合规' },
  other: { en: 'Other', zh: '其他' },
  P1: { en: 'P1 – urgent', zh: 'P1 – 紧急' },
  P2: { en: 'P2 – high', zh: 'P2 – 高' },
  P3: { en: 'P3 – medium', zh: 'P3 – 中' },
  P4: { en: 'P4 – low', zh: 'P4 – 低' },
  open: { en: 'Open', zh: '待处理' },
  in_progress: { en: 'In progress', zh: '处理中' },
  resolved: { en: 'Resolved', zh: '已解决' },
  closed: { en: 'Closed', zh: '已关闭' },
  confirmed_fraud: { en: 'Confirmed fraud', zh: '确认欺诈' },
  false_positive: { en: 'False positive', zh: '误报' },
  credit_deterioration: { en: 'Credit deterioration', zh: '信用恶化' },
  customer_contacted: { en: 'Customer contacted', zh: '已联系客户' },
  no_action: { en: 'No action needed', zh: '无需处理' },
  system_outage: { en: 'System outage', zh: '系统故障' },
  data_leak: { en: 'Data leak', zh: '数据泄露' },
  fraud_wave: { en: 'Fraud wave', zh: '集中欺诈' },
  mass_withdrawal: { en: 'Mass withdrawal', zh: '集中挤兑' },
  regulatory: { en: 'Regulatory', zh: '监管事件' },
  SEV1: { en: 'SEV1 – critical', zh: 'SEV1 – 特别重大' },
  SEV2: { en: 'SEV2 – major', zh: 'SEV2 – 重大' },
  SEV3: { en: 'SEV3 – moderate', zh: 'SEV3 – 较大' },
  SEV4: { en: 'SEV4 – minor', zh: 'SEV4 – 一般' },
  mitigated: { en: 'Mitigated', zh: '已缓解' },
  reviewed: { en: 'Reviewed', zh: '已复盘' },
  passed: { en: 'Passed', zh: '通过' },
  passed_with_gaps: { en: 'Passed with gaps', zh: '通过但有缺陷' },
  failed: { en: 'Failed', zh: '未通过' },
  pending: { en: 'Pending', zh: '待完成' },
  done: { en: 'Done', zh: '已完成' },
  skipped: { en: 'Skipped', zh: '已跳过' },
};

/** The label of `word`, or the word itself in both languages when it has none. */
export function labelOf(word: string): Text {
  return LABELS[word] ?? { en: word, zh: word };
}

/** Whether `value` is one of `words` (narrows it). */
export function isOneOf<const W extends readonly string[]>(words: W, value: string): value is W[number] {
  return (words as readonly string[]).includes(value);
}

/**
 * How long a case of each priority may stay unresolved before it is overdue, in hours, unless the
 * installation sets its own: P1 4 hours, P2 1 day, P3 3 days, P4 5 days.
 */
export const DEFAULT_DUE_HOURS: Readonly<Record<CasePriority, number>> = {
  P1: 4,
  P2: 24,
  P3: 72,
  P4: 120,
};
