import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPublicAddress } from './address-ranges.js';
import { fakeResolver } from './fixtures.js';
import { HostPolicy, parseAllowedHosts } from './host-policy.js';

const dns = fakeResolver({
  'hooks.example.com': ['93.184.215.14'],
  'a.b.example.com': ['93.184.215.15'],
  'example.com': ['93.184.215.16'],
  'internal.example.com': ['10.1.2.3'],
  'mixed.example.com': ['93.184.215.17', '192.168.0.9'],
  'rebind.example.com': ['64:ff9b::7f00:1'],
  localhost: ['127.0.0.1', '::1'],
});

describe('webhook host allow-list', () => {
  it('matches exact hosts and *.suffix wildcards, not the bare suffix', () => {
    const policy = new HostPolicy(['hooks.example.com', '*.example.com'], dns);
    expect(policy.hostAllowed('hooks.example.com')).toBe(true);
    expect(policy.hostAllowed('a.b.example.com')).toBe(true);
    expect(policy.hostAllowed('HOOKS.Example.COM.')).toBe(true);
    expect(policy.hostAllowed('example.com')).toBe(false);
    expect(policy.hostAllowed('evil-example.com')).toBe(false);
    expect(policy.hostAllowed('example.com.evil.net')).toBe(false);
  });

  it('refuses a host outside the list before resolving it', async () => {
    const policy = new HostPolicy(['hooks.example.com'], async () => {
      throw new Error('must not resolve');
    });
    const check = await policy.check('https://attacker.net/x');
    expect(check).toMatchObject({ ok: false, refusal: 'host_not_allowed' });
  });

  it('refuses a listed name that resolves to a private address unless that address is listed', async () => {
    const strict = new HostPolicy(['*.example.com', 'localhost'], dns);
    expect(await strict.check('https://internal.example.com/h')).toMatchObject({
      refusal: 'address_not_allowed',
    });
    expect(await strict.check('https://mixed.example.com/h')).toMatchObject({
      refusal: 'address_not_allowed',
    });
    expect(await strict.check('https://rebind.example.com/h')).toMatchObject({
      refusal: 'address_not_allowed',
    });
    expect(await strict.check('http://localhost:8080/h')).toMatchObject({ refusal: 'address_not_allowed' });
    const explicit = new HostPolicy(['internal.example.com', '10.1.2.3'], dns);
    expect(await explicit.check('https://internal.example.com/h')).toMatchObject({
      ok: true,
      addresses: ['10.1.2.3'],
    });
  });

  it('takes 127.0.0.1 only when listed literally, in any spelling of the URL', async () => {
    const none = new HostPolicy(['hooks.example.com'], dns);
    expect(await none.check('http://127.0.0.1:9/h')).toMatchObject({ refusal: 'host_not_allowed' });
    expect(await none.check('http://2130706433:9/h')).toMatchObject({ refusal: 'host_not_allowed' });
    expect(await none.check('http://[::ffff:127.0.0.1]:9/h')).toMatchObject({ refusal: 'host_not_allowed' });
    const listed = new HostPolicy(['127.0.0.1'], dns);
    expect(await listed.check('http://127.0.0.1:9/h')).toMatchObject({ ok: true, addresses: ['127.0.0.1'] });
    expect(await listed.check('http://0x7f.1:9/h')).toMatchObject({ ok: true });
  });

  it('refuses other schemes, credentials in the URL and unresolvable hosts', async () => {
    const policy = new HostPolicy(['*.example.com', 'nowhere.test'], dns);
    expect(await policy.check('ftp://hooks.example.com/')).toMatchObject({ refusal: 'invalid_url' });
    expect(await policy.check('https://u:p@hooks.example.com/')).toMatchObject({ refusal: 'invalid_url' });
    expect(await policy.check('not a url')).toMatchObject({ refusal: 'invalid_url' });
    expect(await policy.check('https://nowhere.test/')).toMatchObject({ refusal: 'unresolvable' });
    expect(await policy.check('https://hooks.example.com/x?y=1')).toMatchObject({ ok: true });
  });

  it('parses the setting and names the first bad entry', () => {
    expect(parseAllowedHosts('hooks.example.com, *.corp.example  127.0.0.1,[::1]')).toEqual({
      hosts: ['hooks.example.com', '*.corp.example', '127.0.0.1', '::1'],
    });
    expect(parseAllowedHosts('')).toEqual({ hosts: [] });
    expect(parseAllowedHosts('https://x.com')).toHaveProperty('error');
    expect(parseAllowedHosts('*')).toHaveProperty('error');
    expect(parseAllowedHosts('a.*.com')).toHaveProperty('error');
    expect(parseAllowedHosts('x.com:443')).toHaveProperty('error');
  });
});

describe('public addresses', () => {
  it('classifies the special-purpose ranges as not public', () => {
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1',
      '2002:7f00:1::',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });

  it('never calls an address in 10/8, 127/8 or 192.168/16 public', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(fc.constantFrom('10', '127', '192.168'), octet, octet, octet, (prefix, a, b, c) => {
        const rest = prefix === '192.168' ? [b, c] : [a, b, c];
        return !isPublicAddress(`${prefix}.${rest.join('.')}`);
      }),
    );
  });
});
