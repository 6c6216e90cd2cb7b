import { CliError, type CliIo } from './io.js';

/** The subset of a TTY input stream a hidden prompt needs. */
interface TtyInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/** The most a secret read from standard input may be, in bytes (a password is at most 128 characters). */
const STDIN_LIMIT = 4096;

/** Whether the command can ask a person: standard input is a terminal. */
export function canPrompt(io: CliIo): boolean {
  const input = io.stdin as TtyInput;
  return input.isTTY === true && typeof input.setRawMode === 'function';
}

/**
 * Asks for a secret on the terminal without echoing it: the question goes to stderr, the terminal
 * is put in raw mode and restored afterwards, Backspace deletes, Ctrl-U clears, Ctrl-C cancels.
 */
export function promptHidden(io: CliIo, question: string): Promise<string> {
  const input = io.stdin as TtyInput;
  if (!canPrompt(io)) throw new CliError('no terminal to ask on: pipe the password with --password-stdin');
  io.stderr.write(question);
  input.setRawMode!(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      input.off('data', onData);
      input.setRawMode!(false);
      input.pause();
      io.stderr.write('\n');
    };
    const onData = (chunk: string | Buffer) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new CliError('cancelled / 已取消'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch === '\u0015') value = '';
        else if (ch >= ' ') value += ch;
      }
    };
    input.on('data', onData);
  });
}

/**
 * Reads a secret piped on standard input (`--password-stdin`): everything up to the end, without the
 * final line break. Refuses an empty or oversized input.
 */
export async function readSecretFromStdin(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    size += bytes.length;
    if (size > STDIN_LIMIT)
      throw new CliError(`the password on standard input is longer than ${STDIN_LIMIT} bytes`);
    chunks.push(bytes);
  }
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (text === '') throw new CliError('--password-stdin: standard input was empty / 标准输入为空');
  return text;
}
