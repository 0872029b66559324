/**
 * The actor an annotation mentions: linked to an entry of the project's entity list (span
 * attribute `entity`). Suggests entities whose name or alias matches the quote, searches the
 * list, creates an entity from the quote, and adds the quote as an alias of the linked one.
 */
import { useMemo, useState } from 'react';
import type { TagwerkApi } from '../../shared/api/tagwerk-api';
import type { Span } from '../../shared/model/annotation';
import { ENTITY_ATTRIBUTE, ENTITY_TYPES, matchEntities, normalizeName, type Entity, type EntityType, type Mention } from '../../shared/model/entities';
import type { Entities } from '../state/use-entities';

interface Props {
  api: TagwerkApi;
  /** The project's folder (for the command line that exports the mentions). */
  projectDir: string;
  span: Span;
  entities: Entities;
  /** Sets or clears the span's link (one undoable edit). */
  onLink: (entity: Entity | null) => void;
}

const MATCH_WORDS = { exact: 'name matches', genitive: 'genitive of', surname: 'surname of' } as const;

export function EntityLink({ api, projectDir, span, entities, onLink }: Props) {
  const linkedId = typeof span.attributes[ENTITY_ATTRIBUTE] === 'string' ? span.attributes[ENTITY_ATTRIBUTE] as string : null;
  const linked = entities.list.find((e) => e.id === linkedId);
  const [query, setQuery] = useState('');
  const candidates = useMemo(() => matchEntities(span.quote, entities.list).slice(0, 4), [span.quote, entities.list]);
  const needle = normalizeName(query);
  const found = needle ? entities.list.filter((e) => [e.name, ...e.aliases].some((n) => normalizeName(n).includes(needle))).slice(0, 6) : [];
  const actorType = span.attributes.actor_type;
  const newType: EntityType = (ENTITY_TYPES as readonly unknown[]).includes(actorType) ? actorType as EntityType : 'person';
  const known = linked && [linked.name, ...linked.aliases].some((n) => normalizeName(n) === normalizeName(span.quote));

  const create = async () => {
    const name = query.trim() || span.quote;
    const saved = await entities.save({ name, type: newType, aliases: name === span.quote ? [] : [span.quote] });
    if (saved) { onLink(saved); setQuery(''); }
  };

  return (
    <section className="tw-entity-link" aria-label="Entity" data-testid="entity-link">
      <h3>Entity</h3>
      {entities.problem && <p className="tw-field-error tw-small">{entities.problem}</p>}
      {linkedId ? (
        <div className="tw-entity-linked">
          <b>{linked?.name ?? linkedId}</b>{linked && <span className="tw-muted"> · {linked.type.replace(/_/g, ' ')}</span>}
          {!linked && <span className="tw-muted"> (not in this project's list)</span>}
          <div className="tw-entity-actions">
            {linked && !known && (
              <button type="button" className="tw-link" onClick={() => void entities.save({ id: linked.id, name: linked.name, type: linked.type, aliases: [...linked.aliases, span.quote], ...(linked.note ? { note: linked.note } : {}) })}>
                Add “{span.quote}” as alias
              </button>
            )}
            <button type="button" className="tw-link" onClick={() => onLink(null)}>Unlink</button>
          </div>
          {linked && <EntityMentions key={linked.id} api={api} entity={linked} projectDir={projectDir} />}
        </div>
      ) : (
        <>
          {candidates.length > 0 && (
            <ul className="tw-entity-candidates" aria-label="Suggested entities">
              {candidates.map((c) => (
                <li key={c.entity.id}>
                  <button type="button" onClick={() => onLink(c.entity)}>Link to {c.entity.name}</button>
                  <span className="tw-muted tw-small"> {MATCH_WORDS[c.match]} “{c.via}”</span>
                </li>
              ))}
            </ul>
          )}
          <div className="tw-entity-search">
            <input value={query} placeholder="Find or name an entity…" aria-label="Find entity" onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => { if (e.key === 'Enter' && !found.length) void create(); }} />
            {found.map((e) => <button key={e.id} type="button" className="tw-link" onClick={() => { onLink(e); setQuery(''); }}>{e.name}</button>)}
            <button type="button" onClick={() => void create()}>New entity “{query.trim() || span.quote}”</button>
          </div>
        </>
      )}
      {entities.error && <p className="tw-field-error tw-small" role="alert">{entities.error}</p>}
    </section>
  );
}

/**
 * Every mention of the entity in the project, by every annotator, loaded when opened (and again
 * each time: links made meanwhile are on disk within milliseconds).
 */
function EntityMentions({ api, entity, projectDir }: { api: TagwerkApi; entity: Entity; projectDir: string }) {
  const [mentions, setMentions] = useState<Mention[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => api.entityMentions({ entityId: entity.id }).then((m) => { setMentions(m); setError(null); }, (err: Error) => setError(err.message));
  const documents = new Map<string, { title: string; mentions: Mention[] }>();
  for (const m of mentions ?? []) {
    const doc = documents.get(m.documentId) ?? { title: m.title, mentions: [] };
    doc.mentions.push(m);
    documents.set(m.documentId, doc);
  }
  return (
    <details className="tw-entity-mentions" onToggle={(e) => { if ((e.target as HTMLDetailsElement).open) void load(); }} data-testid="entity-mentions">
      <summary>Mentions{mentions && ` · ${mentions.length} in ${documents.size} document${documents.size === 1 ? '' : 's'}`}</summary>
      {error && <p className="tw-field-error tw-small" role="alert">{error}</p>}
      {mentions && (
        <ul aria-label={`Mentions of ${entity.name}`}>
          {[...documents].map(([id, doc]) => (
            <li key={id}>
              <span className="tw-small tw-muted">{doc.title}</span>
              <span>{doc.mentions.map((m) => `“${m.quote}” (${m.annotator})`).join(', ')}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="tw-small tw-muted">Export as a table: <code>tagwerk entities --project {JSON.stringify(projectDir)} --mentions --entity {entity.id} --csv</code></p>
    </details>
  );
}
