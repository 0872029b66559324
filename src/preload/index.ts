/**
 * The preload: exposes exactly the TagwerkApi (plus event subscription) to the page over IPC,
 * nothing else of Electron or Node.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createApiClient, type Envelope } from '../shared/api/api-client';
import type { TagwerkBridge, TagwerkEvent } from '../shared/api/tagwerk-api';

const bridge: TagwerkBridge = {
  api: createApiClient((method, args) => ipcRenderer.invoke(`tagwerk:${method}`, args) as Promise<Envelope>),
  transport: 'ipc',
  onEvent(listener) {
    const handler = (_event: Electron.IpcRendererEvent, payload: TagwerkEvent) => listener(payload);
    ipcRenderer.on('tagwerk:event', handler);
    return () => { ipcRenderer.removeListener('tagwerk:event', handler); };
  },
};

contextBridge.exposeInMainWorld('tagwerk', bridge);
