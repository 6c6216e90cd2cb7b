/**
 * What the model factory hands back to the policy compiler: a ready model, or every problem found in
 * its declaration, each naming its field (`models[0].coefficients["data.amount"]`), so a policy
 * author fixes them all in one pass.
 */
import type { ErrorField } from '../../../kernel/errors.js';
import type { Model } from '../contracts.js';

/**
 * A model as the factory builds it: the {@link Model} port plus the input paths it reads, so the
 * policy compiler can check that each `features.x` is declared and each `models.y` is scored before it.
 */
export interface DeclaredModel extends Model {
  /** The input paths the model reads (`features.x`, `data.a.b`, `subject.k`, `models.m`), in declaration order. */
  readonly inputs: readonly string[];
}

/** The result of building a model from its declaration. */
export type CreateModelResult =
  | { readonly ok: true; readonly model: DeclaredModel }
  | { readonly ok: false; readonly problems: readonly ErrorField[] };
