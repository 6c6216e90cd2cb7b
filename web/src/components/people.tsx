import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { useSession } from '../session/session.js';

/** Who is who: user id → display name, loaded once per signed-in client and shared by every page. */
type Directory = ReadonlyMap<string, string>;

const loaded = new WeakMap<ApiClient, Promise<Directory>>();

function directoryOf(api: ApiClient): Promise<Directory> {
  let pending = loaded.get(api);
  if (!pending) {
    pending = api
      .get<{ items: { id: string; display_name: string }[] }>('/people')
      .then((d) => new Map(d.items.map((p) => [p.id, p.display_name])))
      .catch(() => {
        // Names are a courtesy: without them the ids are shown, and the next page tries again.
        loaded.delete(api);
        return new Map<string, string>();
      });
    loaded.set(api, pending);
  }
  return pending;
}

/** The display names of the people who sign in; empty until loaded (or when not available). */
export function usePeople(): Directory {
  const { api } = useSession();
  const [people, setPeople] = useState<Directory>(new Map());
  useEffect(() => {
    let live = true;
    void directoryOf(api).then((d) => {
      if (live) setPeople(d);
    });
    return () => {
      live = false;
    };
  }, [api]);
  return people;
}

/**
 * A person's display name, with the id as its tooltip; the id itself when the id is not a person's
 * (the system, the CLI, an API key) or the names are not loaded.
 */
export function PersonName({ id }: { id: string }) {
  const people = usePeople();
  const name = people.get(id);
  return name === undefined ? <span className="mono">{id}</span> : <span title={id}>{name}</span>;
}
