/**
 * What a simulated stream contains: events by type and by fraud pattern, the late arrivals and the
 * time span. Built incrementally, so the CLI summarises a stream while writing it.
 */
import type { Bilingual } from '../contracts.js';
import { BUILTIN_EVENT_TYPES, type BuiltinEventType } from '../events/builtin.js';
import { PATTERN_TITLES, PATTERNS, type Pattern, type SimulatedEvent } from './model.js';

/** Counts of a stream. */
export interface SimulationSummary {
  readonly events: number;
  readonly fraud_events: number;
  readonly by_type: Readonly<Partial<Record<BuiltinEventType, number>>>;
  readonly by_pattern: Readonly<Record<Pattern, number>>;
  /** Events emitted after an event that happened later. */
  readonly late_events: number;
  readonly first_at: string | null;
  readonly last_at: string | null;
}

/** Accumulates a {@link SimulationSummary} one event at a time. */
export class SummaryBuilder {
  #events = 0;
  #fraud = 0;
  #late = 0;
  #maxMs = Number.NEGATIVE_INFINITY;
  #minMs = Number.POSITIVE_INFINITY;
  readonly #byType = new Map<BuiltinEventType, number>();
  readonly #byPattern = new Map<Pattern, number>(PATTERNS.map((p) => [p, 0]));

  /** Counts one event. */
  add(event: SimulatedEvent): void {
    this.#events++;
    this.#byType.set(event.type, (this.#byType.get(event.type) ?? 0) + 1);
    const { pattern } = event.label;
    if (event.label.fraud) this.#fraud++;
    if (pattern !== null) this.#byPattern.set(pattern, (this.#byPattern.get(pattern) ?? 0) + 1);
    const ms = Date.parse(event.occurred_at);
    if (ms < this.#maxMs) this.#late++;
    else this.#maxMs = ms;
    if (ms < this.#minMs) this.#minMs = ms;
  }

  /** The summary so far; types in their catalogue order. */
  result(): SimulationSummary {
    const byType: Partial<Record<BuiltinEventType, number>> = {};
    for (const type of Object.keys(BUILTIN_EVENT_TYPES) as BuiltinEventType[]) {
      const n = this.#byType.get(type);
      if (n !== undefined) byType[type] = n;
    }
    return {
      events: this.#events,
      fraud_events: this.#fraud,
      by_type: byType,
      by_pattern: Object.fromEntries(this.#byPattern) as Record<Pattern, number>,
      late_events: this.#late,
      first_at: this.#events > 0 ? new Date(this.#minMs).toISOString() : null,
      last_at: this.#events > 0 ? new Date(this.#maxMs).toISOString() : null,
    };
  }
}

/** Counts by type and by pattern of a whole stream. */
export function summarise(events: Iterable<SimulatedEvent>): SimulationSummary {
  const builder = new SummaryBuilder();
  for (const event of events) builder.add(event);
  return builder.result();
}

/** The summary as lines people read, each label in English and Chinese. */
export function describeSummary(summary: SimulationSummary): string[] {
  const share = (n: number) => (summary.events === 0 ? '0.00' : ((100 * n) / summary.events).toFixed(2));
  const label = (t: Bilingual) => `${t.en} / ${t.zh}`;
  const lines = [
    `events / 事件: ${summary.events} (${summary.first_at ?? '-'} → ${summary.last_at ?? '-'})`,
    `fraud / 欺诈: ${summary.fraud_events} (${share(summary.fraud_events)}%)`,
    `late arrivals / 迟到事件: ${summary.late_events} (${share(summary.late_events)}%)`,
    'by type / 按类型:',
  ];
  for (const [type, n] of Object.entries(summary.by_type) as [BuiltinEventType, number][]) {
    lines.push(`  ${type.padEnd(17)} ${String(n).padStart(9)}  ${label(BUILTIN_EVENT_TYPES[type].title)}`);
  }
  lines.push('by fraud pattern / 按欺诈模式:');
  for (const p of PATTERNS) {
    const n = summary.by_pattern[p];
    lines.push(
      `  ${p.padEnd(17)} ${String(n).padStart(9)}  ${share(n).padStart(6)}%  ${label(PATTERN_TITLES[p])}`,
    );
  }
  return lines;
}
