/**
 * The e-mail a notice becomes: an RFC 5322 message with a MIME (RFC 2045) `text/plain; charset=utf-8`
 * body in base64, and a subject in RFC 2047 encoded words, so that Chinese text passes any SMTP server
 * (no SMTPUTF8 or 8BITMIME needed) and no line can begin with the `.` that ends SMTP DATA.
 */

/** One message to send. */
export interface MailMessage {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  /** Unix milliseconds, for the `Date` header. */
  readonly date: number;
  /** Without angle brackets, e.g. `<delivery id>@fengkong`. */
  readonly messageId: string;
}

/**
 * The "valid e-mail address" of the WHATWG HTML standard (§4.10.5.1.5, `input type=email`): a
 * deliberately simple form with no quoting, comments or white space, so an address can never carry
 * CR, LF, `<` or `>` into an SMTP command or a header.
 */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Whether `text` is an e-mail address Fengkong sends to or from. */
export function isEmailAddress(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5322 §3.3 date-time in UTC: `Thu, 01 Jan 2026 00:00:00 +0000`. */
export function formatMailDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time} +0000`;
}

/**
 * `text` as RFC 2047 "B" encoded words of at most 75 characters each (§2), split between characters
 * (never inside a UTF-8 sequence, §5) and folded onto continuation lines.
 */
export function encodeHeaderText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text) && text.length <= 900 && !text.includes('=?')) return text;
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk !== '') words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/** Base64 in lines of 76 characters (RFC 2045 §6.8). */
function base64Lines(text: string): string {
  const b64 = Buffer.from(text, 'utf8').toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join('\r\n');
}

/** The whole message, CRLF line endings, ready for DATA (before dot-stuffing). */
export function composeMessage(message: MailMessage): string {
  const headers = [
    `From: ${message.from}`,
    `To: ${message.to.join(', ')}`,
    `Subject: ${encodeHeaderText(message.subject.replace(/[\r\n]+/g, ' '))}`,
    `Date: ${formatMailDate(message.date)}`,
    `Message-ID: <${message.messageId}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${base64Lines(message.text)}\r\n`;
}
