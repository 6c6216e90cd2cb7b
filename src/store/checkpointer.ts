/**
 * Checkpoints of a SQLite write-ahead log in a worker thread, off the event loop.
 *
 * In WAL mode SQLite copies the log's pages back into the database file (a checkpoint) whenever a
 * commit leaves the log longer than `wal_autocheckpoint` pages (1,000 by default), inside that COMMIT
 * — on the JavaScript thread, since better-sqlite3 is synchronous. Under load every few dozen group
 * commits paid for a thousand page writes and a sync of the database file while no request was
 * answered. A second connection may checkpoint at any time (https://www.sqlite.org/wal.html,
 * "Checkpointing"; a PASSIVE checkpoint never waits for or blocks the writer), so once a store is busy
 * a worker thread with its own connection runs `wal_checkpoint(PASSIVE)` every few milliseconds and
 * the main connection's automatic checkpoints are turned off. Durability is unchanged: a commit is
 * durable once its log frames are synced (wal-sync.ts), and a checkpoint syncs the database file
 * before the log may be reused.
 *
 * The worker starts only after {@link CheckpointerOptions.startAfter} commits (a store used for a few
 * transactions — most tests, a CLI command — never starts a thread). If it cannot start or dies, the
 * main connection's automatic checkpoints are turned back on.
 */
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

/** When the worker starts and how often it checkpoints. */
export interface CheckpointerOptions {
  /** Commits after which the worker starts (default 256). */
  readonly startAfter?: number;
  /** Milliseconds between two checkpoints (default 50). */
  readonly intervalMs?: number;
  /** The better-sqlite3 module the worker loads (tests give a bad one to see the fallback). */
  readonly module?: string;
}

/** SQLite's own default for `wal_autocheckpoint`, restored when the worker is gone. */
const SQLITE_AUTOCHECKPOINT = 1000;

/** The worker, as CommonJS source (run with `eval`, so it needs no file of its own in the build). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, { fileMustExist: true });
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy with another checkpoint (a backup's): the next tick tries again.
  }
}, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
parentPort.postMessage('ready');
`;

type State = 'idle' | 'starting' | 'running' | 'stopped';

/** Moves one database's checkpoints to a worker thread once it is busy; see the module comment. */
export class Checkpointer {
  #state: State = 'idle';
  #commits = 0;
  #worker: Worker | null = null;
  readonly #startAfter: number;
  readonly #intervalMs: number;
  readonly #module: string;

  constructor(
    private readonly handle: SqliteDatabase.Database,
    private readonly path: string,
    options: CheckpointerOptions = {},
  ) {
    this.#startAfter = options.startAfter ?? 256;
    this.#intervalMs = options.intervalMs ?? 50;
    this.#module = options.module ?? createRequire(import.meta.url).resolve('better-sqlite3');
  }

  /** Called after each commit: starts the worker once the store has committed enough. */
  committed(): void {
    if (this.#state !== 'idle') return;
    this.#commits++;
    if (this.#commits >= this.#startAfter) this.#start();
  }

  #start(): void {
    this.#state = 'starting';
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module: this.#module, path: this.path, intervalMs: this.#intervalMs },
    });
    this.#worker = worker;
    // Never what keeps a process alive.
    worker.unref();
    worker.once('message', (m) => {
      if (m !== 'ready' || this.#state !== 'starting') return;
      this.handle.pragma('wal_autocheckpoint = 0');
      this.#state = 'running';
    });
    worker.once('error', () => this.#fallBack());
    worker.once('exit', () => this.#fallBack());
  }

  /** The worker is gone: SQLite checkpoints on the main connection again. */
  #fallBack(): void {
    this.#worker = null;
    if (this.#state === 'stopped') return;
    this.#state = 'stopped';
    if (this.handle.open) this.handle.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT}`);
  }

  /** Stops the worker (its connection closed first); the main connection may close after. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#state = 'stopped';
    this.#worker = null;
    if (worker === null) return;
    const exited = once(worker, 'exit');
    worker.postMessage('close');
    const timer = setTimeout(() => void worker.terminate(), 5_000);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
