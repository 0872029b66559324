/** The project's entity list (actors), fetched once per view and kept current after each save. */
import { useCallback, useEffect, useState } from 'react';
import type { TagwerkApi } from '../../shared/api/tagwerk-api';
import { sortEntities, type Entity, type EntityInput } from '../../shared/model/entities';

export interface Entities {
  list: readonly Entity[];
  /** Whether the list has been fetched (until then `list` is empty). */
  loaded: boolean;
  /** Why the list cannot be used (a damaged entities.json), if so. */
  problem: string | null;
  /** Creates or changes an entity; resolves to it, or null with `error` set. */
  save(input: EntityInput): Promise<Entity | null>;
  error: string | null;
}

export function useEntities(api: TagwerkApi): Entities {
  const [list, setList] = useState<readonly Entity[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.listEntities({}).then((r) => { if (live) { setList(r.entities); setProblem(r.problem ?? null); setLoaded(true); } },
      (err: Error) => { if (live) { setProblem(err.message); setLoaded(true); } });
    return () => { live = false; };
  }, [api]);
  const save = useCallback(async (input: EntityInput) => {
    try {
      const saved = await api.saveEntity({ entity: input });
      setList((all) => sortEntities([...all.filter((e) => e.id !== saved.id), saved]));
      setError(null);
      return saved;
    } catch (err) {
      setError((err as Error).message);
      return null;
    }
  }, [api]);
  return { list, loaded, problem, save, error };
}
