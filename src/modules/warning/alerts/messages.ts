/**
 * The texts people read about an alert, in English and Simplified Chinese: the notice title (inbox
 * line, e-mail subject) and body for each event, and the titles of alerts raised from KRIs.
 */
import type { Text } from '../../../kernel/i18n.js';
import { type Notice, type NoticeEvent, SEVERITY_NAMES } from '../notify/index.js';
import type { AlertView } from './views.js';

/** What a notice adds to the alert: the note, the limit that ran out, who acted. */
export interface NoticeExtra {
  readonly note?: string | undefined;
  readonly limitMs?: number | undefined;
  readonly by?: string | undefined;
}

/** `15 min` / `15 分钟`, `4 h` / `4 小时`. */
export function durationText(ms: number): Text {
  const minutes = Math.round(ms / 60_000);
  if (minutes % 60 === 0) return { en: `${minutes / 60} h`, zh: `${minutes / 60} 小时` };
  return { en: `${minutes} min`, zh: `${minutes} 分钟` };
}

function titleOf(event: NoticeEvent, alert: AlertView): Text {
  const sev = SEVERITY_NAMES[alert.severity];
  const t = alert.title;
  const level = alert.escalated_to;
  switch (event) {
    case 'alert.raised':
      return { en: `New alert (${sev.en}): ${t.en}`, zh: `新预警（${sev.zh}）：${t.zh}` };
    case 'alert.upgraded':
      return { en: `Alert now ${sev.en}: ${t.en}`, zh: `预警级别提高至“${sev.zh}”：${t.zh}` };
    case 'alert.escalated':
      return {
        en: `Alert escalated to level ${level?.level ?? alert.escalation_level}: ${t.en}`,
        zh: `预警已上报至第 ${level?.level ?? alert.escalation_level} 级：${t.zh}`,
      };
    case 'alert.acknowledged':
      return { en: `Alert acknowledged: ${t.en}`, zh: `预警已确认：${t.zh}` };
    case 'alert.resolved':
      return { en: `Alert resolved: ${t.en}`, zh: `预警已关闭：${t.zh}` };
    case 'alert.reassigned':
      return { en: `Alert assigned to you: ${t.en}`, zh: `预警已转交给您：${t.zh}` };
    default:
      return t;
  }
}

function bodyOf(event: NoticeEvent, alert: AlertView, extra: NoticeExtra): Text {
  const sev = SEVERITY_NAMES[alert.severity];
  const en = [
    `Severity: ${sev.en}. Status: ${alert.status}.`,
    `Key: ${alert.key}. Subject: ${alert.subject}.`,
    `Seen ${alert.occurrences} time(s), first at ${alert.first_seen_at}, last at ${alert.last_seen_at}.`,
    `Owner: ${alert.owner_id ?? 'none'}.`,
  ];
  const zh = [
    `级别：${sev.zh}。状态：${STATUS_ZH[alert.status]}。`,
    `键：${alert.key}。对象：${alert.subject}。`,
    `共出现 ${alert.occurrences} 次，首次 ${alert.first_seen_at}，最近 ${alert.last_seen_at}。`,
    `负责人：${alert.owner_id ?? '无'}。`,
  ];
  if (event === 'alert.escalated' && extra.limitMs !== undefined) {
    const limit = durationText(extra.limitMs);
    en.push(
      `Not acknowledged within ${limit.en}; escalated to ${alert.escalated_to?.rule ?? 'the next level'}.`,
    );
    zh.push(`未在 ${limit.zh} 内确认，已上报至 ${alert.escalated_to?.rule ?? '下一级'}。`);
  } else if (event === 'alert.escalated') {
    en.push(`Escalated by ${extra.by ?? 'a person'} to ${alert.escalated_to?.rule ?? 'the next level'}.`);
    zh.push(`由 ${extra.by ?? '人工'} 上报至 ${alert.escalated_to?.rule ?? '下一级'}。`);
  }
  if (extra.note) {
    en.push(`Note: ${extra.note}`);
    zh.push(`说明：${extra.note}`);
  }
  en.push(`Alert id: ${alert.id}`);
  zh.push(`预警编号：${alert.id}`);
  return { en: en.join('\n'), zh: zh.join('\n') };
}

const STATUS_ZH: Readonly<Record<AlertView['status'], string>> = {
  open: '待确认',
  acknowledged: '已确认',
  resolved: '已关闭',
};

/** The notice of `event` on `alert`, for the inboxes of `recipients` and every subscribed target. */
export function alertNotice(
  event: NoticeEvent,
  alert: AlertView,
  recipients: readonly string[],
  extra: NoticeExtra = {},
): Notice {
  return {
    event,
    severity: alert.severity,
    title: titleOf(event, alert),
    body: bodyOf(event, alert, extra),
    recipients,
    alert: { ...alert },
  };
}

/** The note written when a KRI's return to green resolves its alert (`autoResolveOnGreen`). */
export const BACK_TO_GREEN_NOTE =
  'Resolved automatically: the KRI is back to green / 指标已恢复绿色，自动关闭';
