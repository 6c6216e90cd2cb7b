/**
 * Static green / amber / red bands of a KRI with hysteresis, so that a value hovering at a line
 * does not flap between bands (the dead band of an on–off controller, applied to an alarm limit as
 * ISA-18.2 / IEC 62682 recommend for alarm deadbands).
 *
 * For a higher-is-worse KRI, a value at or above the red line is red, at or above the amber line
 * amber, else green: entering a worse band happens as soon as the value reaches its line. Going back
 * to a better band needs the value to be better than the line by at least the margin: a KRI that was
 * red stays red while value > red − margin, and one that was amber or red stays at least amber while
 * value > amber − margin. A lower-is-worse KRI is the mirror image (lines crossed from above,
 * margins added). The margin is absolute, or a share of each line's absolute value; 0 means no
 * hysteresis. The first evaluation (no previous band) is judged on the lines alone.
 */
import type { Text } from '../../../kernel/i18n.js';
import type { Band } from '../kri-evaluation.js';

/** Which way a KRI gets worse. */
export type KriDirection = 'higher_is_worse' | 'lower_is_worse';

/** The hysteresis margin: a fixed amount in the KRI's unit, or a share (0–1) of each line. */
export type HysteresisMargin =
  | { readonly kind: 'absolute'; readonly value: number }
  | { readonly kind: 'share'; readonly value: number };

/** A KRI's static thresholds. amber may equal red (no amber band). */
export interface StaticThresholds {
  readonly direction: KriDirection;
  readonly amber: number;
  readonly red: number;
  /** Default: no hysteresis. */
  readonly hysteresis?: HysteresisMargin;
}

const RANK: Readonly<Record<Band, number>> = { green: 0, amber: 1, red: 2 };
const BANDS: readonly Band[] = ['green', 'amber', 'red'];

/** What is wrong with the thresholds, in both languages (empty when they are valid). */
export function thresholdProblems(t: StaticThresholds): Text[] {
  const problems: Text[] = [];
  if (t.direction !== 'higher_is_worse' && t.direction !== 'lower_is_worse') {
    problems.push({
      en: 'direction must be higher_is_worse or lower_is_worse',
      zh: '方向必须是 higher_is_worse（越高越差）或 lower_is_worse（越低越差）',
    });
  }
  if (!Number.isFinite(t.amber) || !Number.isFinite(t.red)) {
    problems.push({
      en: 'the amber and red lines must be finite numbers',
      zh: '黄色与红色阈值必须是有限数值',
    });
  } else if (t.direction === 'higher_is_worse' && t.amber > t.red) {
    problems.push({
      en: `for higher-is-worse the amber line (${t.amber}) must not be above the red line (${t.red})`,
      zh: `越高越差时黄色阈值（${t.amber}）不得高于红色阈值（${t.red}）`,
    });
  } else if (t.direction === 'lower_is_worse' && t.amber < t.red) {
    problems.push({
      en: `for lower-is-worse the amber line (${t.amber}) must not be below the red line (${t.red})`,
      zh: `越低越差时黄色阈值（${t.amber}）不得低于红色阈值（${t.red}）`,
    });
  }
  const h = t.hysteresis;
  if (h !== undefined) {
    const max = h.kind === 'share' ? 1 : Number.POSITIVE_INFINITY;
    if (
      (h.kind !== 'absolute' && h.kind !== 'share') ||
      !Number.isFinite(h.value) ||
      h.value < 0 ||
      h.value > max
    ) {
      problems.push({
        en: 'the hysteresis margin must be an absolute amount ≥ 0 or a share from 0 to 1',
        zh: '滞回区间必须是不小于 0 的绝对值，或 0 到 1 之间的比例',
      });
    }
  }
  return problems;
}

/** The margin that applies at `line`. */
function marginAt(line: number, hysteresis: HysteresisMargin | undefined): number {
  if (hysteresis === undefined) return 0;
  return hysteresis.kind === 'absolute' ? hysteresis.value : hysteresis.value * Math.abs(line);
}

/**
 * The band of `value` given the band of the previous evaluation (null for the first). Throws a
 * RangeError for invalid thresholds or a NaN value.
 */
export function bandOf(value: number, thresholds: StaticThresholds, previousBand: Band | null): Band {
  const problems = thresholdProblems(thresholds);
  if (problems.length > 0) throw new RangeError(problems.map((p) => `${p.en} / ${p.zh}`).join('; '));
  if (Number.isNaN(value)) throw new RangeError('a KRI value must be a number, not NaN / KRI 取值不能是 NaN');
  // Mirror a lower-is-worse KRI so that "worse" always means "higher".
  const sign = thresholds.direction === 'higher_is_worse' ? 1 : -1;
  const v = sign * value;
  const lines = [sign * thresholds.amber, sign * thresholds.red];
  let rank = 0;
  lines.forEach((line, i) => {
    if (v >= line) rank = i + 1;
  });
  if (previousBand !== null) {
    lines.forEach((line, i) => {
      const held = i + 1;
      const margin = marginAt(line, thresholds.hysteresis);
      if (RANK[previousBand] >= held && v > line - margin) rank = Math.max(rank, held);
    });
  }
  return BANDS[rank] as Band;
}

/** The bands of a whole series, each judged against the band before it (the first on the lines alone). */
export function bandsOf(
  values: readonly number[],
  thresholds: StaticThresholds,
  initial: Band | null = null,
): Band[] {
  let previous = initial;
  return values.map((value) => {
    previous = bandOf(value, thresholds, previous);
    return previous;
  });
}
