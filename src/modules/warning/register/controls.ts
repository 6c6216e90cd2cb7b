/**
 * The controls of a risk (reference text 三: internal control; 七: process controls): what a person
 * gives for a control checked into its stored form, and adding, replacing and removing one. A control
 * change moves the risk's version, so a grading change submitted before it (the residual grade rests
 * on the controls) becomes stale.
 */
import type { Kysely } from 'kysely';
import { canonicalJson } from '../../../kernel/canonical-json.js';
import { type Clock, isoUtc } from '../../../kernel/clock.js';
import type { Text } from '../../../kernel/i18n.js';
import type { Database } from '../../../store/schema.js';
import { transact } from '../../../store/transaction.js';
import type { Actor, AuditLog } from '../../audit/index.js';
import { checkControlId, checkFrequency, checkOwner, checkTest } from './checks.js';
import { RiskControlNotFound, RiskNotFound } from './errors.js';
import * as repo from './repo.js';
import type { RiskControlTable, RiskTable } from './tables.js';
import { bilingual } from './values.js';
import { riskTarget } from './views.js';

/** A control as a person gives it. */
export interface ControlInput {
  readonly title: Partial<Text>;
  readonly owner?: string | null | undefined;
  readonly frequency: string;
  readonly last_tested_on?: string | null | undefined;
  readonly last_result?: string | undefined;
}

type Deps = { readonly db: Kysely<Database>; readonly clock: Clock; readonly audit: AuditLog };

/** The stored row of a control as given; `FK_ERR_RISK_INVALID` naming the field otherwise. */
export function controlRow(
  riskId: string,
  id: string,
  input: ControlInput,
  path: string,
  at: string,
  today: string,
): RiskControlTable {
  const test = checkTest(input.last_result, input.last_tested_on, today, path);
  return {
    risk_id: riskId,
    id: checkControlId(id, path),
    title: canonicalJson(bilingual(input.title, `${path}.title`, 200)),
    owner: checkOwner(input.owner, `${path}.owner`),
    frequency: checkFrequency(input.frequency, `${path}.frequency`),
    last_tested_on: test.testedOn,
    last_result: test.result,
    updated_at: at,
  };
}

/** Adds or replaces a control, audited; the risk after. */
export async function putControl(
  deps: Deps,
  riskId: string,
  controlId: string,
  input: ControlInput,
  actor: Actor,
): Promise<RiskTable> {
  const at = isoUtc(deps.clock.now());
  const row = controlRow(riskId, controlId, input, 'body', at, at.slice(0, 10));
  return transact(deps.db, async (trx) => {
    const before = (await repo.controlsOf(trx, [riskId])).find((c) => c.id === controlId);
    const risk = await repo.updateRisk(trx, riskId, at, {});
    if (!risk) throw RiskNotFound(`risk ${riskId} does not exist`);
    await repo.upsertControl(trx, row);
    await deps.audit.append(trx, {
      actor,
      action: 'risk.control.put',
      target: riskTarget(riskId),
      payload: { control: controlId, before: before ?? null, after: row, version: risk.version },
    });
    return risk;
  });
}

/** Removes a control, audited; the risk after. */
export async function removeControl(
  deps: Deps,
  riskId: string,
  controlId: string,
  actor: Actor,
): Promise<RiskTable> {
  return transact(deps.db, async (trx) => {
    const risk = await repo.updateRisk(trx, riskId, isoUtc(deps.clock.now()), {});
    if (!risk) throw RiskNotFound(`risk ${riskId} does not exist`);
    const removed = await repo.deleteControl(trx, riskId, controlId);
    if (!removed) throw RiskControlNotFound(`risk ${riskId} has no control ${controlId}`);
    await deps.audit.append(trx, {
      actor,
      action: 'risk.control.remove',
      target: riskTarget(riskId),
      payload: { control: controlId, before: removed, version: risk.version },
    });
    return risk;
  });
}
