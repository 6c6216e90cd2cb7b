import { format, type Lang, type Text } from '../../kernel/i18n.js';
import type { BreakReason, ChainBreak } from './chain.js';

/** What each kind of break means, for people, in both languages. */
const BREAK_TEXT: Record<BreakReason, Text> = {
  missing_entry: { en: 'entry {seq} is missing (deleted)', zh: '第 {seq} 条记录缺失（已被删除）' },
  unexpected_seq: { en: 'entry {seq} is out of order or duplicated', zh: '第 {seq} 条记录顺序错乱或重复' },
  prev_hash_mismatch: {
    en: 'entry {seq} does not link to the entry before it (inserted or replaced)',
    zh: '第 {seq} 条记录与前一条记录的链接断开（被插入或替换）',
  },
  hash_mismatch: { en: 'entry {seq} was altered after it was written', zh: '第 {seq} 条记录写入后被篡改' },
  malformed_entry: { en: 'entry {seq} is malformed', zh: '第 {seq} 条记录格式损坏' },
  truncated: { en: 'the log was truncated from entry {seq} on', zh: '审计日志从第 {seq} 条起被截断' },
  entries_beyond_head: {
    en: 'entry {seq} and later were written outside Fengkong',
    zh: '第 {seq} 条及之后的记录并非由系统写入',
  },
  checkpoint_mismatch: {
    en: 'the chain up to entry {seq} does not match a checkpoint: history was rewritten',
    zh: '截至第 {seq} 条的审计链与检查点不符：历史记录被改写',
  },
  checkpoint_beyond_chain: {
    en: 'a checkpoint covers entries that no longer exist, from entry {seq} on',
    zh: '检查点覆盖的记录从第 {seq} 条起已不存在',
  },
};

/** One line describing the state of the chain. */
export function describeVerify(intact: boolean, entries: number, b: ChainBreak | null, lang: Lang): string {
  if (intact || !b) {
    return lang === 'zh'
      ? `审计链完整：已验证 ${entries} 条记录`
      : `audit chain intact: ${entries} entries verified`;
  }
  const what = format(BREAK_TEXT[b.reason], lang, { seq: b.seq });
  return lang === 'zh' ? `审计链损坏：${what}` : `audit chain broken: ${what}`;
}

/** A break with its message in the given language. */
export function breakMessage(b: ChainBreak, lang: Lang): string {
  return format(BREAK_TEXT[b.reason], lang, { seq: b.seq });
}
