import { describe, expect, it } from 'vitest';
import { ApiClient, withQuery } from './client.js';
import { ApiProblem } from './problem.js';

/** A client over a fake fetch that records requests and answers with `answer`. */
function clientWith(answer: () => Response, csrf?: string) {
  const calls: { url: string; init: RequestInit }[] = [];
  let expired = 0;
  const client = new ApiClient({
    language: () => 'zh-CN',
    csrfToken: () => csrf,
    onUnauthenticated: () => {
      expired += 1;
    },
    fetch: async (url, init) => {
      calls.push({ url: String(url), init: init ?? {} });
      return answer();
    },
  });
  return { client, calls, expired: () => expired };
}

const problem = (status: number, detail: string) =>
  new Response(JSON.stringify({ status, title: 't', code: 'FK_ERR_X', detail }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

describe('ApiClient', () => {
  it('sends the CSRF token and the language on writes, not the token on reads', async () => {
    const { client, calls } = clientWith(() => Response.json({ ok: 1 }), 'tok');
    await client.post('/alerts/1/acknowledge', { note: 'n' });
    await client.get('/alerts', { status: 'open', before: undefined });
    const [write, read] = calls.map((c) => ({
      url: c.url,
      headers: c.init.headers as Record<string, string>,
    }));
    expect(write!.url).toBe('/api/v1/alerts/1/acknowledge');
    expect(write!.headers['x-csrf-token']).toBe('tok');
    expect(write!.headers['accept-language']).toBe('zh-CN');
    expect(read!.url).toBe('/api/v1/alerts?status=open');
    expect(read!.headers['x-csrf-token']).toBeUndefined();
  });

  it('revokes with DELETE, sending the CSRF token and no body', async () => {
    const { client, calls } = clientWith(() => Response.json({ id: 'k' }), 'tok');
    await client.delete('/api-keys/k');
    const [call] = calls;
    expect(call!.init.method).toBe('DELETE');
    expect(call!.init.body).toBeUndefined();
    expect((call!.init.headers as Record<string, string>)['x-csrf-token']).toBe('tok');
  });

  it('throws the problem with the server message and reports an ended session once', async () => {
    const { client, expired } = clientWith(() => problem(401, 'session expired'));
    await expect(client.get('/kris')).rejects.toMatchObject({ status: 401, message: 'session expired' });
    expect(expired()).toBe(1);
  });

  it('does not treat a failed login step as an expired session', async () => {
    const { client, expired } = clientWith(() => problem(401, 'wrong password'));
    await expect(client.post('/auth/login', {}, { anonymous: true })).rejects.toBeInstanceOf(ApiProblem);
    expect(expired()).toBe(0);
  });

  it('turns a body that is not JSON into a problem named by its status', async () => {
    const { client } = clientWith(() => new Response('<html>bad gateway</html>', { status: 502 }));
    await expect(client.get('/kris')).rejects.toMatchObject({ status: 502, code: 'HTTP_502' });
  });

  it('reports an unreachable server as status 0', async () => {
    const client = new ApiClient({
      language: () => 'en',
      csrfToken: () => undefined,
      onUnauthenticated: () => {},
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(client.get('/kris')).rejects.toMatchObject({ status: 0, unreachable: true });
  });

  it('encodes query values and leaves out undefined ones', () => {
    expect(withQuery('/decisions', { rule: 'a b', limit: 5, from: undefined })).toBe(
      '/decisions?rule=a+b&limit=5',
    );
    expect(withQuery('/decisions', {})).toBe('/decisions');
  });
});
