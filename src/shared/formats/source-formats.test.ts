import { describe, expect, it } from 'vitest';
import { formatOf, IMPORTABLE_EXTENSIONS, unsupportedFileMessage } from './source-formats';

describe('formatOf', () => {
  it('knows the article and corpus extensions, in any case, and nothing else', () => {
    expect(['a.txt', 'b.TXT', 'c.md', 'd.markdown', 'e.html', 'f.HTM', 'g.jsonl', 'h.ndjson'].map(formatOf))
      .toEqual(['txt', 'txt', 'md', 'md', 'html', 'html', 'jsonl', 'jsonl']);
    expect(['i.conll', 'j.tsv', 'k.ann', 'l.json', 'ben.tagwerk'].map(formatOf)).toEqual(['conll', 'conll', 'brat', 'label-studio', 'bundle']);
    expect(['bild.png', 'tabelle.csv', 'README', 'a.txt.gz', 'doc.pdf'].map(formatOf)).toEqual([null, null, null, null, null]);
  });
});

describe('IMPORTABLE_EXTENSIONS', () => {
  it('lists exactly the extensions formatOf accepts', () => {
    expect(IMPORTABLE_EXTENSIONS.map((e) => formatOf(`datei.${e}`))).not.toContain(null);
    expect([...IMPORTABLE_EXTENSIONS].sort()).toEqual(['ann', 'bio', 'bioes', 'conll', 'conll03', 'conll2003', 'htm', 'html', 'iob', 'iob1', 'iob2', 'json', 'jsonl', 'jsonld', 'markdown', 'md', 'ndjson', 'tagwerk', 'text', 'tsv', 'txt', 'xhtml']);
    expect(unsupportedFileMessage('bild.png')).toBe('bild.png: unsupported file type (articles: .txt, .md, .html; annotated: .jsonl (Tagwerk, doccano), .conll, .tsv, .json (Label Studio, W3C), .jsonld, brat .ann with its .txt, Tagwerk bundle .tagwerk)');
  });
});
