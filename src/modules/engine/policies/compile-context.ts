/**
 * How stored policy documents are compiled in this installation: against the event type's data
 * schema, the built-in subject keys, the lists that exist and the model kinds the models module
 * knows. Saving, deploying, backtesting and `fengkong decide` share it, so a policy that saved
 * compiles the same everywhere.
 */
import type { Executor } from '../../../store/transaction.js';
import type { CompiledPolicy } from '../contracts.js';
import { SUBJECT_KEYS } from '../events/builtin.js';
import type { EventTypes } from '../events/event-types.js';
import { createModel, type ScorecardDocument } from '../models/index.js';
import { compilePolicy, type PolicyDocument } from '../policy/index.js';
import { listNames } from './repo.js';

/**
 * The published scorecards by registered name, as the credit module's registry provides them; a
 * policy's `{ kind: scorecard, scorecard: NAME }` model scores with the published version of NAME.
 */
export type ScorecardSource = (db: Executor) => Promise<ReadonlyMap<string, ScorecardDocument>>;

/** What a policy may refer to besides its event type: the lists that exist and the published cards. */
export interface CompileEnvironment {
  readonly knownLists: readonly string[];
  readonly scorecards: ReadonlyMap<string, ScorecardDocument>;
}

/** Nothing registered: what offline tools compile against when they have no database. */
export function offlineEnvironment(knownLists: readonly string[]): CompileEnvironment {
  return { knownLists, scorecards: new Map() };
}

/** The lists and published scorecards of the installation, read now. */
export async function compileEnvironment(
  db: Executor,
  scorecards?: ScorecardSource,
): Promise<CompileEnvironment> {
  const [knownLists, cards] = await Promise.all([
    listNames(db),
    scorecards ? scorecards(db) : Promise.resolve(new Map<string, ScorecardDocument>()),
  ]);
  return { knownLists, scorecards: cards };
}

/** A string that changes whenever a published card does (policies compiled before must be rebuilt). */
export function scorecardSignature(env: CompileEnvironment): string {
  return [...env.scorecards].map(([name, card]) => `${name}=${card.checksum}`).join(',');
}

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
  env: CompileEnvironment,
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
    knownLists: env.knownLists,
    createModel: (decl, path) => createModel(decl, path, { scorecards: env.scorecards }),
  });
  return result.ok ? result : { ok: false, problems: [...result.problems] };
}
