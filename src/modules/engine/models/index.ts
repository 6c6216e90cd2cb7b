/**
 * The model kinds of the decision engine behind the `Model` port: `logistic`, `linear`, `scorecard`
 * (a verified `fengkong.scorecard/v1` card) and `onnx` (through ONNX Runtime, when installed). The policy compiler
 * calls {@link createModel} once per declaration at publish time; scoring then never parses or checks.
 */
import type { ErrorField } from '../../../kernel/errors.js';
import { fieldPath, unknownFields } from './input-path.js';
import { createLinearModel } from './linear.js';
import type { CreateModelResult } from './model-result.js';
import { createOnnxModel } from './onnx.js';
import { compileScorecard } from './scorecard.js';
import { loadScorecard, readScorecard } from './scorecard-file.js';
import type { ScorecardDocument } from './scorecard-format.js';

export { ScorecardInvalid } from './errors.js';
export type { InputAccessor, MissingPolicy } from './input-path.js';
export { compileInputPath } from './input-path.js';
export { logistic } from './linear.js';
export type { CreateModelResult, DeclaredModel } from './model-result.js';
export { ONNX_MISSING_MESSAGE } from './onnx.js';
export type { ScalingConstants, WoeRegression } from './scaling.js';
export { oddsAtScore, scalingConstants, scoreAtOdds, scorecardPointsFromModel } from './scaling.js';
export type { BinPlace, ScorecardModel, VariableScore } from './scorecard.js';
export { compileScorecard, isScorecardModel } from './scorecard.js';
export type { ScorecardLoadResult } from './scorecard-file.js';
export {
  loadScorecard,
  readScorecard,
  scorecardChecksum,
  sealScorecard,
  writeScorecard,
} from './scorecard-file.js';
export * from './scorecard-format.js';
export type { ScorecardReason } from './scorecard-reasons.js';
export { scorecardReasons } from './scorecard-reasons.js';

/** What models may refer to: the published scorecards by registered name. */
export interface ModelEnvironment {
  readonly scorecards: ReadonlyMap<string, ScorecardDocument>;
}

const NO_REGISTRY: ModelEnvironment = { scorecards: new Map() };

/** The kinds {@link createModel} knows. */
export const MODEL_KINDS = ['logistic', 'linear', 'scorecard', 'onnx'] as const;

/**
 * Builds a model from its policy declaration (`decl` has at least `name` and `kind`), or returns every
 * problem found, each with a path below `path` (the declaration's place in the policy, `models[0]`).
 */
export function createModel(
  decl: Record<string, unknown>,
  path: string,
  env: ModelEnvironment = NO_REGISTRY,
): CreateModelResult {
  const kind = decl['kind'];
  switch (kind) {
    case 'logistic':
    case 'linear':
      return createLinearModel(decl, path, kind);
    case 'scorecard':
      return createScorecardModel(decl, path, env);
    case 'onnx':
      return createOnnxModel(decl, path);
    default:
      return {
        ok: false,
        problems: [{ path: fieldPath(path, 'kind'), message: `must be one of ${MODEL_KINDS.join(', ')}` }],
      };
  }
}

/**
 * `{ name, kind: 'scorecard', scorecard: NAME }` scores with the published version of the registered
 * card NAME; `{ name, kind: 'scorecard', card }` with an inline card (the document itself or its file
 * text). Either way the card is verified (format rules and checksum) before it may score.
 */
function createScorecardModel(
  decl: Record<string, unknown>,
  path: string,
  env: ModelEnvironment,
): CreateModelResult {
  const problems: ErrorField[] = unknownFields(decl, ['name', 'kind', 'card', 'scorecard'], path);
  const name = decl['name'];
  if (typeof name !== 'string' || name.length === 0) {
    problems.push({ path: fieldPath(path, 'name'), message: 'must be a non-empty string' });
  }
  const registered = decl['scorecard'];
  if (registered !== undefined) {
    const at = fieldPath(path, 'scorecard');
    if (decl['card'] !== undefined) {
      problems.push({ path: at, message: 'give either scorecard (a registered name) or card, not both' });
    }
    const published = typeof registered === 'string' ? env.scorecards.get(registered) : undefined;
    if (typeof registered !== 'string') problems.push({ path: at, message: 'must be a scorecard name' });
    else if (!published) {
      problems.push({
        path: at,
        message: `${registered} is not a registered scorecard with a published version`,
      });
    }
    if (problems.length > 0 || !published) return { ok: false, problems };
    return { ok: true, model: compileScorecard(published, name as string, { source: registered as string }) };
  }
  const card = decl['card'];
  const at = fieldPath(path, 'card');
  if (card === undefined) {
    problems.push({
      path: at,
      message: 'is required: the scorecard document or its JSON text (or scorecard: a registered name)',
    });
    return { ok: false, problems };
  }
  const loaded = typeof card === 'string' ? readScorecard(card, at) : loadScorecard(card, at);
  if (!loaded.ok) problems.push(...loaded.problems);
  if (problems.length > 0 || !loaded.ok) return { ok: false, problems };
  return { ok: true, model: compileScorecard(loaded.card, name as string) };
}
