import pino, { type Logger } from 'pino';
import type { Config } from '../config.js';
import { type Clock, systemClock } from '../kernel/clock.js';
import { AuditLog } from '../modules/audit/index.js';
import { createCases, tableDecisionLookup } from '../modules/cases/index.js';
import { ApplicationLink, createCredit, rescoreJob, reservePostingJob } from '../modules/credit/index.js';
import { createLoans } from '../modules/credit/loans/index.js';
import { type CommittedDecision, createEngine } from '../modules/engine/index.js';
import { createLists } from '../modules/engine/lists/index.js';
import {
  ChangeRegistry,
  ChangeService,
  roleGrantKind,
  settingChangeKind,
} from '../modules/identity/changes/index.js';
import { createIdentity, keySourceFor, SecretBox } from '../modules/identity/index.js';
import { type Alerts, createAlerts, engineAlertHook } from '../modules/warning/alerts/index.js';
import { createKris } from '../modules/warning/kri/index.js';
import { parseAllowedHosts, parseSmtpUrl, type SmtpConfig } from '../modules/warning/notify/index.js';
import { createRegister } from '../modules/warning/register/index.js';
import { createSchedulerMetrics, Scheduler } from '../modules/warning/scheduler/index.js';
import { openStore, type Store } from '../store/database.js';
import { type MigrateResult, migrate } from '../store/migrate.js';
import type { AppDeps } from './build-app.js';
import { createMetrics, watchVelocityMemory } from './metrics.js';
import { createAuthenticator } from './wiring.js';

/** The wired process: every real adapter and service, and how to release them. */
export interface Runtime extends AppDeps {
  readonly migrations: MigrateResult;
  /** Alerts, escalation and notifications. */
  readonly alerts: Alerts;
  /** Periodic jobs (started by the server only). */
  readonly scheduler: Scheduler;
  /** Opens loan applications from committed loan-application decisions. */
  readonly applications: ApplicationLink;
  close(): Promise<void>;
}

/** Options for tests and the CLI: an injected clock or logger. */
export interface ComposeOptions {
  readonly clock?: Clock;
  readonly log?: Logger;
}

/** Paths that never reach a log line: credentials, cookies, secrets in bodies. */
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.token',
  '*.code',
  '*.api_key',
];

/** A pino logger writing JSON lines to stdout, with secrets redacted. */
export function createLogger(config: Config): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: LOG_REDACT, censor: '[redacted]' },
    base: { service: 'fengkong' },
  });
}

/**
 * The composition root: opens the database, applies migrations, and builds every service with its
 * dependencies. The only place that decides which implementation stands behind each port.
 */
export async function compose(config: Config, options: ComposeOptions = {}): Promise<Runtime> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config);
  const store: Store = await openStore(config.db);
  try {
    const migrations = await migrate(store);
    const audit = new AuditLog({
      db: store.db,
      dialect: store.dialect,
      clock,
      checkpointKey: config.auditKey,
    });
    const metrics = createMetrics();
    const secrets = new SecretBox(keySourceFor(config.db, config.secretKey), (path) =>
      log.warn(
        { path },
        'generated the key that encrypts TOTP secrets: keep this file, back it up apart from the database, or set FENGKONG_SECRET_KEY',
      ),
    );
    const identity = createIdentity({
      db: store.db,
      dialect: store.dialect,
      clock,
      audit,
      config,
      log,
      secrets,
    });
    // Every kind of four-eyes change this installation knows; a module adding one registers it here.
    const changeKinds = new ChangeRegistry([settingChangeKind(), roleGrantKind(identity.users)]);
    const changes = new ChangeService({ db: store.db, clock, audit, kinds: changeKinds });
    // Block, allow and watch lists: hashing keyed from the installation secret, `list.change` four eyes.
    const lists = await createLists({
      db: store.db,
      clock,
      audit,
      changes,
      keySource: keySourceFor(config.db, config.secretKey),
      log,
    });
    changeKinds.register(lists.changeKind);
    // Loans: approval by authority, `loan.approve` four eyes above it, repayments and write-offs.
    const loans = createLoans({ db: store.db, clock, audit, changes, users: identity.users });
    changeKinds.register(loans.changeKind);
    // Credit: the scorecard registry, whose published cards engine policies score with.
    const credit = createCredit({ db: store.db, clock, audit, changes, loans: loans.service });
    // What acts on each committed decision: loan applications now, engine alerts once alerts exist.
    const committedHooks: ((decision: CommittedDecision) => void)[] = [];
    // Each committed loan-application decision opens a loan application (after the commit).
    const applications = new ApplicationLink({
      db: store.db,
      log,
      loans: loans.service,
      scorecards: credit.scorecards,
    });
    // The decision engine: registers `policy.publish`, compiles the deployed policies and rebuilds
    // the velocity state from stored events before the first request.
    const engine = createEngine({
      db: store.db,
      clock,
      audit,
      log,
      changes,
      hasher: lists.hasher,
      lists: lists.snapshots,
      scorecards: credit.scorecards.source,
      onCommitted: (decision) => {
        for (const hook of committedHooks) hook(decision);
      },
      onDecision: (outcome, eventType, seconds, fallback) => {
        metrics.decisions.inc({ event_type: eventType, outcome, fallback: fallback ?? 'none' });
        metrics.decisionDuration.observe({ event_type: eventType }, seconds);
      },
    });
    for (const kind of credit.changeKinds(() =>
      engine.refresh().catch((error: unknown) => log.error({ err: error }, 'reloading policies failed')),
    )) {
      changeKinds.register(kind);
    }
    await engine.refresh();
    // Periodic work shared by every server on the database: each period runs once (job leases).
    const scheduler = new Scheduler({
      db: store.db,
      clock,
      log,
      metrics: createSchedulerMetrics(metrics.registry),
    });
    // Alerts with escalation and notifications (signed webhooks, SMTP, in-app).
    const alerts = createAlerts({
      db: store.db,
      clock,
      audit,
      notify: {
        allowedHosts: allowedHosts(config.webhookAllowedHosts),
        smtp: smtpOf(config),
      },
      sealer: secrets,
      log,
    });
    for (const job of alerts.jobs) scheduler.register(job);
    committedHooks.push(applications.onCommitted, engineAlertHook(alerts.service, log));
    // Cases, incidents, emergency plans and drills; dispositions label decisions for backtests.
    const cases = createCases({
      db: store.db,
      clock,
      audit,
      decisions: tableDecisionLookup(store.db),
      alerts: {
        get: async (id) => {
          const alert = await alerts.service.get(id).catch(() => undefined);
          return (
            alert && {
              id: alert.id,
              title: alert.title.en,
              severity: alert.severity,
              subject: { key: alert.subject },
            }
          );
        },
      },
      labeler: {
        label: (id, label, actor, comment) =>
          engine.reviews.resolve(actor, id, label, comment).then(() => undefined),
      },
      lists: lists.service,
      hasher: lists.hasher,
    });
    // Key risk indicators over Fengkong's own figures and pushed series; evaluations raise alerts.
    const kris = createKris({
      db: store.db,
      clock,
      audit,
      sources: {
        scorecards: credit.scorecards,
        reserve: {
          coverage: async (asOf) => (await credit.portfolio.report({ asOf })).reserve?.coverage ?? null,
        },
        cases: {
          fraudConfirmedRate: (period) => cases.figures.fraudConfirmedRate(period.start, period.end),
          overdueDrills: (at) => cases.figures.overdueDrills(at),
        },
      },
      onEvaluation: async (evaluation) => void (await alerts.onKriEvaluation(evaluation)),
    });
    for (const job of kris.jobs) scheduler.register(job);
    // The risk register: grading changes through four eyes (`risk.grade`).
    const register = createRegister({ db: store.db, clock, audit, changes, kris: kris.service });
    changeKinds.register(register.changeKind);
    scheduler.register(rescoreJob(credit.postLoan));
    scheduler.register(reservePostingJob(credit.portfolio));
    const reopened = await applications.catchUp();
    if (reopened > 0) log.warn({ reopened }, 'opened the loan applications of decisions that had none');
    watchVelocityMemory(metrics, () => engine.runtime.features.store.memoryStats());
    const base = { config, store, clock, log, metrics, audit, changes, identity, lists, engine, credit };
    return {
      ...base,
      loans,
      applications,
      scheduler,
      alerts,
      cases,
      kris,
      register,
      migrations,
      authenticator: createAuthenticator(base),
      close: async () => {
        lists.stop();
        await scheduler.stop();
        await engine.decisions.drain();
        await applications.settled();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** The webhook allow-list of the configuration (validated when it was loaded). */
function allowedHosts(text: string): string[] {
  const parsed = parseAllowedHosts(text);
  return 'error' in parsed ? [] : parsed.hosts;
}

/** The SMTP server of the configuration, when one is set (validated when it was loaded). */
function smtpOf(config: Config): SmtpConfig | undefined {
  if (config.smtpUrl === undefined || config.smtpFrom === undefined) return undefined;
  const parsed = parseSmtpUrl(config.smtpUrl, config.smtpFrom);
  return 'error' in parsed ? undefined : parsed.smtp;
}
