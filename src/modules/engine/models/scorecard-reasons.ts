/**
 * Reason codes of a scorecard score: the variables that cost the applicant the most points, measured
 * against the best that variable could have given (the "maximum points" method of adverse-action
 * reasons: shortfall = points_max − points_got, largest first). A declined applicant, a reviewer and
 * a regulator read them, so each comes with a sentence in Simplified Chinese and English that names
 * the variable, the bin the value fell in (never the value itself) and the points.
 */
import type { RuleInput } from '../contracts.js';
import type { BinPlace, ScorecardModel, VariableScore } from './scorecard.js';
import type { ScorecardVariable } from './scorecard-format.js';

/** One reason: a variable, what it scored, the best it could have scored, and why in both languages. */
export interface ScorecardReason {
  readonly variable: string;
  readonly points: number;
  readonly max_points: number;
  /** max_points − points, > 0. */
  readonly shortfall: number;
  readonly en: string;
  readonly zh: string;
  /** The sentence in the language asked for. */
  readonly text: string;
}

/** Points as people read them: at most two decimals, no trailing zeros. */
function formatPoints(x: number): string {
  return String(Math.round(x * 100) / 100);
}

function bound(x: number | null, infinity: string): string {
  return x === null ? infinity : String(x);
}

function listed(categories: readonly string[]): string {
  const shown = categories.slice(0, 5).map((c) => JSON.stringify(c));
  return categories.length > 5 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** Where the value fell, in words. */
function placeText(variable: ScorecardVariable, where: BinPlace): { en: string; zh: string } {
  switch (where.kind) {
    case 'missing':
      return { en: 'no value', zh: '无数据' };
    case 'else':
      return { en: 'a category not seen in training', zh: '训练中未出现的类别' };
    case 'special': {
      const value = JSON.stringify(variable.special[where.index]?.value);
      return { en: `special value ${value}`, zh: `特殊值 ${value}` };
    }
    case 'bin': {
      if (variable.type === 'numeric') {
        const bin = variable.bins[where.index];
        const lower = bin?.lower ?? null;
        const interval = `${lower === null ? '(' : '['}${bound(lower, '−∞')}, ${bound(bin?.upper ?? null, '+∞')})`;
        return { en: `value in ${interval}`, zh: `取值在 ${interval}` };
      }
      const categories = listed(variable.bins[where.index]?.categories ?? []);
      return { en: `category in {${categories}}`, zh: `类别属于 {${categories}}` };
    }
  }
}

/**
 * The top `k` variables that pulled the score down the most (shortfall against their best points,
 * largest first; ties in the card's order). Variables already at their best are never reasons.
 * Throws, like `score`, when an input cannot be scored.
 */
export function scorecardReasons(
  card: ScorecardModel,
  input: RuleInput,
  k: number,
  lang: 'en' | 'zh',
): ScorecardReason[] {
  return rankReasons(card.breakdown(input), k, lang);
}

/** The reasons of an already computed breakdown (what `scorecardReasons` ranks). */
export function rankReasons(
  parts: readonly VariableScore[],
  k: number,
  lang: 'en' | 'zh',
): ScorecardReason[] {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`);
  const ranked = parts
    .map((part, order) => ({ part, order, shortfall: part.maxPoints - part.points }))
    .filter((r) => r.shortfall > 0)
    .sort((a, b) => b.shortfall - a.shortfall || a.order - b.order)
    .slice(0, k);
  return ranked.map(({ part, shortfall }) => {
    const { variable } = part;
    const label = variable.label ?? { en: variable.name, zh: variable.name };
    const where = placeText(variable, part.place);
    const got = formatPoints(part.points);
    const max = formatPoints(part.maxPoints);
    const lost = formatPoints(shortfall);
    const en = `${label.en}: ${where.en} scored ${got} of a possible ${max} points (${lost} below the best)`;
    const zh = `${label.zh}：${where.zh}，得 ${got} 分，最高可得 ${max} 分（少 ${lost} 分）`;
    return {
      variable: variable.name,
      points: part.points,
      max_points: part.maxPoints,
      shortfall,
      en,
      zh,
      text: lang === 'zh' ? zh : en,
    };
  });
}
