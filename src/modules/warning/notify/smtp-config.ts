/**
 * Where e-mail goes: one SMTP server, read from `FENGKONG_SMTP_URL` and `FENGKONG_SMTP_FROM`.
 * `smtp://[user:password@]host[:port]` (port 587 by default) upgrades with STARTTLS when the server
 * offers it; `?starttls=required` refuses a server that does not, `?starttls=never` never upgrades.
 * `smtps://host[:port]` (port 465) speaks TLS from the first byte (RFC 8314 §3.3). Credentials are
 * only ever sent over TLS.
 */
import { isEmailAddress } from './mime.js';

/** How the connection is protected. */
export type SmtpSecurity = 'tls' | 'starttls' | 'opportunistic' | 'none';

/** The SMTP server and the sender address. */
export interface SmtpConfig {
  readonly host: string;
  readonly port: number;
  readonly security: SmtpSecurity;
  readonly user?: string;
  readonly password?: string;
  /** Envelope and `From:` address. */
  readonly from: string;
  /** The name given in EHLO (default `localhost`). */
  readonly clientName?: string;
  /** Deadline for the connection and for each reply, ms (default 30 000). */
  readonly timeoutMs?: number;
  /** Verify the server's certificate (default true). */
  readonly rejectUnauthorized?: boolean;
}

/** Parses the SMTP URL and sender; the configuration, or a message naming what is wrong. */
export function parseSmtpUrl(text: string, from: string): { smtp: SmtpConfig } | { error: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: 'FENGKONG_SMTP_URL is not a URL (smtp://host:port or smtps://host:port)' };
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    return { error: 'FENGKONG_SMTP_URL must start with smtp:// or smtps://' };
  }
  if (url.hostname === '') return { error: 'FENGKONG_SMTP_URL names no host' };
  if (!isEmailAddress(from)) return { error: 'FENGKONG_SMTP_FROM must be an e-mail address' };
  const implicit = url.protocol === 'smtps:';
  const mode = url.searchParams.get('starttls');
  if (mode !== null && !['required', 'opportunistic', 'never'].includes(mode)) {
    return { error: 'FENGKONG_SMTP_URL ?starttls= must be required, opportunistic or never' };
  }
  const security: SmtpSecurity = implicit
    ? 'tls'
    : mode === 'required'
      ? 'starttls'
      : mode === 'never'
        ? 'none'
        : 'opportunistic';
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return {
    smtp: {
      host,
      port: url.port === '' ? (implicit ? 465 : 587) : Number(url.port),
      security,
      ...(user === '' ? {} : { user, password }),
      from,
    },
  };
}
