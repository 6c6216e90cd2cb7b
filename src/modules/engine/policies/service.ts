/**
 * Policies as people manage them: save a version (parsed, type-checked and compiled, or refused with
 * every problem), read versions and their differences, and ask for a deployment or a rollback, which
 * become `policy.publish` change requests a second person approves.
 *
 * A version's status is derived, never stored twice: `active` / `shadow` while deployed so,
 * `submitted` while a pending change names it, `retired` when it is the withdrawn or the previous
 * deployment (what a rollback would restore), else `draft`.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canonicalJson } from '../../../kernel/canonical-json.js';
import { type Clock, isoUtc } from '../../../kernel/clock.js';
import type { Database, PolicyTable } from '../../../store/schema.js';
import { transact } from '../../../store/transaction.js';
import type { Actor, AuditLog } from '../../audit/index.js';
import type { ChangeCaller, ChangeService, ChangeView } from '../../identity/changes/index.js';
import { PolicyInvalid, PolicyNoPrevious, PolicyNotFound } from '../errors.js';
import type { EventTypes } from '../events/event-types.js';
import { diffPolicies, normalisePolicy, type PolicyDocument, parsePolicySource } from '../policy/index.js';
import {
  type CompileEnvironment,
  compileEnvironment,
  compileStored,
  type ScorecardSource,
} from './compile-context.js';
import * as repo from './repo.js';

/** Dependencies of {@link PolicyService}. */
export interface PolicyServiceDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly changes: ChangeService;
  readonly types: EventTypes;
  /** Published scorecards that policies may score with. */
  readonly scorecards?: ScorecardSource | undefined;
}

/** A version's place in the lifecycle. */
export type VersionStatus = 'draft' | 'submitted' | 'active' | 'shadow' | 'retired';

/** A policy with its deployment. */
export interface PolicyView {
  readonly id: string;
  readonly event_type: string;
  readonly mode: string;
  readonly deployed_version: number | null;
  readonly previous: { readonly version: number; readonly mode: string } | null;
  readonly latest_version: number;
  readonly updated_at: string;
}

function view(p: PolicyTable, latest: number): PolicyView {
  return {
    id: p.id,
    event_type: p.event_type,
    mode: p.mode,
    deployed_version: p.deployed_version,
    previous:
      p.previous_version === null
        ? null
        : { version: p.previous_version, mode: p.previous_mode ?? 'inactive' },
    latest_version: latest,
    updated_at: p.updated_at,
  };
}

/** Parses and compiles a policy text (no storage), for saving and for offline tools. */
export function checkPolicySource(
  source: string,
  format: 'yaml' | 'json' | undefined,
  types: EventTypes,
  env: CompileEnvironment,
): { ok: true; document: PolicyDocument } | { ok: false; problems: { path: string; message: string }[] } {
  const parsed = parsePolicySource(source, format);
  if (!parsed.ok) return { ok: false, problems: [...parsed.problems] };
  const compiled = compileStored(parsed.document, 1, types, env);
  return compiled.ok ? { ok: true, document: parsed.document } : compiled;
}

function invalid(problems: readonly { path: string; message: string }[]) {
  return PolicyInvalid(
    problems.map((p) => `${p.path}: ${p.message}`).join('; '),
    problems.map((p) => ({ path: `policy.${p.path}`, message: p.message })),
  );
}

/** Saves, reads and asks to deploy policies. */
export class PolicyService {
  constructor(private readonly deps: PolicyServiceDeps) {}

  /** Saves `source` as the next version of the policy it names (a draft until deployed). */
  async save(actor: Actor, source: string, format?: 'yaml' | 'json') {
    const { db, clock, audit, types } = this.deps;
    const checked = checkPolicySource(
      source,
      format,
      types,
      await compileEnvironment(db, this.deps.scorecards),
    );
    if (!checked.ok) throw invalid(checked.problems);
    const document = normalisePolicy(checked.document);
    const text = canonicalJson(document);
    const checksum = `sha256:${createHash('sha256').update(text).digest('hex')}`;
    const at = isoUtc(clock.now());
    return transact(db, async (trx) => {
      const existing = await repo.findPolicy(trx, checked.document.id);
      if (existing && existing.event_type !== checked.document.event_type) {
        throw invalid([
          {
            path: 'event_type',
            message: `policy ${existing.id} decides ${existing.event_type} events; save a new policy id for ${checked.document.event_type}`,
          },
        ]);
      }
      if (!existing) {
        await repo.insertPolicy(trx, {
          id: checked.document.id,
          event_type: checked.document.event_type,
          mode: 'inactive',
          deployed_version: null,
          previous_version: null,
          previous_mode: null,
          created_at: at,
          updated_at: at,
          row_version: 1,
        });
      }
      const version = (await repo.latestVersion(trx, checked.document.id)) + 1;
      await repo.insertVersion(trx, {
        policy_id: checked.document.id,
        version,
        event_type: checked.document.event_type,
        document: text,
        source,
        checksum,
        created_by_type: actor.type,
        created_by_id: actor.id,
        created_at: at,
      });
      await audit.append(trx, {
        actor,
        action: 'policy.save',
        target: { type: 'policy', id: checked.document.id },
        payload: { version, checksum, event_type: checked.document.event_type },
      });
      return {
        id: checked.document.id,
        version,
        checksum,
        event_type: checked.document.event_type,
        created_at: at,
      };
    });
  }

  /** Every policy with its deployment. */
  async list(): Promise<PolicyView[]> {
    const rows = await repo.allPolicies(this.deps.db);
    return Promise.all(rows.map(async (p) => view(p, await repo.latestVersion(this.deps.db, p.id))));
  }

  /** One policy; `FK_ERR_POLICY_NOT_FOUND` if absent. */
  async get(id: string): Promise<PolicyView> {
    const p = await repo.findPolicy(this.deps.db, id);
    if (!p) throw PolicyNotFound(`policy ${id} does not exist`);
    return view(p, await repo.latestVersion(this.deps.db, id));
  }

  /** The versions of a policy, newest first, each with its derived status. */
  async versions(id: string) {
    const p = await this.get(id);
    const pending = await this.#pendingVersions(id);
    const rows = await repo.versionsOf(this.deps.db, id);
    return rows.map((v) => ({
      ...v,
      status: this.#status(p, v.version, pending),
    }));
  }

  /** One version: its normalised document and the text it was saved from. */
  async version(id: string, version: number) {
    const p = await this.get(id);
    const row = await repo.findVersion(this.deps.db, id, version);
    if (!row) throw PolicyNotFound(`policy ${id} has no version ${version}`);
    return {
      policy_id: row.policy_id,
      version: row.version,
      event_type: row.event_type,
      checksum: row.checksum,
      created_by: { type: row.created_by_type, id: row.created_by_id },
      created_at: row.created_at,
      status: this.#status(p, version, await this.#pendingVersions(id)),
      document: JSON.parse(row.document) as Record<string, unknown>,
      source: row.source,
    };
  }

  /** What changed from version `from` to version `to`. */
  async diff(id: string, from: number, to: number) {
    const [a, b] = await Promise.all([this.version(id, from), this.version(id, to)]);
    return {
      policy_id: id,
      from,
      to,
      changes: diffPolicies(a.document as unknown as PolicyDocument, b.document as unknown as PolicyDocument),
    };
  }

  /** Asks for a version to be deployed (active or shadow) or the policy withdrawn. */
  async publish(
    caller: ChangeCaller,
    id: string,
    input: { version: number; mode: 'active' | 'shadow' | 'inactive'; reason: string },
  ): Promise<ChangeView> {
    await this.version(id, input.version); // exists
    return this.deps.changes.submit(caller, {
      kind: 'policy.publish',
      target: { type: 'policy', id },
      content: { version: input.version, mode: input.mode },
      reason: input.reason,
    });
  }

  /** Asks for the previous deployment to be restored (one step, still four eyes). */
  async rollback(caller: ChangeCaller, id: string, reason: string): Promise<ChangeView> {
    const p = await this.get(id);
    if (!p.previous)
      throw PolicyNoPrevious(`policy ${id} has never been deployed before its current deployment`);
    return this.deps.changes.submit(caller, {
      kind: 'policy.publish',
      target: { type: 'policy', id },
      content: { version: p.previous.version, mode: p.previous.mode, rollback: true },
      reason,
    });
  }

  async #pendingVersions(id: string): Promise<Set<number>> {
    const pending = await this.deps.changes.list({
      kind: 'policy.publish',
      targetType: 'policy',
      targetId: id,
      status: 'pending',
      limit: 100,
    });
    return new Set(pending.map((c) => (c.content as { version: number }).version));
  }

  #status(p: PolicyView, version: number, pending: ReadonlySet<number>): VersionStatus {
    if (p.deployed_version === version && (p.mode === 'active' || p.mode === 'shadow')) return p.mode;
    if (pending.has(version)) return 'submitted';
    if (p.deployed_version === version || p.previous?.version === version) return 'retired';
    return 'draft';
  }
}
