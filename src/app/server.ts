import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { describeConfig } from '../config.js';
import { type App, buildApp } from './build-app.js';
import { type ComposeOptions, compose, type Runtime } from './compose.js';
import { loadCreditDemo } from './credit-demo.js';
import { loadEngineDemo } from './engine-demo.js';
import { loadLoansDemo } from './loans-demo.js';
import { loadEarlyWarningDemo } from './warning-demo.js';
import { initWorkspace } from './workspace.js';

/** A running server. */
export interface Server {
  readonly app: App;
  readonly runtime: Runtime;
  /** The address it listens on, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** Stops accepting, finishes in-flight requests (up to the shutdown timeout), closes the database. */
  stop(): Promise<void>;
}

/**
 * Starts Fengkong: composes the runtime, initialises a new database (with the demo workspace unless
 * turned off), listens, checkpoints the audit chain and expires stale change requests on timers.
 */
export async function startServer(
  config: Config,
  options: ComposeOptions & { print?: (line: string) => void } = {},
): Promise<Server> {
  const runtime = await compose(config, options);
  const { log } = runtime;
  let app: App | undefined;
  try {
    const init = await initWorkspace(runtime, config.demo);
    for (const line of init.lines) options.print?.(line);
    if (init.created && init.demo) {
      const lines = await loadEngineDemo(runtime, (example) =>
        loadCreditDemo(runtime, example('loan_application.yaml')),
      );
      lines.push(
        ...(await loadLoansDemo({ loans: runtime.loans, credit: runtime.credit, now: runtime.clock.now() })),
      );
      lines.push(...(await loadEarlyWarningDemo(runtime)));
      for (const line of lines) options.print?.(line);
    }
    app = await buildApp(runtime);
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app?.close();
    await runtime.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  log.info({ config: describeConfig(config), migrations: runtime.migrations.applied }, 'fengkong started');

  const timer =
    config.checkpointIntervalSeconds > 0
      ? setInterval(() => {
          checkpointNow(runtime).catch((error: unknown) =>
            log.error({ err: error }, 'audit checkpoint failed'),
          );
        }, config.checkpointIntervalSeconds * 1000)
      : undefined;
  timer?.unref();
  // Pending four-eyes changes past their expiry are closed as expired (audited), once a minute.
  const expiry = setInterval(() => {
    runtime.changes
      .expire()
      .catch((error: unknown) => log.error({ err: error }, 'expiring pending changes failed'));
  }, 60_000);
  expiry.unref();
  // Deployments and custom event types approved on another server reach this one within seconds.
  const engineRefresh = setInterval(() => {
    runtime.engine
      .refresh()
      .catch((error: unknown) => log.error({ err: error }, 'refreshing the engine failed'));
  }, 5_000);
  engineRefresh.unref();
  runtime.scheduler.start();

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (timer) clearInterval(timer);
      clearInterval(expiry);
      clearInterval(engineRefresh);
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownTimeoutMs).unref());
      await Promise.race([app.close(), deadline]);
      await runtime.close();
      log.info('fengkong stopped');
    })();
    return stopping;
  };
  return { app, runtime, url: `http://${host}:${port}`, stop };
}

/** Takes a checkpoint and, when a folder is configured, writes it there signed. */
export async function checkpointNow(runtime: Runtime): Promise<void> {
  const { audit, config } = runtime;
  const head = await audit.list({ limit: 1 });
  if (head.length === 0) return;
  const cp = await audit.checkpoint();
  if (config.checkpointDir && audit.canSign) {
    mkdirSync(config.checkpointDir, { recursive: true });
    const file = join(config.checkpointDir, `checkpoint-${String(cp.seq).padStart(12, '0')}.json`);
    writeFileSync(file, `${JSON.stringify(audit.sign(cp), null, 2)}\n`, { mode: 0o600 });
  }
}
