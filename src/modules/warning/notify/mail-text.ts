/**
 * The e-mail a delivery becomes: both languages in one message, English first, because one mailbox
 * (a team list) often serves readers of either language.
 */
import type { DeliveryPayload } from './deliveries.js';

/** Subject and plain-text body of the e-mail for `payload`. */
export function renderMail(payload: DeliveryPayload): { subject: string; text: string } {
  const subject = `[Fengkong 风控] ${payload.title.en} / ${payload.title.zh}`;
  const reference = payload.alert ? `Alert / 预警: ${payload.alert.id}\n` : '';
  const text = [
    payload.title.en,
    '',
    payload.body.en,
    '',
    '————————',
    '',
    payload.title.zh,
    '',
    payload.body.zh,
    '',
    '--',
    `${reference}Delivery / 投递: ${payload.id}`,
    `Event / 事件: ${payload.event}`,
    '',
  ].join('\n');
  return { subject, text: text.replace(/\r?\n/g, '\r\n') };
}
