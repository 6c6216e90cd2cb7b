/**
 * Alerts raised by the decision engine: a policy rule declared with `alert: <severity>` raises an
 * alert each time it fires on live traffic, keyed by policy and rule and deduplicated per subject
 * (the user, else the account or device), so a fraud ring hitting one rule opens one alert per
 * customer, not one per event. Runs after the decision has committed and never fails the decision.
 */
import type { Severity } from '../notify/index.js';
import type { AlertService } from './service.js';

/** What the hook reads of a committed decision (the engine's `CommittedDecision` fits). */
export interface FlaggedDecision {
  readonly decision_id: string;
  readonly event: {
    readonly id: string;
    readonly type: string;
    readonly subject: Readonly<Record<string, string>>;
  };
  readonly policy: { readonly id: string; readonly version: number } | null;
  readonly alerts: readonly {
    readonly rule_id: string;
    readonly severity: Severity;
    readonly description: { readonly en: string; readonly zh: string };
  }[];
}

/** The subject an engine alert is about: the user, else the account, device or IP, else the event. */
function subjectOf(d: FlaggedDecision): string {
  const s = d.event.subject;
  for (const key of ['user_id', 'account_id', 'device_id', 'ip']) {
    const v = s[key];
    if (typeof v === 'string' && v !== '') return `${key}:${v}`;
  }
  return `event:${d.event.id}`;
}

/** A hook for the engine's `onCommitted` that raises the alerts its rules asked for. */
export function engineAlertHook(
  service: Pick<AlertService, 'raise'>,
  log: { error(details: object, message: string): void },
): (d: FlaggedDecision) => void {
  return (d) => {
    if (d.alerts.length === 0 || !d.policy) return;
    const policy = d.policy;
    for (const a of d.alerts) {
      service
        .raise({
          source: 'engine',
          key: `engine:${policy.id}:${a.rule_id}`,
          subject: subjectOf(d),
          severity: a.severity,
          title: {
            en: `Rule ${a.rule_id} fired: ${a.description.en}`,
            zh: `规则 ${a.rule_id} 命中：${a.description.zh}`,
          },
          details: {
            decision_id: d.decision_id,
            event_id: d.event.id,
            event_type: d.event.type,
            policy: `${policy.id}@${policy.version}`,
          },
        })
        .catch((error: unknown) =>
          log.error({ err: error, decision_id: d.decision_id }, 'raising an engine alert failed'),
        );
    }
  };
}
