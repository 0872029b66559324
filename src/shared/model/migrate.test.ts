import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, FileFormatError, loadFile } from './migrate';
import { defaultTagSchema } from './tag-schema';

const SHA = 'e40513d5b91acd2a'.padEnd(64, '0');

function layerFile(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemaVersion: 1, kind: 'tagwerk-layer', documentId: 'im-ringen-e40513d5', annotator: 'anna-mueller',
    textSha256: SHA, offsetUnit: 'codepoint', status: 'in_progress',
    spans: [{
      id: 's_1', start: 135, end: 147, label: 'actor', quote: 'Ilham Alijew',
      attributes: { actor_type: 'person' }, createdAt: '2025-07-01T10:00:00.000Z', modifiedAt: '2025-07-01T10:00:00.000Z',
    }],
    relations: [],
    ...overrides,
  };
}

/** Runs `fn` and returns the FileFormatError it throws. */
function formatError(fn: () => unknown): FileFormatError {
  try { fn(); } catch (err) {
    expect(err).toBeInstanceOf(FileFormatError);
    return err as FileFormatError;
  }
  throw new Error('expected a FileFormatError');
}

describe('loadFile', () => {
  it('returns a valid current layer file unchanged', () => {
    const raw = layerFile();
    expect(loadFile('tagwerk-layer', raw)).toEqual(raw);
  });

  it('loads a manifest with the default tag schema and its four labels', () => {
    const manifest = loadFile('tagwerk-project', {
      schemaVersion: 1, kind: 'tagwerk-project', name: 'Karabach 2020', createdAt: '2025-07-01T10:00:00.000Z',
      language: 'de', tagSchema: defaultTagSchema(), annotators: [{ id: 'anna-mueller', name: 'Anna Müller' }],
    });
    expect(manifest.tagSchema.labels.map((l) => [l.id, l.key])).toEqual([
      ['actor', '1'], ['claim', '2'], ['location', '3'], ['casualty_figure', '4'],
    ]);
  });

  it('refuses a file of another kind and names the kind it found', () => {
    const err = formatError(() => loadFile('tagwerk-document', layerFile()));
    expect(err.reason).toBe('wrong-kind');
    expect(err.message).toBe('is not a tagwerk-document file (kind: "tagwerk-layer")');
  });

  it('refuses a foreign JSON file without a kind', () => {
    const err = formatError(() => loadFile('tagwerk-layer', { name: 'package', version: '1.0.0' }));
    expect(err.reason).toBe('wrong-kind');
    expect(err.message).toContain('kind: undefined');
  });

  it('refuses a file from a newer Tagwerk and says which version it needs', () => {
    const err = formatError(() => loadFile('tagwerk-layer', layerFile({ schemaVersion: CURRENT_VERSION + 1 })));
    expect(err.reason).toBe('future-version');
    expect(err.message).toBe('was written by a newer Tagwerk (schema version 2; this version reads up to 1)');
  });

  it('refuses a missing, zero or non-integer schema version as invalid', () => {
    for (const schemaVersion of [undefined, 0, 1.5, '1']) {
      const err = formatError(() => loadFile('tagwerk-layer', layerFile({ schemaVersion })));
      expect(err.reason).toBe('invalid');
      expect(err.message).toMatch(/^has no valid schemaVersion/);
    }
  });

  it('refuses JSON that is not an object', () => {
    for (const raw of [null, [], 'tagwerk-layer', 42]) {
      const err = formatError(() => loadFile('tagwerk-layer', raw));
      expect(err.reason).toBe('invalid');
      expect(err.message).toBe('is not a JSON object');
    }
  });

  it('points at the field that is wrong in an invalid layer', () => {
    const bad = layerFile();
    (bad.spans as Record<string, unknown>[])[0].end = 135;
    expect(formatError(() => loadFile('tagwerk-layer', bad)).message).toBe('is invalid at spans.0: end must be greater than start');
    expect(formatError(() => loadFile('tagwerk-layer', layerFile({ offsetUnit: 'utf16' }))).message)
      .toMatch(/^is invalid at offsetUnit: /);
    expect(formatError(() => loadFile('tagwerk-layer', layerFile({ textSha256: 'abc' }))).message)
      .toMatch(/^is invalid at textSha256: /);
  });
});
