/**
 * Group commit: decisions made at about the same time are written in one transaction, so a durable
 * commit (a flush of the SQLite log to disk) is paid once per batch instead of once per
 * decision, and every caller is answered only after its own rows are committed.
 *
 * The batch forms by itself: the first item schedules a flush for the end of the current turn of the
 * event loop; items arriving while a flush runs wait for the next one, which starts as soon as the
 * running one ends. Under load batches grow, under light load an item waits for no timer. When a
 * batch fails, its items are retried one by one, so one bad item (an id another server stored first)
 * cannot fail its neighbours.
 */

/** Writes a batch in one transaction; throws if nothing was written. */
export type BatchWriter<T> = (items: readonly T[]) => Promise<void>;

interface Pending<T> {
  readonly item: T;
  resolve(): void;
  reject(error: unknown): void;
}

/** Batches `submit`ted items into transactions of at most `maxBatch`. */
export class GroupCommitter<T> {
  #queue: Pending<T>[] = [];
  #running = false;
  #scheduled = false;
  #idle: (() => void)[] = [];

  constructor(
    private readonly write: BatchWriter<T>,
    private readonly maxBatch = 512,
  ) {}

  /** Resolves once `item` is committed; rejects with the writer's error if it could not be. */
  submit(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  /** Items waiting or being written. */
  get backlog(): number {
    return this.#queue.length;
  }

  /** Resolves when everything submitted so far has been written or refused (for shutdown). */
  drain(): Promise<void> {
    if (!this.#running && this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #schedule(): void {
    if (this.#running || this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, this.maxBatch);
        await this.#writeBatch(batch);
      }
    } finally {
      this.#running = false;
      for (const resolve of this.#idle.splice(0)) resolve();
    }
  }

  async #writeBatch(batch: Pending<T>[]): Promise<void> {
    try {
      await this.write(batch.map((p) => p.item));
      for (const p of batch) p.resolve();
      return;
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
    }
    for (const p of batch) {
      try {
        await this.write([p.item]);
        p.resolve();
      } catch (error) {
        p.reject(error);
      }
    }
  }
}
