/**
 * An incident's story in one list. The server writes every plan activation and checklist tick on
 * the incident's timeline as a plain line in both languages ("checklist 3 done: 中文 / English");
 * this joins those lines with the activations' checklists so the page shows the step's title in
 * the reader's language, its status and note, and sorts everything by the moment it describes
 * (`at`, which a person may set earlier than when it was recorded), equal times in recorded order.
 */
import type { Activation, Actor, Bilingual, ChecklistItem, TimelineEntry } from './types.js';

interface Common {
  readonly key: string;
  readonly at: string;
  readonly author: Actor;
  /** Recorded more than a minute after the moment it describes. */
  readonly backdated: boolean;
}

/** One line of the merged timeline. */
export type StoryEntry =
  | (Common & { readonly source: 'timeline'; readonly kind: string; readonly text: string })
  | (Common & {
      readonly source: 'activation';
      readonly planId: string;
      readonly planVersion: number;
      readonly planTitle: Bilingual | null;
      readonly text: string;
    })
  | (Common & {
      readonly source: 'checklist';
      readonly seq: number;
      readonly status: 'done' | 'skipped';
      readonly title: Bilingual | null;
      readonly note: string | null;
      readonly text: string;
    });

const ACTIVATED = /^plan (\S+) v(\d+) activated/;
const TICKED = /^checklist (\d+) (done|skipped)/;

/** The timeline of an incident joined with its `activations`, oldest first. */
export function mergeTimeline(
  timeline: readonly TimelineEntry[],
  activations: readonly Activation[],
): StoryEntry[] {
  const sorted = [...timeline].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.seq - b.seq);
  return sorted.map((t): StoryEntry => {
    const common: Common = {
      key: String(t.seq),
      at: t.at,
      author: t.author,
      backdated: Date.parse(t.recorded_at) - Date.parse(t.at) > 60_000,
    };
    if (t.kind === 'plan') {
      const activated = ACTIVATED.exec(t.text);
      if (activated) {
        const planId = activated[1] ?? '';
        const planVersion = Number(activated[2]);
        const activation = activations.find((a) => a.plan_id === planId && a.plan_version === planVersion);
        return {
          ...common,
          source: 'activation',
          planId,
          planVersion,
          planTitle: activation?.plan_title ?? null,
          text: t.text,
        };
      }
      const ticked = TICKED.exec(t.text);
      if (ticked) {
        const seq = Number(ticked[1]);
        const item = tickedItem(activations, seq, t.at);
        return {
          ...common,
          source: 'checklist',
          seq,
          status: ticked[2] === 'skipped' ? 'skipped' : 'done',
          title: item?.title ?? null,
          note: item?.note ?? null,
          text: t.text,
        };
      }
    }
    return { ...common, source: 'timeline', kind: t.kind, text: t.text };
  });
}

/** The checklist item `seq` ticked at `at`: the one done then, else that of the latest earlier activation. */
function tickedItem(activations: readonly Activation[], seq: number, at: string): ChecklistItem | undefined {
  const ms = Date.parse(at);
  const items = activations.flatMap((a) => a.items.filter((i) => i.seq === seq).map((i) => ({ a, i })));
  const exact = items.find(({ i }) => i.done_at !== null && Date.parse(i.done_at) === ms);
  if (exact) return exact.i;
  const earlier = items
    .filter(({ a }) => Date.parse(a.activated_at) <= ms)
    .sort((x, y) => Date.parse(y.a.activated_at) - Date.parse(x.a.activated_at));
  return earlier[0]?.i;
}
