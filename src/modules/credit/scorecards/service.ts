/**
 * The scorecard registry: a trained card is uploaded as an immutable, checksummed version; publishing
 * a version (and rolling back) is a four-eyes `scorecard.publish` change; engine policies that declare
 * `{ kind: scorecard, scorecard: NAME }` score with the published version of NAME. What a reviewer or a
 * regulator later asks — which exact card scored this applicant — is answered by the checksum stored
 * with every decision.
 */
import type { Kysely } from 'kysely';
import { canonicalJson } from '../../../kernel/canonical-json.js';
import { type Clock, isoUtc } from '../../../kernel/clock.js';
import { ValidationFailed } from '../../../kernel/errors.js';
import type { Database } from '../../../store/schema.js';
import { transact } from '../../../store/transaction.js';
import type { Actor, AuditLog } from '../../audit/index.js';
import {
  loadScorecard,
  type ScorecardDocument,
  ScorecardInvalid,
  type ScorecardSource,
} from '../../engine/index.js';
import type { ChangeCaller, ChangeService, ChangeView } from '../../identity/changes/index.js';
import { bandPerformance } from './band-performance.js';
import { ScorecardNoPrevious, ScorecardNotFound } from './errors.js';
import { INTERVALS, monitorScorecard, trainingDistribution } from './monitoring.js';
import * as repo from './repo.js';

/** Dependencies of the registry. */
export interface ScorecardRegistryDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly changes: ChangeService;
}

/** A card as listed: its versions and which one is live. */
export interface ScorecardView {
  readonly name: string;
  readonly published_version: number | null;
  readonly previous_version: number | null;
  readonly latest_version: number;
  readonly updated_at: string;
}

/** Registers, reads and asks to publish scorecards. */
export class ScorecardRegistry {
  constructor(private readonly deps: ScorecardRegistryDeps) {}

  /**
   * Verifies `document` (every format rule and the checksum) and stores it as the next version of the
   * card it names; `report` is the validation report computed when it was trained or registered.
   */
  async register(actor: Actor, document: unknown, report?: unknown) {
    const loaded = loadScorecard(document, 'body');
    if (!loaded.ok) {
      throw ScorecardInvalid(loaded.problems.map((p) => `${p.path}: ${p.message}`).join('; '), [
        ...loaded.problems,
      ]);
    }
    const card = loaded.card;
    const at = isoUtc(this.deps.clock.now());
    return transact(this.deps.db, async (trx) => {
      if (!(await repo.findCard(trx, card.name))) {
        await repo.insertCard(trx, {
          name: card.name,
          published_version: null,
          previous_version: null,
          created_at: at,
          updated_at: at,
          row_version: 1,
        });
      }
      const version = (await repo.latestVersion(trx, card.name)) + 1;
      await repo.insertVersion(trx, {
        name: card.name,
        version,
        document: canonicalJson(card),
        checksum: card.checksum,
        report: report === undefined ? null : canonicalJson(report),
        created_by_type: actor.type,
        created_by_id: actor.id,
        created_at: at,
      });
      await this.deps.audit.append(trx, {
        actor,
        action: 'scorecard.register',
        target: { type: 'scorecard', id: card.name },
        payload: { version, checksum: card.checksum, variables: card.variables.map((v) => v.name) },
      });
      return { name: card.name, version, checksum: card.checksum, created_at: at };
    });
  }

  /** Every registered card. */
  async list(): Promise<ScorecardView[]> {
    const rows = await repo.listCards(this.deps.db);
    return Promise.all(rows.map((r) => this.#view(r.name)));
  }

  /** One card with its versions; `FK_ERR_SCORECARD_NOT_FOUND` when absent. */
  async get(name: string) {
    const view = await this.#view(name);
    return { ...view, versions: await repo.listVersions(this.deps.db, name) };
  }

  /** One version's document and registration report. */
  async version(name: string, version: number) {
    const row = await repo.findVersion(this.deps.db, name, version);
    if (!row) throw ScorecardNotFound(`scorecard ${name} has no version ${version}`);
    return {
      name,
      version,
      checksum: row.checksum,
      card: JSON.parse(row.document) as ScorecardDocument,
      report: row.report === null ? null : (JSON.parse(row.report) as unknown),
      created_at: row.created_at,
    };
  }

  /** The published document of `name`, or undefined. */
  async published(name: string): Promise<{ version: number; card: ScorecardDocument } | undefined> {
    const card = await repo.findCard(this.deps.db, name);
    if (!card || card.published_version === null) return undefined;
    const v = await this.version(name, card.published_version);
    return { version: v.version, card: v.card };
  }

  /**
   * Drift of a version (the published one by default) over [from, to): PSI of the score and CSI of each
   * variable against training, per window of `interval`.
   */
  async monitoring(
    name: string,
    query: { from: string; to: string; interval?: 'day' | 'week' | undefined; version?: number | undefined },
  ) {
    const view = await this.#view(name);
    const number = query.version ?? view.published_version;
    if (number === null) throw ScorecardNotFound(`scorecard ${name} has no published version; name one`);
    const { card } = await this.version(name, number);
    if (!(Date.parse(query.from) < Date.parse(query.to))) {
      throw ValidationFailed('from must be before to', [
        { path: 'querystring.from', message: 'must be before to' },
      ]);
    }
    const interval = query.interval ? INTERVALS[query.interval] : undefined;
    if (interval && (Date.parse(query.to) - Date.parse(query.from)) / interval > 400) {
      throw ValidationFailed('at most 400 windows', [
        { path: 'querystring.interval', message: 'gives more than 400 windows' },
      ]);
    }
    return {
      name,
      version: number,
      checksum: card.checksum,
      windows: await monitorScorecard(this.deps.db, name, card, query.from, query.to, interval),
      performance: await bandPerformance(
        this.deps.db,
        name,
        trainingDistribution(card)?.edges ?? [],
        query.from,
        query.to,
        this.deps.clock.now(),
      ),
    };
  }

  /** Asks for `version` to become the published one; a second person approves. */
  async publish(caller: ChangeCaller, name: string, version: number, reason: string): Promise<ChangeView> {
    await this.version(name, version); // exists
    return this.deps.changes.submit(caller, {
      kind: 'scorecard.publish',
      target: { type: 'scorecard', id: name },
      content: { version },
      reason,
    });
  }

  /** Asks for the previously published version to be restored (one step, still four eyes). */
  async rollback(caller: ChangeCaller, name: string, reason: string): Promise<ChangeView> {
    const view = await this.#view(name);
    if (view.previous_version === null) {
      throw ScorecardNoPrevious(`scorecard ${name} has no earlier published version`);
    }
    return this.deps.changes.submit(caller, {
      kind: 'scorecard.publish',
      target: { type: 'scorecard', id: name },
      content: { version: view.previous_version, rollback: true },
      reason,
    });
  }

  /** The engine's view of the registry: published cards by name, re-verified as they are read. */
  readonly source: ScorecardSource = async (db) => {
    const out = new Map<string, ScorecardDocument>();
    for (const row of await repo.publishedDocuments(db)) {
      const loaded = loadScorecard(JSON.parse(row.document) as unknown);
      if (loaded.ok) out.set(row.name, loaded.card);
    }
    return out;
  };

  async #view(name: string): Promise<ScorecardView> {
    const card = await repo.findCard(this.deps.db, name);
    if (!card) throw ScorecardNotFound(`scorecard ${name} does not exist`);
    return {
      name,
      published_version: card.published_version,
      previous_version: card.previous_version,
      latest_version: await repo.latestVersion(this.deps.db, name),
      updated_at: card.updated_at,
    };
  }
}
