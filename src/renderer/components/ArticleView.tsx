/** The article's canonical text in a calm, read-only tiptap view, annotations painted on top. */
import { useEffect, useMemo } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import type { DocumentDetail } from '../../shared/api/tagwerk-api';
import type { Label } from '../../shared/model/tag-schema';
import { ArticleBlock, ArticleDoc, ArticleParagraph, ArticleText } from '../editor/article-schema';
import { articleDocJson, createPositionMap } from '../editor/position-map';
import { paintSpans } from '../editor/paint-spans';
import { SpanDecorations, spanDecorationsKey } from '../editor/span-decorations';

interface Props {
  detail: DocumentDetail;
  labels: readonly Label[];
  annotatorId: string;
}

export function ArticleView({ detail, labels, annotatorId }: Props) {
  const { document: doc } = detail;
  const map = useMemo(() => createPositionMap(doc.text), [doc.text]);
  const editor = useEditor({
    extensions: [ArticleDoc, ArticleBlock, ArticleParagraph, ArticleText, SpanDecorations],
    editable: false,
    content: articleDocJson(doc.text),
    editorProps: { attributes: { class: 'tw-article-text', 'aria-label': 'Article text', lang: doc.meta.language ?? '' } },
  }, [doc.id]);

  const layer = detail.layers.find((l) => l.annotator === annotatorId);
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const spans = paintSpans(doc.text, layer, labels, map);
    editor.view.dispatch(editor.state.tr.setMeta(spanDecorationsKey, spans));
  }, [editor, layer, labels, map, doc.text]);

  return (
    <article className="tw-article" data-document-id={doc.id}>
      <header className="tw-article-header">
        <h1 className="tw-article-title">{doc.title}</h1>
        <p className="tw-article-byline">
          {doc.meta.date && <time dateTime={doc.meta.date} data-testid="article-date">{formatDate(doc.meta.date)}</time>}
          <span className="tw-article-source">{doc.source.fileName}</span>
        </p>
      </header>
      <EditorContent editor={editor} />
    </article>
  );
}

/** `2025-07` -> `July 2025`; `2025-07-14` -> `14 July 2025` (in the UI's locale). */
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const value = new Date(Date.UTC(y, m - 1, d ?? 1));
  return new Intl.DateTimeFormat(undefined, d ? { dateStyle: 'long', timeZone: 'UTC' } : { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(value);
}
