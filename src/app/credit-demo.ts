/**
 * The credit part of the demo workspace: an application scorecard trained on a synthetic sample
 * (never anyone's real data), registered and published, and the example loan policy's second version
 * scoring every application with it (one more rule: a low card score adds risk points), so that the
 * simulated traffic leaves scores, reason codes and a drift report behind. Like the engine demo, the
 * publication is the demo loader's own audited act; every later change goes through four eyes.
 */
import { parse } from 'yaml';
import { isoUtc } from '../kernel/clock.js';
import { SYSTEM_ACTOR } from '../modules/audit/index.js';
import {
  type Credit,
  readApplicantFile,
  readDataset,
  scoreBatch,
  scorecardReport,
  syntheticCsv,
  trainScorecard,
} from '../modules/credit/index.js';
import type { Engine } from '../modules/engine/index.js';
import { transact } from '../store/transaction.js';
import type { AppDeps } from './build-app.js';
import { deployForDemo } from './engine-demo.js';

/** The registered name of the demo card. */
export const DEMO_CARD = 'retail_application';

/** Where the demo card reads the variables a loan application event carries. */
const EVENT_FIELDS: Readonly<Record<string, string>> = {
  monthly_income: 'data.monthly_income',
  loan_amount: 'data.amount',
  term_months: 'data.term_months',
};

/** Trains, registers and publishes the demo card and deploys the scored loan policy; returns lines to print. */
export async function loadCreditDemo(
  deps: Pick<AppDeps, 'store' | 'clock' | 'audit'> & { engine: Engine; credit: Credit },
  loanPolicy: string,
): Promise<string[]> {
  const { store, clock, audit, engine, credit } = deps;
  const sample = readDataset(syntheticCsv(20_000, 2026), { target: 'bad', specialAll: ['-999'] });
  if (!sample.ok) throw new Error(`demo sample: ${sample.message.en}`);
  const trained = trainScorecard(sample.dataset, {
    name: DEMO_CARD,
    targetLabel: 'synthetic: bad = 1 / 合成样本：bad = 1',
    inputOf: (name) => EVENT_FIELDS[name] ?? `data.${name}`,
  });
  // Validated on a hold-out sample drawn apart from the training one, so the card's page shows its
  // ROC, KS and band figures as a model-risk reviewer would see them.
  const holdout = readApplicantFile(syntheticCsv(5_000, 2027), 'bad');
  const report = scorecardReport(
    trained.card,
    scoreBatch(trained.card, holdout.header, holdout.rows, { reasons: 0 }),
    holdout.target as Uint8Array,
  );
  const registered = await credit.scorecards.register(SYSTEM_ACTOR, trained.card, report);
  const at = isoUtc(clock.now());
  await transact(store.db, async (trx) => {
    await trx
      .updateTable('scorecard')
      .set({ published_version: registered.version, updated_at: at })
      .where('name', '=', DEMO_CARD)
      .execute();
    await audit.append(trx, {
      actor: SYSTEM_ACTOR,
      action: 'scorecard.publish',
      target: { type: 'scorecard', id: DEMO_CARD },
      payload: { version: registered.version, reason: 'demo workspace / 演示工作区' },
    });
  });

  // Version 2 of the example loan policy: the card as a model and a rule reading its score.
  const document = parse(loanPolicy) as {
    id: string;
    models?: unknown[];
    rules: unknown[];
  };
  document.models = [
    ...(document.models ?? []),
    { name: 'app_card', kind: 'scorecard', scorecard: DEMO_CARD },
  ];
  document.rules = [
    ...document.rules,
    {
      id: 'R060_low_application_score',
      description: {
        en: 'Application scorecard below 540 points',
        zh: '申请评分卡低于 540 分',
      },
      when: 'models.app_card < 540.0',
      action: 'score',
      score: 25,
    },
  ];
  const saved = await engine.policies.save(SYSTEM_ACTOR, JSON.stringify(document), 'json');
  await deployForDemo(deps, saved);
  await engine.refresh();
  const kept = trained.card.variables.length;
  return [
    `Demo credit: scorecard ${DEMO_CARD} (${kept} variables, training AUC ${trained.auc.toFixed(3)}) published and scoring loan applications / 演示信贷：评分卡 ${DEMO_CARD}（${kept} 个变量，训练 AUC ${trained.auc.toFixed(3)}）已发布并用于借款申请评分`,
  ];
}
