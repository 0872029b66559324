/**
 * The preload: exposes exactly the TagwerkApi (plus event subscription) to the page over IPC,
 * nothing else of Electron or Node.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiMethod, TagwerkApi, TagwerkBridge, TagwerkEvent } from '../shared/api/tagwerk-api';

type Envelope = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

function call<M extends ApiMethod>(method: M): TagwerkApi[M] {
  return (async (args: unknown) => {
    const reply = (await ipcRenderer.invoke(`tagwerk:${method}`, args)) as Envelope;
    if (reply.ok) return reply.result;
    throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
  }) as TagwerkApi[M];
}

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

const bridge: TagwerkBridge = {
  api,
  transport: 'ipc',
  onEvent(listener) {
    const handler = (_event: Electron.IpcRendererEvent, payload: TagwerkEvent) => listener(payload);
    ipcRenderer.on('tagwerk:event', handler);
    return () => { ipcRenderer.removeListener('tagwerk:event', handler); };
  },
};

contextBridge.exposeInMainWorld('tagwerk', bridge);
