/**
 * One webhook POST over `node:http` / `node:https`, connected to the address the host policy checked
 * (DNS is not asked again between the check and the connection, so a rebinding answer cannot slip in),
 * without a connection pool, without following redirects (a 3xx is a failure: following it would
 * leave the allow-list), with an overall deadline. TLS still verifies the certificate against the
 * host name in the URL.
 */
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';

/** What came back from one POST. */
export interface HttpOutcome {
  /** True for a 2xx answer. */
  readonly ok: boolean;
  readonly statusCode: number | null;
  /** Why it failed: the status line and the start of the answer, or the network error. */
  readonly error: string | null;
}

const SNIPPET_BYTES = 200;

/** A `lookup` that answers every query with `address` (Node asks with `all: true` when it races families). */
function pinnedLookup(address: string): LookupFunction {
  const family = isIP(address) === 6 ? 6 : 4;
  return (_hostname, options, callback) => {
    const cb = callback as (error: Error | null, address: unknown, family?: number) => void;
    if ((options as { all?: boolean }).all) cb(null, [{ address, family }]);
    else cb(null, address, family);
  };
}

function readSnippet(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      if (size < SNIPPET_BYTES) chunks.push(chunk);
      size += chunk.length;
      if (size >= SNIPPET_BYTES) response.destroy();
    });
    const done = () => resolve(Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8'));
    response.on('end', done);
    response.on('close', done);
    response.on('error', done);
  });
}

/** POSTs `body` to `url` at `address`; never throws. */
export function postWebhook(
  url: URL,
  address: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  timeoutMs: number,
): Promise<HttpOutcome> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const payload = Buffer.from(body, 'utf8');
  const options: RequestOptions = {
    method: 'POST',
    agent: false,
    lookup: pinnedLookup(address),
    headers: { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length) },
  };
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: HttpOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = send(url, options, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        response.resume();
        finish({ ok: true, statusCode: status, error: null });
        return;
      }
      void readSnippet(response).then((snippet) => {
        const text = snippet.replace(/\s+/g, ' ').trim();
        const line = `HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`;
        finish({ ok: false, statusCode: status, error: text ? `${line}: ${text}` : line });
      });
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (error: Error & { code?: string }) =>
      finish({
        ok: false,
        statusCode: null,
        error: error.code ? `${error.code}: ${error.message}` : error.message,
      }),
    );
    req.end(payload);
  });
}
