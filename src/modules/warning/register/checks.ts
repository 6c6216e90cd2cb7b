/**
 * Checks of what people give the register: ids, categories, owners, gradings and controls. Each
 * returns the normalised value or throws `FK_ERR_RISK_INVALID` naming the field.
 */
import { RiskInvalid } from './errors.js';
import { type Grading, gradeOf, isScaleStep } from './grading.js';
import {
  CATEGORY_NAME,
  CONTROL_FREQUENCIES,
  CONTROL_ID,
  CONTROL_RESULTS,
  type ControlFrequency,
  type ControlResult,
  isCalendarDate,
  RISK_ID,
} from './values.js';

function invalid(path: string, message: string): never {
  throw RiskInvalid(`${path} ${message}`, [{ path, message }]);
}

/** A risk id as given. */
export function checkRiskId(id: string, path = 'body.id'): string {
  if (!RISK_ID.test(id))
    invalid(path, 'must be an upper-case letter then 1–31 upper-case letters, digits or -');
  return id;
}

/** A control id as given. */
export function checkControlId(id: string, path = 'params.control'): string {
  if (!CONTROL_ID.test(id)) invalid(path, 'must be a letter then up to 31 letters, digits, _ or -');
  return id;
}

/** A category: one of the six risk types or a custom lower-case name. */
export function checkCategory(category: string, path = 'body.category'): string {
  if (!CATEGORY_NAME.test(category))
    invalid(
      path,
      'must be market, credit, liquidity, operational, technology, legal or a custom lower-case name',
    );
  return category;
}

/** An owner's user id, or null. */
export function checkOwner(owner: string | null | undefined, path = 'body.owner'): string | null {
  if (owner === undefined || owner === null) return null;
  const trimmed = owner.trim();
  if (trimmed === '' || trimmed.length > 100) invalid(path, 'must be a user id of 1–100 characters or null');
  return trimmed;
}

/** A grading on the 5 × 5 scales. */
export function checkGrading(grading: Grading, path: string): Grading {
  if (!isScaleStep(grading.likelihood)) invalid(`${path}.likelihood`, 'must be an integer from 1 to 5');
  if (!isScaleStep(grading.impact)) invalid(`${path}.impact`, 'must be an integer from 1 to 5');
  return { likelihood: grading.likelihood, impact: grading.impact };
}

/**
 * Residual risk is what remains after controls, so its grade cannot exceed the inherent grade (ISO
 * Guide 73:2009 §3.8.1.6); a register where it does is inconsistent and is refused.
 */
export function checkResidualWithinInherent(
  inherent: Grading,
  residual: Grading,
  path = 'body.residual',
): void {
  if (gradeOf(residual) > gradeOf(inherent)) {
    invalid(
      path,
      `grade ${gradeOf(residual)} exceeds the inherent grade ${gradeOf(inherent)}: controls cannot add risk`,
    );
  }
}

/** KRI ids linked to a risk: distinct, at most 50. */
export function checkKriIds(ids: readonly string[], path = 'body.kri_ids'): string[] {
  const out = [...new Set(ids.map((id) => id.trim()))];
  if (out.length > 50) invalid(path, 'may link at most 50 KRIs');
  if (out.some((id) => id === '')) invalid(path, 'must not hold blank ids');
  return out.sort();
}

/** A control's frequency. */
export function checkFrequency(frequency: string, path: string): ControlFrequency {
  if (!(CONTROL_FREQUENCIES as readonly string[]).includes(frequency))
    invalid(path, `must be one of ${CONTROL_FREQUENCIES.join(', ')}`);
  return frequency as ControlFrequency;
}

/**
 * A control's last test: a result and the date it was tested on. `not_tested` goes with no date and
 * every other result needs one, not in the future.
 */
export function checkTest(
  result: string | undefined,
  testedOn: string | null | undefined,
  today: string,
  path: string,
): { result: ControlResult; testedOn: string | null } {
  const r = result ?? (testedOn ? undefined : 'not_tested');
  if (r === undefined || !(CONTROL_RESULTS as readonly string[]).includes(r))
    invalid(`${path}.last_result`, `must be one of ${CONTROL_RESULTS.join(', ')}`);
  if (r === 'not_tested') {
    if (testedOn) invalid(`${path}.last_tested_on`, 'must be null when the control is not tested');
    return { result: r, testedOn: null };
  }
  if (!testedOn || !isCalendarDate(testedOn)) invalid(`${path}.last_tested_on`, 'must be a date YYYY-MM-DD');
  if (testedOn > today) invalid(`${path}.last_tested_on`, 'must not be in the future');
  return { result: r as ControlResult, testedOn };
}
