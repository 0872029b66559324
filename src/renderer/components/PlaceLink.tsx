/**
 * Where a location annotation points: an entry of the offline gazetteer or one of the project's
 * own places, stored on the span as `place` (id), `place_name`, `lat` and `lon`. Candidates for
 * the quote are looked up when the panel opens; another name can be searched, and a place the
 * gazetteer lacks can be added with its coordinates.
 */
import { useEffect, useState } from 'react';
import type { PlaceSearchHit, TagwerkApi } from '../../shared/api/tagwerk-api';
import type { Span } from '../../shared/model/annotation';
import type { Place } from '../../shared/domain/gazetteer';
import { linkedPlace } from '../../shared/model/user-places';

interface Props {
  api: TagwerkApi;
  span: Span;
  /** Links the span to the place, or unlinks it (one undoable edit). */
  onLink: (place: Place | null) => void;
}

const coords = (lat: unknown, lon: unknown) => (typeof lat === 'number' && typeof lon === 'number' ? `${lat.toFixed(3)}, ${lon.toFixed(3)}` : '');

export function PlaceLink({ api, span, onLink }: Props) {
  const linked = linkedPlace(span);
  const [query, setQuery] = useState(span.quote);
  const [hits, setHits] = useState<readonly PlaceSearchHit[] | null>(null);
  const [attribution, setAttribution] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState<{ lat: string; lon: string } | null>(null);

  useEffect(() => {
    if (linked || !query.trim()) { setHits(null); return; }
    let live = true;
    const t = setTimeout(() => {
      api.searchPlaces({ query: query.trim(), limit: 6 }).then((r) => {
        if (!live) return;
        setHits(r.places); setAttribution(r.attribution); setError(r.problem ?? (r.loading ? 'The gazetteer is still loading; search again in a moment.' : null));
      }, (err: Error) => { if (live) setError(err.message); });
    }, 200);
    return () => { live = false; clearTimeout(t); };
  }, [api, query, linked]);

  const addOwn = async () => {
    if (!adding) return;
    const lat = Number(adding.lat.replace(',', '.'));
    const lon = Number(adding.lon.replace(',', '.'));
    try {
      const place = await api.savePlace({ place: { name: query.trim() || span.quote, kind: 'place', lat, lon, aliases: [] } });
      setAdding(null);
      onLink(place);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section className="tw-place-link" aria-label="Place" data-testid="place-link">
      <h3>Place</h3>
      {linked ? (
        <div>
          <b>{String(span.attributes.place_name ?? linked)}</b> <span className="tw-muted">{coords(span.attributes.lat, span.attributes.lon)} · {linked}</span>
          <div className="tw-entity-actions"><button type="button" className="tw-link" onClick={() => onLink(null)}>Unlink</button></div>
        </div>
      ) : (
        <>
          <input value={query} aria-label="Find place" placeholder="Find a place…" onChange={(e) => setQuery(e.target.value)} />
          {hits && hits.length === 0 && <p className="tw-muted tw-small">No place of that name in the gazetteer.</p>}
          {hits && hits.length > 0 && (
            <ul className="tw-entity-candidates" aria-label="Places found">
              {hits.map((p) => (
                <li key={p.id}>
                  <button type="button" onClick={() => onLink(p)}>Link to {p.name}{p.country ? ` (${p.country})` : ''}</button>
                  <span className="tw-muted tw-small"> {p.kind} · {coords(p.lat, p.lon)}{p.population ? ` · ${p.population.toLocaleString()} inhabitants` : ''}</span>
                </li>
              ))}
            </ul>
          )}
          {adding ? (
            <div className="tw-entity-search">
              <input value={adding.lat} aria-label="Latitude" placeholder="Latitude, e.g. 39.815" onChange={(e) => setAdding({ ...adding, lat: e.target.value })} />
              <input value={adding.lon} aria-label="Longitude" placeholder="Longitude, e.g. 46.752" onChange={(e) => setAdding({ ...adding, lon: e.target.value })} />
              <button type="button" onClick={() => void addOwn()}>Add “{query.trim() || span.quote}” and link</button>
              <button type="button" className="tw-link" onClick={() => setAdding(null)}>Cancel</button>
            </div>
          ) : (
            <button type="button" className="tw-link" onClick={() => setAdding({ lat: '', lon: '' })}>Add a place of your own…</button>
          )}
          {attribution && <p className="tw-muted tw-small tw-attribution">{attribution}</p>}
        </>
      )}
      {error && <p className="tw-field-error tw-small" role="alert">{error}</p>}
    </section>
  );
}
