/**
 * When a borrower goes on the watch list (reference text 五.3: post-loan management watches the
 * borrower's repayment ability and acts early). Three signals, each with its reason in both languages:
 * the loan is past due; the re-score has fallen by at least `scoreDrop` points from the application
 * score (with a card of PDO 20, 20 points is a doubling of the odds of going bad); or the re-score is
 * below `cutoff`.
 */
import type { Text } from '../../../kernel/i18n.js';

/** Thresholds of the watch list. */
export interface WatchRules {
  readonly scoreDrop: number;
  readonly cutoff: number | null;
}

/** The defaults: a 20-point fall (one PDO on the usual scale), no absolute cutoff. */
export const DEFAULT_WATCH_RULES: WatchRules = Object.freeze({ scoreDrop: 20, cutoff: null });

/** One reason a borrower is watched. */
export interface WatchReason extends Text {
  readonly code: 'past_due' | 'score_drop' | 'below_cutoff';
}

/** The reasons for watching a borrower, empty when none applies. */
export function watchReasons(
  figures: { readonly dpd: number; readonly score: number | null; readonly originationScore: number | null },
  rules: WatchRules = DEFAULT_WATCH_RULES,
): WatchReason[] {
  const out: WatchReason[] = [];
  if (figures.dpd > 0) {
    out.push({ code: 'past_due', en: `${figures.dpd} days past due`, zh: `逾期 ${figures.dpd} 天` });
  }
  const { score, originationScore } = figures;
  if (score !== null && originationScore !== null && originationScore - score >= rules.scoreDrop) {
    const drop = Math.round((originationScore - score) * 10) / 10;
    out.push({
      code: 'score_drop',
      en: `score fell ${drop} points since application (${Math.round(originationScore)} → ${Math.round(score)})`,
      zh: `评分较申请时下降 ${drop} 分（${Math.round(originationScore)} → ${Math.round(score)}）`,
    });
  }
  if (score !== null && rules.cutoff !== null && score < rules.cutoff) {
    out.push({
      code: 'below_cutoff',
      en: `score ${Math.round(score)} below the cutoff ${rules.cutoff}`,
      zh: `评分 ${Math.round(score)} 低于阈值 ${rules.cutoff}`,
    });
  }
  return out;
}
