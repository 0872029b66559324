/**
 * The client side of TagwerkApi for any transport that carries envelopes
 * (`{ok: true, result}` / `{ok: false, error: {code, message}}`): the preload's IPC bridge and
 * the browser mode's HTTP bridge differ only in how they send one call.
 */
import type { ApiMethod, TagwerkApi } from './tagwerk-api';

export type Envelope = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

/** Sends one call and resolves to the reply's envelope. */
export type SendCall = (method: ApiMethod, args: unknown) => Promise<Envelope>;

/** An Error carrying the transport's error code. */
export type ApiCallError = Error & { code: string };

export function createApiClient(send: SendCall): TagwerkApi {
  const call = <M extends ApiMethod>(method: M): TagwerkApi[M] =>
    (async (args: unknown) => {
      const reply = await send(method, args ?? {});
      if (reply.ok) return reply.result;
      throw Object.assign(new Error(reply.error.message), { code: reply.error.code }) as ApiCallError;
    }) as TagwerkApi[M];
  // Listed one by one so that a method missing here does not compile.
  return {
    getProject: call('getProject'),
    listDocuments: call('listDocuments'),
    getDocument: call('getDocument'),
    importFiles: call('importFiles'),
    createSpan: call('createSpan'),
    updateSpan: call('updateSpan'),
    deleteSpan: call('deleteSpan'),
    setDocumentStatus: call('setDocumentStatus'),
    applyChange: call('applyChange'),
    updateTagSchema: call('updateTagSchema'),
    labelUsage: call('labelUsage'),
    setAnnotatorName: call('setAnnotatorName'),
    addComment: call('addComment'),
    updateComment: call('updateComment'),
    deleteComment: call('deleteComment'),
    agreement: call('agreement'),
    previewExport: call('previewExport'),
    exportProject: call('exportProject'),
    listEntities: call('listEntities'),
    saveEntity: call('saveEntity'),
    deleteEntity: call('deleteEntity'),
    entityMentions: call('entityMentions'),
    searchPlaces: call('searchPlaces'),
    getPlace: call('getPlace'),
    savePlace: call('savePlace'),
    deletePlace: call('deletePlace'),
    suggestSpans: call('suggestSpans'),
    findOccurrences: call('findOccurrences'),
    tagOccurrences: call('tagOccurrences'),
  } satisfies TagwerkApi;
}
