import { randomBytes } from 'node:crypto';
import { generate, generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { hashToken } from './tokens.js';

/**
 * TOTP (RFC 6238): 30-second steps, 6 digits, HMAC-SHA1 (what every authenticator app supports), and
 * a window of one step either side for clock drift (RFC 6238 §5.2 recommends at most one). A code is
 * accepted once: the caller stores the accepted step and passes it back, and a code of that step or
 * an older one is refused, so a code seen over someone's shoulder cannot be replayed.
 */
export const TOTP_PERIOD_SECONDS = 30;

/** The issuer shown in authenticator apps. */
export const TOTP_ISSUER = 'Fengkong';

/** The shape of a TOTP code. */
export const TOTP_CODE = /^[0-9]{6}$/;

/** A new TOTP secret: 20 random bytes (160 bits, RFC 4226 §4), base32. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The `otpauth://` URI an authenticator app scans. */
export function totpUri(secret: string, username: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: username, secret, period: TOTP_PERIOD_SECONDS });
}

/** The QR code of `uri` as an SVG data URL, for an `<img>` (the console's CSP allows `data:`). */
export async function qrDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/** The RFC 6238 time step of `nowMs`. */
export function timeStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code of `secret` at `nowMs` (for tests, the demo, and people without an app at hand). */
export function totpCode(secret: string, nowMs: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(nowMs / 1000), period: TOTP_PERIOD_SECONDS });
}

/**
 * Checks `code` against `secret` at `nowMs` within ±1 step. Returns the matched step when the code is
 * right and its step is later than `lastStep`, else undefined.
 */
export async function checkTotp(
  secret: string,
  code: string,
  nowMs: number,
  lastStep: number | null,
): Promise<number | undefined> {
  if (!TOTP_CODE.test(code)) return undefined;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(nowMs / 1000),
    period: TOTP_PERIOD_SECONDS,
    // Seconds either side of now: one period covers the previous and next step, never two away.
    epochTolerance: TOTP_PERIOD_SECONDS,
  });
  // The functional API's result type also covers HOTP, whose success carries no time step.
  if (!result.valid || !('timeStep' in result)) return undefined;
  const step = result.timeStep;
  if (lastStep !== null && step <= lastStep) return undefined;
  return step;
}

/** How many recovery codes an enrolment gives. */
export const RECOVERY_CODE_COUNT = 10;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** The shape of a recovery code once dashes and spaces are removed and letters lowercased. */
const RECOVERY_CODE = /^[a-z2-7]{16}$/;

/** Ten new one-time recovery codes, `xxxx-xxxx-xxxx-xxxx` (80 random bits each). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(16);
    let text = '';
    for (const byte of bytes) text += BASE32[byte & 31];
    return text.match(/.{4}/g)!.join('-');
  });
}

/** The canonical form of a typed recovery code, or undefined when it cannot be one. */
export function normalizeRecoveryCode(code: string): string | undefined {
  const plain = code.replace(/[\s-]/g, '').toLowerCase();
  return RECOVERY_CODE.test(plain) ? plain : undefined;
}

/** How a recovery code is stored: SHA-256 of its canonical form. */
export function hashRecoveryCode(code: string): string | undefined {
  const plain = normalizeRecoveryCode(code);
  return plain && hashToken(`recovery:${plain}`);
}
