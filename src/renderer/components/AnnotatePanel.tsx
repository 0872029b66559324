/**
 * The side panel of the annotate view: the selected annotation (or the suggestions), the
 * document's annotation list and its metadata.
 *
 * It is drawn one step behind the text: the view hands it deferred values (`useDeferredValue`),
 * so a key press paints its highlight first and the panel follows in the next task. On a long
 * document the panel's lists and forms cost more than the highlight itself (issue 7: the key
 * press budget). Its actions go through a ref to the view's current handlers, so the panel's
 * props stay equal between renders that do not change what it shows.
 */
import { memo, type RefObject } from 'react';
import type { DocumentDetail, ProjectInfo, TagwerkApi } from '../../shared/api/tagwerk-api';
import type { Layer, Span } from '../../shared/model/annotation';
import type { Label } from '../../shared/model/tag-schema';
import type { SpanPatch } from '../../shared/ops/span-ops';
import { withEntityLink } from '../../shared/model/entities';
import { withPlaceLink } from '../../shared/model/user-places';
import { useDiscussion } from '../state/use-discussion';
import type { Entities } from '../state/use-entities';
import type { Suggestions } from '../state/use-suggestions';
import { AnnotationList } from './AnnotationList';
import { EntityLink } from './EntityLink';
import { MetaPanel } from './MetaPanel';
import { PlaceLink } from './PlaceLink';
import { RelationList } from './RelationList';
import { SpanPanel } from './SpanPanel';
import { SuggestionPanel } from './SuggestionPanel';

/** What the panel can ask of the view. */
export interface PanelActions {
  retag(spanId: string, labelId: string): void;
  /** Deletes the selected annotation. */
  remove(): void;
  patch(spanId: string, patch: SpanPatch): void;
  /** Selects an annotation and scrolls it into view. */
  show(span: Span): void;
  tagOccurrences(spanId: string): void;
  retypeRelation(id: string, type: string): void;
  removeRelation(id: string): void;
}

/** What the panel shows; every field is deferred by the view. */
export interface PanelState {
  layer: Layer;
  selectedId: string | null;
  suggestions: Suggestions;
  entities: Entities;
  annotatorName: string;
}

interface Props extends PanelState {
  api: TagwerkApi;
  project: ProjectInfo;
  detail: DocumentDetail;
  labels: readonly Label[];
  curatedMode: boolean;
  names: ReadonlyMap<string, string>;
  actions: RefObject<PanelActions>;
}

export const AnnotatePanel = memo(function AnnotatePanel({
  layer, selectedId, suggestions, entities, annotatorName, api, project, detail, labels, curatedMode, names, actions,
}: Props) {
  const spans = layer.spans;
  const selected = selectedId ? spans.find((s) => s.id === selectedId) : undefined;
  const discussion = useDiscussion(api, detail, project.currentAnnotator.id, { annotator: layer.annotator, spans });
  const act = () => actions.current;
  return (
    <aside className="tw-panel" aria-label="Annotation details">
      {!selected && <SuggestionPanel suggestions={suggestions} labels={labels} />}
      {selected ? (
        <SpanPanel key={selected.id} span={selected} labels={labels} annotatorName={annotatorName}
          onRetag={(labelId) => act().retag(selected.id, labelId)} onDelete={() => act().remove()}
          onAttributes={(attributes) => act().patch(selected.id, { attributes })} onNote={(note) => act().patch(selected.id, { note })}
          discussion={discussion} layer={layer.annotator} names={names}>
          {selected.label === 'actor' && (
            <EntityLink api={api} projectDir={project.dir} span={selected} entities={entities}
              onLink={(entity) => act().patch(selected.id, { attributes: withEntityLink(selected.attributes, entity) })} />
          )}
          {selected.label === 'location' && (
            <PlaceLink key={selected.id} api={api} span={selected}
              onLink={(place) => act().patch(selected.id, { attributes: withPlaceLink(selected.attributes, place) })} />
          )}
          {!curatedMode && (
            <p className="tw-span-more">
              <button type="button" className="tw-link" onClick={() => act().tagOccurrences(selected.id)} data-testid="tag-occurrences">Tag all occurrences…</button>
            </p>
          )}
          <RelationList span={selected} spans={spans} relations={layer.relations} labels={labels}
            onSelect={(span) => act().show(span)}
            onRetype={(id, type) => act().retypeRelation(id, type)}
            onRemove={(id) => act().removeRelation(id)} />
        </SpanPanel>
      ) : !suggestions.selected && (
        <p className="tw-muted tw-panel-hint">Select text and press a label key, or click an annotation to see and edit it.</p>
      )}
      <AnnotationList spans={spans} labels={labels} selectedId={selectedId} commentCounts={discussion.counts} layer={layer.annotator}
        onSelect={(span) => act().show(span)} />
      <MetaPanel detail={detail} annotators={project.annotators} />
    </aside>
  );
});
