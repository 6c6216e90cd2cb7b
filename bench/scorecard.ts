/**
 * Scorecards: accuracy of the default `fengkong scorecard train` settings against a plain one-hot
 * logistic regression on the same splits, and the speed of training and scoring.
 *
 *   - accuracy: for each data set, `--splits` random stratified 70/30 splits (seeded); the card is
 *     trained on 70% with the defaults and both models are scored on the other 30%; the mean test AUC
 *     of each and the number of splits the card wins are printed. The synthetic sample always runs;
 *     `--data FILE --target COL [--bad V]` adds a public data set (e.g. the German credit data of
 *     Hofmann, UCI 1994, 1,000 applicants);
 *   - training time on `--rows` (150,000) synthetic applicants × 20 candidate variables, reading
 *     the CSV included (target: under 15 s);
 *   - batch scoring rate: the compiled card's `scoreColumns` on typed columns in memory (target:
 *     ≥ 1,000,000 rows/s), and `scoreBatch` from CSV cells (number parsing included), with and
 *     without reason codes, for orientation;
 *   - the engine's per-applicant cost: the compiled card's `score` on a rule input (target: < 2 µs).
 *
 *   node --import tsx bench/scorecard.ts [--rows 150000] [--splits 10] [--data FILE --target COL --bad V]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseCsv } from '../src/kernel/csv.js';
import { parseNumericCell, readDataset } from '../src/modules/credit/scorecard/dataset.js';
import { readApplicantFile } from '../src/modules/credit/scorecard/labelled-file.js';
import { scoreBatch } from '../src/modules/credit/scorecard/score-batch.js';
import { seededRandom, syntheticCsv } from '../src/modules/credit/scorecard/synthetic.js';
import { trainScorecard } from '../src/modules/credit/scorecard/train.js';
import { auc } from '../src/modules/credit/validation/auc.js';
import type { RuleInput } from '../src/modules/engine/contracts.js';
import { compileScorecard } from '../src/modules/engine/models/index.js';
import { oneHotLogistic } from './fixtures/one-hot.js';
import { against, emit, perSecond, round, startTimer } from './fixtures/report.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '150000' },
    splits: { type: 'string', default: '10' },
    data: { type: 'string' },
    target: { type: 'string' },
    bad: { type: 'string' },
  },
});

/** Stratified 70/30 split of the CSV's data lines, seeded. */
function split(text: string, target: string, bad: string, seed: number): [string, string] {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.message);
  const [head, ...records] = parsed.records;
  const t = (head?.fields ?? []).indexOf(target);
  const random = seededRandom(seed);
  const train: string[] = [];
  const test: string[] = [];
  for (const cls of [true, false]) {
    const rows = records.filter((r) => (r.fields[t] === bad) === cls).map((r) => r.fields.join(','));
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j] as string, rows[i] as string];
    }
    const cut = Math.round(rows.length * 0.7);
    train.push(...rows.slice(0, cut));
    test.push(...rows.slice(cut));
  }
  const header = head?.fields.join(',');
  return [`${header}\n${train.join('\n')}\n`, `${header}\n${test.join('\n')}\n`];
}

function accuracy(name: string, text: string, target: string, bad: string, splits: number): void {
  let card = 0;
  let peer = 0;
  let wins = 0;
  for (let s = 1; s <= splits; s++) {
    const [trainText, testText] = split(text, target, bad, s);
    const options = { target, bad, specialAll: ['-999'] };
    const train = readDataset(trainText, options);
    const test = readDataset(testText, {
      ...options,
      types: train.ok ? Object.fromEntries(train.dataset.columns.map((c) => [c.name, c.type])) : {},
    });
    if (!train.ok || !test.ok) throw new Error(JSON.stringify(train.ok ? test : train));
    const trained = trainScorecard(train.dataset);
    const file = readApplicantFile(testText, target, bad);
    const scores = scoreBatch(trained.card, file.header, file.rows, { reasons: 0 }).scores;
    const cardAuc = auc(scores, test.dataset.target, { higherIs: 'good' }).auc;
    const peerAuc = auc(oneHotLogistic(train.dataset, test.dataset), test.dataset.target, {
      higherIs: 'bad',
    }).auc;
    card += cardAuc / splits;
    peer += peerAuc / splits;
    if (cardAuc >= peerAuc) wins++;
  }
  emit({
    bench: 'scorecard-accuracy',
    data: name,
    splits,
    test_auc_fengkong_card: round(card, 4),
    test_auc_one_hot_logistic: round(peer, 4),
    difference: round(card - peer, 4),
    splits_card_at_least_as_high: wins,
    target_met: card >= peer,
  });
}

function speed(rows: number): void {
  const text = syntheticCsv(rows, 11);
  const t = startTimer();
  const data = readDataset(text, { target: 'bad', specialAll: ['-999'] });
  if (!data.ok) throw new Error(data.message.en);
  const trained = trainScorecard(data.dataset);
  const training = t();
  emit({
    bench: 'scorecard-train',
    rows,
    candidate_variables: data.dataset.columns.length,
    seconds: round(training.seconds, 2),
    cpu_seconds: round(training.cpuSeconds, 2),
    ...against(training.seconds, 15, 'at_most'),
  });

  const file = readApplicantFile(text, 'bad');
  for (const reasons of [0, 3]) {
    scoreBatch(trained.card, file.header, file.rows.slice(0, 20_000), { reasons }); // warm-up
    const s = startTimer();
    scoreBatch(trained.card, file.header, file.rows, { reasons });
    const took = s();
    emit({
      bench:
        reasons === 0 ? 'scorecard-batch-score-csv-cells' : 'scorecard-batch-score-csv-cells-with-reasons',
      rows,
      rows_per_second: perSecond(rows, took),
    });
  }

  // Batch scoring proper: typed columns in memory through the engine's own lookups.
  const model = compileScorecard(trained.card);
  const columns = trained.card.variables.map((v) => {
    const at = file.header.indexOf(v.name);
    return v.type === 'numeric'
      ? Float64Array.from(file.rows, (cells) => parseNumericCell(cells[at] ?? '') ?? Number.NaN)
      : file.rows.map((cells) => (cells[at] === '' ? null : (cells[at] ?? null)));
  });
  model.scoreColumns(columns, rows); // warm-up
  const c = startTimer();
  const repeats = 5;
  for (let r = 0; r < repeats; r++) model.scoreColumns(columns, rows);
  const columnRate = perSecond(rows * repeats, c());
  emit({
    bench: 'scorecard-batch-score',
    rows,
    rows_per_second: columnRate,
    ...against(columnRate, 1_000_000),
  });

  const inputs: RuleInput[] = file.rows.slice(0, 50_000).map((cells) => ({
    event: { type: 'loan_application', id: 'x', occurred_at: '2026-01-01T00:00:00Z' },
    subject: {},
    data: Object.fromEntries(
      file.header.map((h, i) => [
        h,
        /^-?[\d.]+$/.test(cells[i] ?? '') ? Number(cells[i]) : cells[i] === '' ? null : cells[i],
      ]),
    ),
    features: {},
    models: {},
  }));
  let sink = 0;
  for (const input of inputs) sink += model.score(input);
  const rounds = 20;
  const e = startTimer();
  for (let r = 0; r < rounds; r++) for (const input of inputs) sink += model.score(input);
  const took = e();
  const micros = (took.seconds * 1e6) / (rounds * inputs.length);
  emit({
    bench: 'scorecard-engine-score',
    variables: trained.card.variables.length,
    microseconds_per_applicant: round(micros, 3),
    ...against(micros, 2, 'at_most'),
    checksum: sink > 0,
  });
}

const splits = Number(args.splits);
accuracy('synthetic-40k', syntheticCsv(40_000, 5), 'bad', '1', Math.min(splits, 3));
if (args.data) {
  if (!args.target) throw new Error('--data needs --target');
  accuracy(args.data, readFileSync(args.data, 'utf8'), args.target, args.bad ?? '1', splits);
}
speed(Number(args.rows));
