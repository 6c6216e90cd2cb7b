/**
 * Actors in one text column (`user:<id>`, `system:fengkong`), as the alert and notification tables
 * store who made or changed a row.
 */
import type { Actor } from '../../audit/index.js';

/** The stored text of an actor. */
export function actorText(actor: Actor): string {
  return `${actor.type}:${actor.id}`;
}

/** The actor of a stored text; an unreadable one is shown as the system. */
export function actorOf(text: string): Actor {
  const colon = text.indexOf(':');
  const type = text.slice(0, colon);
  if (colon > 0 && (type === 'user' || type === 'api_key' || type === 'system')) {
    return { type, id: text.slice(colon + 1) };
  }
  return { type: 'system', id: text };
}
