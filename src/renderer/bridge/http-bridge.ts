/** The browser-mode transport: TagwerkApi over HTTP to the local Node backend, events over SSE. */
import { createApiClient, type Envelope } from '../../shared/api/api-client';
import type { TagwerkBridge, TagwerkEvent } from '../../shared/api/tagwerk-api';

export function createHttpBridge(token: string, origin = window.location.origin): TagwerkBridge {
  const api = createApiClient(async (method, args) => {
    let response: Response;
    try {
      response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tagwerk-token': token },
        body: JSON.stringify(args),
      });
    } catch {
      return { ok: false, error: { code: 'io', message: 'The Tagwerk backend is not reachable. Is `tagwerk serve` still running?' } };
    }
    const reply = (await response.json().catch(() => null)) as Envelope | null;
    return reply ?? { ok: false, error: { code: 'io', message: `HTTP ${response.status}` } };
  });

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
