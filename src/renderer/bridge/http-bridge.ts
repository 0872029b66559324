/** The browser-mode transport: TagwerkApi over HTTP to the local Node backend, events over SSE. */
import type { ApiMethod, TagwerkApi, TagwerkBridge, TagwerkEvent } from '../../shared/api/tagwerk-api';

type Envelope = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

export function createHttpBridge(token: string, origin = window.location.origin): TagwerkBridge {
  const call = <M extends ApiMethod>(method: M): TagwerkApi[M] =>
    (async (args: unknown) => {
      let response: Response;
      try {
        response = await fetch(`${origin}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-tagwerk-token': token },
          body: JSON.stringify(args ?? {}),
        });
      } catch {
        throw Object.assign(new Error('The Tagwerk backend is not reachable. Is `tagwerk serve` still running?'), { code: 'io' });
      }
      const reply = (await response.json().catch(() => null)) as Envelope | null;
      if (reply?.ok) return reply.result;
      const error = reply && !reply.ok ? reply.error : { code: 'io', message: `HTTP ${response.status}` };
      throw Object.assign(new Error(error.message), { code: error.code });
    }) as TagwerkApi[M];

  const api = {
    getProject: call('getProject'),
    listDocuments: call('listDocuments'),
    getDocument: call('getDocument'),
    importFiles: call('importFiles'),
    createSpan: call('createSpan'),
    updateSpan: call('updateSpan'),
    deleteSpan: call('deleteSpan'),
    setDocumentStatus: call('setDocumentStatus'),
  } satisfies TagwerkApi;

  const listeners = new Set<(e: TagwerkEvent) => void>();
  let source: EventSource | null = null;
  const connect = () => {
    source = new EventSource(`${origin}/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message) => {
      const event = JSON.parse(message.data as string) as TagwerkEvent;
      for (const l of listeners) l(event);
    };
  };

  return {
    api,
    transport: 'http',
    onEvent(listener) {
      listeners.add(listener);
      if (!source) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) { source.close(); source = null; }
      };
    },
  };
}
