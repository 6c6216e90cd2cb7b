/**
 * How stored policy documents are compiled in this installation: against the event type's data
 * schema, the built-in subject keys, the lists that exist and the model kinds the models module
 * knows. Saving, deploying, backtesting and `fengkong decide` share it, so a policy that saved
 * compiles the same everywhere.
 */
import type { CompiledPolicy } from '../contracts.js';
import { SUBJECT_KEYS } from '../events/builtin.js';
import type { EventTypes } from '../events/event-types.js';
import { createModel } from '../models/index.js';
import { compilePolicy, type PolicyDocument } from '../policy/index.js';

/** A problem of a policy, with its path in the document. */
export interface PolicyProblem {
  readonly path: string;
  readonly message: string;
}

/** Compiles `document` as version `version`, or lists every problem. */
export function compileStored(
  document: PolicyDocument,
  version: number,
  types: EventTypes,
  knownLists: readonly string[],
): { ok: true; policy: CompiledPolicy } | { ok: false; problems: PolicyProblem[] } {
  const type = types.get(document.event_type);
  if (!type) {
    return {
      ok: false,
      problems: [{ path: 'event_type', message: `${document.event_type} is not a declared event type` }],
    };
  }
  const result = compilePolicy(document, {
    version,
    dataSchema: type.schema as Record<string, unknown>,
    subjectKeys: SUBJECT_KEYS,
    knownLists,
    createModel,
  });
  return result.ok ? result : { ok: false, problems: [...result.problems] };
}
