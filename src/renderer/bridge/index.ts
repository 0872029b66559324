/**
 * The only module that knows how the renderer reaches the backend: the preload's IPC bridge in
 * the desktop app, HTTP in browser mode (token from the URL printed by `tagwerk serve`).
 */
import type { TagwerkBridge } from '../../shared/api/tagwerk-api';
import { createHttpBridge } from './http-bridge';

declare global {
  interface Window { tagwerk?: TagwerkBridge }
}

const TOKEN_KEY = 'tagwerk:token';

/** Reads the browser-mode token from `#token=…` (kept for reloads in sessionStorage). */
function browserToken(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

let bridge: TagwerkBridge | null = null;

/** The bridge for this window; throws with a user-facing message when there is none. */
export function getBridge(): TagwerkBridge {
  if (bridge) return bridge;
  if (window.tagwerk) return (bridge = window.tagwerk);
  const token = browserToken();
  if (!token) throw new Error('This page needs the address printed by `tagwerk serve` (it carries an access token).');
  return (bridge = createHttpBridge(token));
}
