/**
 * Server-side request forgery protection for webhooks (OWASP SSRF Prevention Cheat Sheet: allow-list
 * the destinations, validate the resolved address, do not follow redirects). A webhook URL is
 * accepted when:
 * 1. it is `http:` or `https:` without user name or password;
 * 2. its host matches an allow-list entry: an exact host (`hooks.example.com`), a suffix wildcard
 *    (`*.example.com`, which matches `a.example.com` and `a.b.example.com` but not `example.com`),
 *    or an IP literal (`127.0.0.1`, `::1`);
 * 3. every address the host resolves to is public, or is itself listed as an IP literal. So a private
 *    address is reachable only when the allow-list names that address: tests list `127.0.0.1` and
 *    post to `http://127.0.0.1:<port>/`; an internal receiver is listed by name and address
 *    (`alerts.internal,10.1.2.3`). A listed name alone never reaches a private address, which stops
 *    DNS answers (or rebinding) from turning an allowed name into a path to internal services.
 * The sender checks again at every attempt and connects to the address it checked.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { bareAddress, isPublicAddress } from './address-ranges.js';

/** One address a host resolves to. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

/** Resolves a host name to its addresses (injected by tests). */
export type Resolver = (host: string) => Promise<readonly ResolvedAddress[]>;

/** The operating system's resolver (`getaddrinfo`, so `/etc/hosts` counts), every address. */
export const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/** Why a URL was refused. */
export type HostRefusal = 'invalid_url' | 'host_not_allowed' | 'address_not_allowed' | 'unresolvable';

/** The outcome of checking a webhook URL. */
export type HostCheck =
  | { readonly ok: true; readonly url: URL; readonly host: string; readonly addresses: readonly string[] }
  | { readonly ok: false; readonly refusal: HostRefusal; readonly message: string };

const LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;

function isHostName(text: string): boolean {
  return text.length <= 253 && text.split('.').every((label) => LABEL.test(label));
}

/**
 * Parses a comma- or space-separated allow-list (`FENGKONG_WEBHOOK_ALLOWED_HOSTS`): the entries, or
 * the message naming the first bad one. An empty text allows no webhook at all.
 */
export function parseAllowedHosts(text: string): { hosts: string[] } | { error: string } {
  const hosts: string[] = [];
  for (const raw of text.split(/[\s,]+/)) {
    if (raw === '') continue;
    const entry = raw.toLowerCase().replace(/\.$/, '');
    const literal = bareAddress(entry);
    const ok =
      isIP(literal) !== 0 ||
      (entry.startsWith('*.') ? isHostName(entry.slice(2)) : !entry.includes('*') && isHostName(entry));
    if (!ok) {
      return { error: `${JSON.stringify(raw)} is not a host, *.suffix or IP address (no scheme, no port)` };
    }
    hosts.push(isIP(literal) !== 0 ? literal : entry);
  }
  return { hosts };
}

/** The allow-list of webhook hosts and the check of URLs against it. */
export class HostPolicy {
  private readonly exact = new Set<string>();
  private readonly suffixes: string[] = [];
  private readonly listedAddresses = new BlockList();

  constructor(
    entries: readonly string[],
    private readonly resolver: Resolver = systemResolver,
  ) {
    for (const entry of entries) {
      const literal = bareAddress(entry);
      const family = isIP(literal);
      if (family !== 0) {
        this.exact.add(literal);
        this.listedAddresses.addAddress(literal, family === 4 ? 'ipv4' : 'ipv6');
      } else if (entry.startsWith('*.')) this.suffixes.push(entry.slice(1).toLowerCase());
      else this.exact.add(entry.toLowerCase());
    }
  }

  /** Whether a host name or IP literal matches an entry (without resolving it). */
  hostAllowed(host: string): boolean {
    const h = bareAddress(host).replace(/\.$/, '');
    const family = isIP(h);
    if (family !== 0) return this.listedAddresses.check(h, family === 4 ? 'ipv4' : 'ipv6');
    return this.exact.has(h) || this.suffixes.some((suffix) => h.endsWith(suffix));
  }

  /** Whether a resolved address may be connected to: public, or listed as a literal. */
  addressAllowed(address: string): boolean {
    const bare = bareAddress(address);
    const family = isIP(bare);
    if (family === 0) return false;
    return isPublicAddress(bare) || this.listedAddresses.check(bare, family === 4 ? 'ipv4' : 'ipv6');
  }

  /** Checks a webhook URL: syntax, allow-list, then every resolved address. */
  async check(text: string): Promise<HostCheck> {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { ok: false, refusal: 'invalid_url', message: `${JSON.stringify(text)} is not a URL` };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return { ok: false, refusal: 'invalid_url', message: 'a webhook URL must be http: or https:' };
    }
    if (url.username !== '' || url.password !== '') {
      return {
        ok: false,
        refusal: 'invalid_url',
        message: 'a webhook URL must not carry a user name or password',
      };
    }
    const host = bareAddress(url.hostname).replace(/\.$/, '');
    if (!this.hostAllowed(host)) {
      return { ok: false, refusal: 'host_not_allowed', message: `host ${host} is not in the allowed hosts` };
    }
    let addresses: string[];
    if (isIP(host) !== 0) addresses = [host];
    else {
      try {
        addresses = (await this.resolver(host)).map((a) => a.address);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        return {
          ok: false,
          refusal: 'unresolvable',
          message: `host ${host} does not resolve (${String(code)})`,
        };
      }
      if (addresses.length === 0) {
        return { ok: false, refusal: 'unresolvable', message: `host ${host} has no address` };
      }
    }
    const refused = addresses.find((a) => !this.addressAllowed(a));
    if (refused !== undefined) {
      return {
        ok: false,
        refusal: 'address_not_allowed',
        message: `host ${host} resolves to ${refused}, which is not public; list that address to allow it`,
      };
    }
    return { ok: true, url, host, addresses };
  }
}
