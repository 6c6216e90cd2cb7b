/**
 * What linked decisions and alerts bring to a case: their subjects, a title, and an urgency. An
 * alert's severity word maps to a case priority (the most urgent alert wins); a person's own subject
 * values for identity numbers, phones and cards are keyed-hashed before they are stored, as the
 * engine stores them, so a case never holds one in clear.
 */
import type { ErrorField } from '../../kernel/errors.js';
import { CaseInvalid, CaseLinkNotFound } from './errors.js';
import type { AlertSummary, CasesDeps, DecisionSummary } from './ports.js';
import { CASE_PRIORITIES, type CasePriority } from './vocabulary.js';

/** The decisions and alerts a request names, read through the ports. */
export interface Linked {
  readonly decisions: readonly DecisionSummary[];
  readonly alerts: readonly AlertSummary[];
}

/** A subject of a case. */
export interface SubjectPair {
  readonly key: string;
  readonly value: string;
}

/** Most subjects one case holds. */
export const MAX_SUBJECTS = 100;

const HASHED_KEYS: Readonly<Record<string, 'id_number' | 'phone' | 'bank_card'>> = {
  id_number: 'id_number',
  phone: 'phone',
  card: 'bank_card',
  bank_card: 'bank_card',
};
const STORED_HASH = /^[0-9a-f]{64}$/;

const SEVERITY_PRIORITY: readonly [RegExp, CasePriority][] = [
  [/^(sev ?1|p1|critical|red|emergency)$/i, 'P1'],
  [/^(sev ?2|p2|high|major|error)$/i, 'P2'],
  [/^(sev ?3|p3|medium|moderate|amber|warning)$/i, 'P3'],
  [/^(sev ?4|p4|low|minor|green|info)$/i, 'P4'],
];

/** The case priority an alert severity word suggests (P3 for a word it does not know). */
export function priorityOfSeverity(severity: string): CasePriority {
  return SEVERITY_PRIORITY.find(([pattern]) => pattern.test(severity.trim()))?.[1] ?? 'P3';
}

/** The most urgent of `priorities`, or undefined for none. */
export function mostUrgent(priorities: readonly CasePriority[]): CasePriority | undefined {
  let best: number | undefined;
  for (const p of priorities) {
    const i = CASE_PRIORITIES.indexOf(p);
    if (best === undefined || i < best) best = i;
  }
  return best === undefined ? undefined : CASE_PRIORITIES[best];
}

function unique(ids: readonly string[] | undefined): string[] {
  return [...new Set((ids ?? []).map((id) => id.trim()).filter((id) => id !== ''))];
}

/** Reads every named decision and alert; refuses, naming each, those that do not exist. */
export async function readLinks(
  deps: CasesDeps,
  decisionIds: readonly string[] | undefined,
  alertIds: readonly string[] | undefined,
): Promise<Linked> {
  const problems: ErrorField[] = [];
  const decisions: DecisionSummary[] = [];
  const alerts: AlertSummary[] = [];
  for (const [i, id] of unique(decisionIds).entries()) {
    const found = deps.decisions ? await deps.decisions.get(id) : undefined;
    if (found) decisions.push(found);
    else
      problems.push({
        path: `body.decision_ids.${i}`,
        message: deps.decisions ? `decision ${id} does not exist` : 'decisions cannot be linked here',
      });
  }
  for (const [i, id] of unique(alertIds).entries()) {
    const found = deps.alerts ? await deps.alerts.get(id) : undefined;
    if (found) alerts.push(found);
    else
      problems.push({
        path: `body.alert_ids.${i}`,
        message: deps.alerts ? `alert ${id} does not exist` : 'alerts cannot be linked here',
      });
  }
  const first = problems[0];
  if (first) throw CaseLinkNotFound(`${first.path}: ${first.message}`, problems);
  return { decisions, alerts };
}

/** A subject value as stored: hashed identifiers stay hashes; clear ones are hashed or refused. */
function storedSubject(deps: CasesDeps, key: string, raw: string, path: string): string {
  const value = raw.trim();
  const kind = HASHED_KEYS[key];
  if (!kind || STORED_HASH.test(value)) return value;
  if (!deps.hasher) {
    throw CaseInvalid(`${path} must be the keyed hash of the ${key}: clear identifiers are not stored`, [
      { path, message: 'must be a keyed hash (64 hex digits)' },
    ]);
  }
  const hashed = deps.hasher.hash(kind, value);
  if (!hashed.ok) throw CaseInvalid(`${path} ${hashed.message}`, [{ path, message: hashed.message }]);
  return hashed.value;
}

/** The subjects of linked records and those a person gave, each once, in the order first seen. */
export function mergeSubjects(
  deps: CasesDeps,
  linked: Linked,
  given: readonly SubjectPair[] | undefined,
): SubjectPair[] {
  const out = new Map<string, SubjectPair>();
  const add = (key: string, value: string) => {
    if (value !== '') out.set(`${key}\u0000${value}`, { key, value });
  };
  for (const record of [...linked.decisions, ...linked.alerts]) {
    for (const [key, value] of Object.entries(record.subject)) add(key, String(value));
  }
  for (const [i, s] of (given ?? []).entries())
    add(s.key, storedSubject(deps, s.key, s.value, `body.subjects.${i}.value`));
  if (out.size > MAX_SUBJECTS) throw CaseInvalid(`a case holds at most ${MAX_SUBJECTS} subjects`);
  return [...out.values()];
}

/** A title for a case opened from records, when the person gave none. */
export function titleOf(linked: Linked): string | undefined {
  const alert = linked.alerts[0];
  if (alert) return alert.title.slice(0, 200);
  const decision = linked.decisions[0];
  if (!decision) return undefined;
  const more = linked.decisions.length > 1 ? ` (+${linked.decisions.length - 1})` : '';
  return `${decision.event_type} ${decision.outcome}: ${decision.id}${more}`.slice(0, 200);
}
