/**
 * Byte-exact NDJSON over gzip, streaming both ways, so that a backup of any size passes through a
 * small, fixed amount of memory and the overall hash covers exactly the bytes that were written.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, openSync, renameSync, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';
import { FkError } from '../../kernel/errors.js';
import { BackupDamaged, BackupRefused, bilingual } from './errors.js';

/** One line of a backup file. */
export interface Line {
  /** 1-based line number. */
  readonly no: number;
  readonly text: string;
  /** The exact bytes, without the newline. */
  readonly raw: Buffer;
  /** True for a last line without its newline: the writer always ends lines, so the file was cut. */
  readonly unterminated: boolean;
}

/** Longest line accepted; a row is far smaller, and this bounds memory on a hostile file. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(raw: Buffer, no: number, unterminated: boolean): Line {
  try {
    return { no, text: utf8.decode(raw), raw, unterminated };
  } catch {
    throw BackupDamaged(bilingual(`line ${no} is not valid UTF-8`, `第 ${no} 行不是有效的 UTF-8`));
  }
}

/**
 * Yields the lines of a gzip-compressed file. A file that cannot be read is refused; a stream that
 * zlib rejects (not gzip, a flipped byte caught by the CRC-32, a file cut short) is damaged.
 */
export async function* readLines(file: string): AsyncGenerator<Line> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let no = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let start = 0;
      for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
        const piece = chunk.subarray(start, nl);
        const raw = pendingBytes > 0 ? Buffer.concat([...pending, piece]) : Buffer.from(piece);
        pending = [];
        pendingBytes = 0;
        start = nl + 1;
        yield decode(raw, ++no, false);
      }
      if (start < chunk.length) {
        pending.push(Buffer.from(chunk.subarray(start)));
        pendingBytes += chunk.length - start;
        if (pendingBytes > MAX_LINE_BYTES) {
          throw BackupDamaged(
            bilingual(`line ${no + 1} is longer than 64 MiB`, `第 ${no + 1} 行超过 64 MiB`),
          );
        }
      }
    }
  } catch (error) {
    throw readError(file, error);
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  if (pendingBytes > 0) yield decode(Buffer.concat(pending), ++no, true);
}

function readError(file: string, error: unknown): unknown {
  if (error instanceof FkError) return error;
  const e = error as NodeJS.ErrnoException;
  if (typeof e.code === 'string' && e.code.startsWith('Z_')) {
    return BackupDamaged(
      bilingual(
        `the gzip stream is corrupt or cut short (${e.message})`,
        `gzip 数据流损坏或不完整（${e.message}）`,
      ),
    );
  }
  const why = fileProblem(e);
  return BackupRefused(bilingual(`cannot read ${file}: ${why.en}`, `无法读取 ${file}：${why.zh}`));
}

/** A file system error in a few words, without Node's repetition of the path. */
function fileProblem(e: NodeJS.ErrnoException): { en: string; zh: string } {
  switch (e.code) {
    case 'ENOENT':
      return { en: 'no such file or folder', zh: '文件或目录不存在' };
    case 'EACCES':
    case 'EPERM':
      return { en: 'permission denied', zh: '权限不足' };
    case 'EISDIR':
      return { en: 'it is a folder', zh: '这是一个目录' };
    case 'ENOSPC':
      return { en: 'no space left on the device', zh: '磁盘空间不足' };
    default:
      return { en: e.code ?? e.message, zh: e.code ?? e.message };
  }
}

const FLUSH_BYTES = 256 * 1024;

/**
 * Writes lines to a gzip file, hashing each line's bytes as written. The data goes to a temporary
 * file beside the target, flushed to disk and renamed into place only by `close`, so a backup that
 * fails half-way never leaves a file that looks like a backup.
 */
export class LineWriter {
  private readonly hash = createHash('sha256');
  private buffer: string[] = [];
  private buffered = 0;
  private count = 0;

  private constructor(
    private readonly gzip: Gzip,
    private readonly done: Promise<void>,
    private readonly temp: string,
    private readonly target: string,
  ) {}

  /** Starts writing to `target` (through a temporary file); readable by the owner only. */
  static open(target: string): LineWriter {
    const temp = `${target}.partial-${process.pid}`;
    let fd: number;
    try {
      // Opened here, synchronously, so an unwritable path is reported before any data is read.
      fd = openSync(temp, 'w', 0o600);
    } catch (error) {
      const why = fileProblem(error as NodeJS.ErrnoException);
      throw BackupRefused(bilingual(`cannot write ${target}: ${why.en}`, `无法写入 ${target}：${why.zh}`));
    }
    const gzip = createGzip();
    // `flush` fsyncs before close: a backup reported as written survives a crash.
    const file = createWriteStream(temp, { fd, flush: true });
    const done = pipeline(gzip, file).catch((error: NodeJS.ErrnoException) => {
      const why = fileProblem(error);
      throw BackupRefused(bilingual(`cannot write ${target}: ${why.en}`, `无法写入 ${target}：${why.zh}`));
    });
    done.catch(() => undefined); // observed in close(); avoids an unhandled rejection meanwhile
    return new LineWriter(gzip, done, temp, target);
  }

  /** Lines written so far. */
  get lines(): number {
    return this.count;
  }

  /** SHA-256 of every line written so far, with newlines, hex. */
  digest(): string {
    return this.hash.copy().digest('hex');
  }

  /** Appends one line (without its newline). */
  async write(line: string, hashed = true): Promise<void> {
    const text = `${line}\n`;
    if (hashed) {
      this.hash.update(text, 'utf8');
      this.count++;
    }
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= FLUSH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    const data = this.buffer.join('');
    this.buffer = [];
    this.buffered = 0;
    if (!this.gzip.write(data)) await Promise.race([once(this.gzip, 'drain'), this.done]);
  }

  /** Finishes the file, waits until it is on disk, and moves it into place. */
  async close(): Promise<void> {
    await this.flush();
    this.gzip.end();
    await this.done;
    renameSync(this.temp, this.target);
  }

  /** Abandons the file. */
  async abort(): Promise<void> {
    this.gzip.destroy();
    await this.done.catch(() => undefined);
    rmSync(this.temp, { force: true });
  }
}
