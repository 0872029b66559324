import { describe, expect, it, vi } from 'vitest';
import { API_ARGS, API_METHODS, isApiMethod, parseApiArgs, toWireError, callApi } from './api-args';
import { ApiError, type ApiMethod, type TagwerkApi } from './tagwerk-api';

/** Every method of TagwerkApi, checked by the compiler in both directions (missing or extra key fails tsc). */
const ALL_METHODS: Record<ApiMethod, true> = {
  getProject: true, listDocuments: true, getDocument: true, importFiles: true,
  createSpan: true, updateSpan: true, deleteSpan: true, setDocumentStatus: true,
  applyChange: true, updateTagSchema: true, labelUsage: true, setAnnotatorName: true, agreement: true,
  addComment: true, updateComment: true, deleteComment: true, previewExport: true, exportProject: true,
  listEntities: true, saveEntity: true, deleteEntity: true, entityMentions: true,
  searchPlaces: true, getPlace: true, savePlace: true, deletePlace: true,
  suggestSpans: true, findOccurrences: true, tagOccurrences: true,
};

/** The ApiError that `parseApiArgs` throws for these arguments. */
function refusal(method: ApiMethod, raw: unknown): ApiError {
  try { parseApiArgs(method, raw); } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('invalid-argument');
    return err as ApiError;
  }
  throw new Error(`${method} accepted ${JSON.stringify(raw)}`);
}

const SPAN = { documentId: 'im-ringen-e40513d5', start: 135, end: 147, label: 'actor' };

describe('API argument schemas', () => {
  it('have one schema for every API method', () => {
    expect([...API_METHODS].sort()).toEqual(Object.keys(ALL_METHODS).sort());
    for (const m of API_METHODS) expect(typeof API_ARGS[m].safeParse).toBe('function');
  });

  it('refuse unknown keys instead of ignoring them, also in nested objects', () => {
    expect(refusal('createSpan', { ...SPAN, quote: 'Ilham Alijew' }).message).toBe('createSpan: invalid argument: Unrecognized key: "quote"');
    expect(refusal('getProject', { dir: '/etc' }).message).toBe('getProject: invalid argument: Unrecognized key: "dir"');
    expect(refusal('updateSpan', { documentId: SPAN.documentId, spanId: 's_1', patch: { quote: 'x' } }).message)
      .toBe('updateSpan: invalid argument at patch: Unrecognized key: "quote"');
    expect(refusal('importFiles', { files: [{ name: 'a.txt', data: '', path: '/etc/passwd' }] }).message).toMatch(/at files\.0: Unrecognized key/);
  });

  it('refuse an empty comment, and neither decisions that are not lists of item ids', () => {
    const target = { annotator: 'ben-schulz', spanId: 's_1' };
    expect(refusal('addComment', { documentId: SPAN.documentId, target, text: '  \n ' }).message).toBe('addComment: invalid argument at text: a comment needs some text');
    expect(parseApiArgs('addComment', { documentId: SPAN.documentId, target, text: ' Ort? ' }).text).toBe('Ort?');
    const change = { removeSpans: [], putSpans: [], removeRelations: [], putRelations: [] };
    expect(refusal('applyChange', { documentId: SPAN.documentId, layer: 'curated', change: { ...change, reject: [''] } }).message).toMatch(/at change\.reject\.0/);
  });

  it('refuse document ids that could escape the project folder or are not ids', () => {
    for (const documentId of ['../tagwerk', '..', 'a/b', 'a\\b', 'Im-Ringen', '', '-x', 'x'.repeat(81), 'doc.json', 42]) {
      expect(refusal('getDocument', { documentId }).message).toMatch(/^getDocument: invalid argument at documentId: /);
    }
    expect(parseApiArgs('getDocument', { documentId: 'im-ringen-e40513d5' })).toEqual({ documentId: 'im-ringen-e40513d5' });
  });

  it('refuse negative, fractional and non-numeric offsets, and empty labels', () => {
    expect(refusal('createSpan', { ...SPAN, start: -1 }).message).toMatch(/at start: /);
    expect(refusal('createSpan', { ...SPAN, end: 147.5 }).message).toMatch(/at end: /);
    expect(refusal('createSpan', { ...SPAN, start: '135' }).message).toMatch(/at start: /);
    expect(refusal('createSpan', { ...SPAN, label: '' }).message).toMatch(/at label: /);
    expect(refusal('createSpan', { ...SPAN, attributes: { actor_type: { nested: true } } }).message).toMatch(/at attributes\.actor_type: /);
  });

  it('refuse statuses outside not_started / in_progress / done', () => {
    expect(refusal('setDocumentStatus', { documentId: SPAN.documentId, status: 'finished' }).message).toMatch(/at status: /);
    expect(parseApiArgs('setDocumentStatus', { documentId: SPAN.documentId, status: 'done' }).status).toBe('done');
  });

  it('refuse an import of no files, and a file over 64 MB before decoding it', () => {
    expect(refusal('importFiles', { files: [] }).message).toMatch(/at files: /);
    const tooBig = 'A'.repeat(Math.ceil((64 * 1024 * 1024) / 3) * 4 + 4);
    expect(refusal('importFiles', { files: [{ name: 'big.txt', data: tooBig }] }).message)
      .toBe('importFiles: invalid argument at files.0.data: file is larger than 64 MB');
  });

  it('take replaceInvalid for an import only as true or false', () => {
    const files = [{ name: 'alt.txt', data: 'SGFsbG8=' }];
    expect(parseApiArgs('importFiles', { files, replaceInvalid: true })).toEqual({ files, replaceInvalid: true });
    expect(refusal('importFiles', { files, replaceInvalid: 'yes' }).message).toMatch(/^importFiles: invalid argument at replaceInvalid: /);
  });

  it('refuse places off the globe, unknown kinds, deleting a packaged place and searches of no text', () => {
    const place = { name: 'Kebele Checkpoint', kind: 'place', lat: 40.97, lon: 47.85 };
    expect(parseApiArgs('savePlace', { place }).place).toEqual(place);
    expect(refusal('savePlace', { place: { ...place, lat: 95 } }).message).toBe('savePlace: invalid argument at place.lat: latitude must be between -90 and 90');
    expect(refusal('savePlace', { place: { ...place, lon: -181 } }).message).toBe('savePlace: invalid argument at place.lon: longitude must be between -180 and 180');
    expect(refusal('savePlace', { place: { ...place, lat: '40.97' } }).message).toMatch(/at place\.lat: /);
    expect(refusal('savePlace', { place: { ...place, kind: 'city' } }).message).toMatch(/at place\.kind: /);
    expect(refusal('savePlace', { place: { ...place, id: 'geonames:616052' } }).message).toMatch(/at place\.id: not the id of a place of this project/);
    expect(refusal('savePlace', { place: { ...place, population: 500 } }).message).toMatch(/at place: Unrecognized key: "population"/);
    expect(refusal('deletePlace', { id: 'geonames:616052' }).message).toMatch(/^deletePlace: invalid argument at id: not the id of a place of this project/);
    expect(refusal('getPlace', { id: '../places.json' }).message).toBe('getPlace: invalid argument at id: not a place id');
    expect(refusal('searchPlaces', { query: '' }).message).toBe('searchPlaces: invalid argument at query: a search needs some text');
    expect(refusal('searchPlaces', { query: 'Eriwan', limit: 51 }).message).toMatch(/at limit: /);
    expect(parseApiArgs('searchPlaces', { query: 'Eriwan', limit: 50 })).toEqual({ query: 'Eriwan', limit: 50 });
  });

  it('accept a missing argument object for the methods without arguments', () => {
    expect(parseApiArgs('getProject', undefined)).toEqual({});
    expect(parseApiArgs('listDocuments', null)).toEqual({});
  });
});

describe('isApiMethod', () => {
  it('knows the API methods and nothing inherited from Object', () => {
    expect(isApiMethod('createSpan')).toBe(true);
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'store', 42, null]) {
      expect(isApiMethod(name)).toBe(false);
    }
  });
});

describe('callApi', () => {
  it('passes valid, parsed arguments on and never calls the implementation with invalid ones', async () => {
    const impl = Object.fromEntries(API_METHODS.map((m) => [m, vi.fn(async (a: unknown) => ({ method: m, a }))])) as unknown as TagwerkApi;
    await expect(callApi(impl, 'createSpan', { ...SPAN })).resolves.toEqual({ ok: true, result: { method: 'createSpan', a: SPAN } });
    await expect(callApi(impl, 'createSpan', { ...SPAN, start: -5 })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    await expect(callApi(impl, 'getDocument', { documentId: '../../etc' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(impl.createSpan).toHaveBeenCalledTimes(1);
    expect(impl.getDocument).not.toHaveBeenCalled();
  });

  it('carries the error code of a failing call', async () => {
    const impl = { getDocument: async () => { throw new ApiError('not-found', 'no document x'); } } as unknown as TagwerkApi;
    await expect(callApi(impl, 'getDocument', { documentId: 'x' })).resolves.toEqual({ ok: false, error: { code: 'not-found', message: 'no document x' } });
  });
});

describe('toWireError', () => {
  it('keeps the code of an ApiError and marks anything else as internal', () => {
    expect(toWireError(new ApiError('not-found', 'no document x'))).toEqual({ code: 'not-found', message: 'no document x' });
    expect(toWireError(new TypeError('boom'))).toEqual({ code: 'internal', message: 'boom' });
    expect(toWireError('plain')).toEqual({ code: 'internal', message: 'plain' });
  });
});

describe('suggestion, occurrence and dismiss arguments', () => {
  const change = { removeSpans: [], putSpans: [], removeRelations: [], putRelations: [] };
  const dismissing = (ids: unknown) => ({ documentId: SPAN.documentId, change: { ...change, dismiss: ids } });

  it('accept well-formed suggestion ids to dismiss and undismiss in any layer', () => {
    const ids = ['casualty_figure:1390:1410', 'actor:0:12', 'location:1263:1269', `${'a'.repeat(40)}:0:1`];
    expect(parseApiArgs('applyChange', dismissing(ids)).change.dismiss).toEqual(ids);
    expect(parseApiArgs('applyChange', { documentId: SPAN.documentId, change: { ...change, undismiss: ['actor:1:2'] } }).change.undismiss).toEqual(['actor:1:2']);
  });

  it('refuse malformed suggestion ids', () => {
    for (const id of ['', 'actor', 'actor:12', 'actor:1:2:3', 'Actor:1:2', '_actor:1:2', 'actor:-1:5', 'actor:1.5:2', 'actor: 1:2',
      'casualty-figure:1:2', 'actor:12345678901:1', `${'a'.repeat(41)}:0:1`, '../x:1:2', 'actor:1:2\n', 42]) {
      expect(refusal('applyChange', dismissing([id])).message, JSON.stringify(id))
        .toBe('applyChange: invalid argument at change.dismiss.0: '
          + (typeof id === 'string' ? 'not a suggestion id (label:start:end)' : 'Invalid input: expected string, received number'));
    }
    expect(refusal('applyChange', { documentId: SPAN.documentId, change: { ...change, undismiss: ['actor:1'] } }).message)
      .toBe('applyChange: invalid argument at change.undismiss.0: not a suggestion id (label:start:end)');
    expect(refusal('applyChange', dismissing('actor:1:2')).message).toMatch(/^applyChange: invalid argument at change\.dismiss: /);
  });

  it('take only a document id for suggestSpans', () => {
    expect(parseApiArgs('suggestSpans', { documentId: SPAN.documentId })).toEqual({ documentId: SPAN.documentId });
    expect(refusal('suggestSpans', { documentId: '../x' }).message).toMatch(/^suggestSpans: invalid argument at documentId: /);
    expect(refusal('suggestSpans', { documentId: SPAN.documentId, labels: ['actor'] }).message).toBe('suggestSpans: invalid argument: Unrecognized key: "labels"');
    expect(refusal('suggestSpans', {}).message).toMatch(/at documentId: /);
  });

  it('refuse an empty phrase list and empty phrases for findOccurrences, and trim phrases', () => {
    expect(refusal('findOccurrences', { phrases: [], label: 'actor' }).message).toMatch(/^findOccurrences: invalid argument at phrases: /);
    expect(refusal('findOccurrences', { phrases: ['Alijew', '   '], label: 'actor' }).message).toBe('findOccurrences: invalid argument at phrases.1: an empty phrase');
    expect(refusal('findOccurrences', { phrases: ['Alijew'], label: '' }).message).toMatch(/at label: /);
    expect(refusal('findOccurrences', { phrases: ['Alijew'], label: 'actor', documentId: 'a/b' }).message).toMatch(/at documentId: /);
    expect(refusal('findOccurrences', { phrases: Array(101).fill('Baku'), label: 'location' }).message).toMatch(/at phrases: /);
    expect(refusal('findOccurrences', { phrases: ['x'.repeat(501)], label: 'location' }).message).toMatch(/at phrases\.0: /);
    expect(parseApiArgs('findOccurrences', { phrases: [' Ilham Alijew ', 'Alijew'], label: 'actor' }))
      .toEqual({ phrases: ['Ilham Alijew', 'Alijew'], label: 'actor' });
  });

  it('refuse tagOccurrences without occurrences, with bad offsets or with unknown keys', () => {
    const one = { documentId: SPAN.documentId, start: 118, end: 130 };
    expect(parseApiArgs('tagOccurrences', { label: 'actor', attributes: { entity: 'e_x' }, occurrences: [one] }))
      .toEqual({ label: 'actor', attributes: { entity: 'e_x' }, occurrences: [one] });
    expect(refusal('tagOccurrences', { label: 'actor', occurrences: [] }).message).toMatch(/^tagOccurrences: invalid argument at occurrences: /);
    expect(refusal('tagOccurrences', { label: 'actor', occurrences: [{ ...one, start: -1 }] }).message).toMatch(/at occurrences\.0\.start: /);
    expect(refusal('tagOccurrences', { label: 'actor', occurrences: [{ ...one, quote: 'Alijew' }] }).message)
      .toBe('tagOccurrences: invalid argument at occurrences.0: Unrecognized key: "quote"');
    expect(refusal('tagOccurrences', { label: 'actor', occurrences: [{ ...one, documentId: '..' }] }).message).toMatch(/at occurrences\.0\.documentId: /);
  });
});
