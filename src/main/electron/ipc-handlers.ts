/**
 * The IPC transport: one `ipcMain.handle` per API method on channel `tagwerk:<method>`.
 * The sender must be the app's own page; every argument is validated before the service sees it.
 * Replies are envelopes (`{ok, result}` / `{ok:false, error}`) so error codes survive IPC.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { API_METHODS, callApi, toWireError } from '../../shared/api/api-args';
import type { TagwerkApi } from '../../shared/api/tagwerk-api';

export const CHANNEL_PREFIX = 'tagwerk:';
export const EVENT_CHANNEL = 'tagwerk:event';

export function registerApiHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  getApi: () => TagwerkApi,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): string[] {
  const channels: string[] = [];
  for (const method of API_METHODS) {
    const channel = `${CHANNEL_PREFIX}${method}`;
    ipcMain.handle(channel, async (event, raw: unknown) => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'unauthorized', message: 'IPC from an untrusted frame was refused' } };
      }
      let api: TagwerkApi;
      try { api = getApi(); } catch (err) { return { ok: false, error: toWireError(err) }; }
      return callApi(api, method, raw);
    });
    channels.push(channel);
  }
  return channels;
}

/** The sender is trusted when it is the main frame of our window, showing our own page. */
export function createSenderCheck(appUrl: () => string, windowContentsId: () => number | null) {
  return (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    if (!frame || event.sender.id !== windowContentsId()) return false;
    if (frame.parent !== null) return false;
    try {
      const expected = new URL(appUrl());
      const actual = new URL(frame.url);
      return actual.protocol === expected.protocol && actual.host === expected.host && actual.pathname === expected.pathname;
    } catch {
      return false;
    }
  };
}
