/**
 * The Electron glue — IPC handlers, window hardening, preload bridge and app lifecycle — with
 * `electron` mocked: importing the real package would try to download the Electron binary.
 * The lifecycle test runs the real services against a temp TAGWERK_HOME and the seed articles.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent, MenuItemConstructorOptions, MessageBoxOptions, Session, WebContents } from 'electron';
import { API_METHODS } from '../../src/shared/api/api-args';
import { ApiError, type TagwerkApi, type TagwerkBridge } from '../../src/shared/api/tagwerk-api';
import type { DocumentSummary } from '../../src/shared/model/document';
import { CHANNEL_PREFIX, createSenderCheck, EVENT_CHANNEL, registerApiHandlers } from '../../src/main/electron/ipc-handlers';
import { denyAllPermissions, hardenWebContents, isSafeExternalUrl, mainWindowOptions } from '../../src/main/electron/window-security';
import { lockProject } from '../../src/main/services/project-lock';
import { createProject } from '../../src/main/services/project-store';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

/** A stand-in for the parts of Electron the shell touches; every call is recorded. */
const fake = vi.hoisted(() => {
  const ipcHandlers = new Map<string, Handler>();
  const appListeners = new Map<string, ((...args: unknown[]) => void)[]>();
  const windows: FakeWindow[] = [];
  let nextContentsId = 1;

  class FakeWebContents {
    readonly id = nextContentsId++;
    readonly listeners = new Map<string, ((...args: unknown[]) => void)[]>();
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    send = vi.fn();
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) { this.windowOpenHandler = handler; }
    on(name: string, listener: (...args: unknown[]) => void) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
  }

  class FakeWindow {
    static getAllWindows = vi.fn(() => windows);
    readonly webContents = new FakeWebContents();
    readonly listeners = new Map<string, ((...args: unknown[]) => void)[]>();
    title = '';
    loadedUrl: string | null = null;
    constructor(readonly options: Record<string, any>) {
      windows.push(this);
      // Like Electron: every new web contents, the window's own included, is announced to the app.
      for (const l of appListeners.get('web-contents-created') ?? []) l({}, this.webContents);
    }
    once(name: string, listener: () => void) { return this.on(name, listener); }
    on(name: string, listener: () => void) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    setTitle(title: string) { this.title = title; }
    loadURL = vi.fn(async (url: string) => { this.loadedUrl = url; });
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = vi.fn(() => false);
  }

  const app = {
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => Promise.resolve()),
    getAppPath: vi.fn(() => '/work/main'),
    on: vi.fn((name: string, listener: (...args: unknown[]) => void) => {
      appListeners.set(name, [...(appListeners.get(name) ?? []), listener]);
      return app;
    }),
    quit: vi.fn(),
    exit: vi.fn(),
  };
  const session = {
    defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() },
  };
  const module = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: { handle: vi.fn((channel: string, handler: Handler) => { ipcHandlers.set(channel, handler); }) },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
      setApplicationMenu: vi.fn(),
    },
    session,
    dialog: {
      showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })),
      showMessageBox: vi.fn(async () => ({ response: 0 })),
      showMessageBoxSync: vi.fn((_window: unknown, _options: Record<string, unknown>) => 0),
      showErrorBox: vi.fn(),
    },
    shell: { openExternal: vi.fn(async () => undefined), openPath: vi.fn(async () => '') },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
  };
  return { module, ipcHandlers, appListeners, windows, FakeWebContents };
});
type FakeWindow = InstanceType<typeof fake.module.BrowserWindow>;

vi.mock('electron', () => ({ ...fake.module, default: fake.module }));

/** An invoke event from the main frame of `contentsId` showing `url` (or a subframe). */
function invokeEvent(contentsId: number, url: string, options: { subframe?: boolean; noFrame?: boolean } = {}): IpcMainInvokeEvent {
  const parent = options.subframe ? { url } : null;
  return {
    sender: { id: contentsId },
    senderFrame: options.noFrame ? null : { url, parent },
  } as unknown as IpcMainInvokeEvent;
}

/** A service double that records what reached it. */
function recordingApi(): TagwerkApi & { calls: [string, unknown][] } {
  const calls: [string, unknown][] = [];
  const api = { calls } as Record<string, unknown>;
  for (const method of API_METHODS) {
    api[method] = vi.fn(async (args: unknown) => { calls.push([method, args]); return { method }; });
  }
  return api as unknown as TagwerkApi & { calls: [string, unknown][] };
}

const APP_URL = 'file:///opt/tagwerk/resources/app/out/renderer/index.html';

describe('IPC handlers (src/main/electron/ipc-handlers.ts)', () => {
  let handlers: Map<string, Handler>;
  let api: ReturnType<typeof recordingApi>;
  let trusted: boolean;
  let channels: string[];

  beforeEach(() => {
    handlers = new Map();
    api = recordingApi();
    trusted = true;
    const ipcMain = { handle: vi.fn((channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    }) };
    channels = registerApiHandlers(ipcMain as never, () => api, () => trusted);
  });

  it('registers exactly one handler per API method, on channel tagwerk:<method>', () => {
    const expected = API_METHODS.map((m) => `${CHANNEL_PREFIX}${m}`);
    expect(CHANNEL_PREFIX).toBe('tagwerk:');
    expect([...handlers.keys()].sort()).toEqual([...expected].sort());
    expect(channels.sort()).toEqual([...expected].sort());
    expect(new Set(channels).size).toBe(API_METHODS.length);
    // The event channel is for pushes from main, never an invocable handler.
    expect(handlers.has(EVENT_CHANNEL)).toBe(false);
  });

  it('covers the same methods the preload exposes', async () => {
    vi.resetModules();
    fake.module.contextBridge.exposeInMainWorld.mockClear();
    await import('../../src/preload/index');
    const bridge = fake.module.contextBridge.exposeInMainWorld.mock.calls[0][1] as TagwerkBridge;
    expect(Object.keys(bridge.api).sort()).toEqual([...API_METHODS].sort());
    expect([...handlers.keys()].sort()).toEqual(Object.keys(bridge.api).map((m) => `tagwerk:${m}`).sort());
  });

  it('refuses a call from an untrusted sender without touching the service', async () => {
    trusted = false;
    const reply = await handlers.get('tagwerk:listDocuments')!(invokeEvent(1, 'https://evil.example/'), {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(api.calls).toEqual([]);
  });

  it('answers invalid arguments with invalid-argument and never calls the service', async () => {
    const bad: [string, unknown][] = [
      ['getDocument', { documentId: '../etc' }],
      ['listDocuments', { extra: true }],
      ['createSpan', { documentId: 'doc-1', start: 5, end: 9, label: 'actor', evil: 1 }],
      ['importFiles', { files: [] }],
      ['setDocumentStatus', { documentId: 'doc-1', status: 'finished' }],
      ['getDocument', 'doc-1'],
    ];
    for (const [method, args] of bad) {
      const reply = await handlers.get(`tagwerk:${method}`)!(invokeEvent(1, APP_URL), args) as { ok: boolean; error: { code: string; message: string } };
      expect(reply.ok, method).toBe(false);
      expect(reply.error.code).toBe('invalid-argument');
      expect(reply.error.message).toContain(method);
    }
    expect(api.calls).toEqual([]);
  });

  it('passes valid arguments to the service and wraps its result', async () => {
    const args = { documentId: 'bericht-1-abcdef12', start: 3, end: 9, label: 'actor', attributes: { actor_type: 'person' } };
    const reply = await handlers.get('tagwerk:createSpan')!(invokeEvent(1, APP_URL), args);
    expect(reply).toEqual({ ok: true, result: { method: 'createSpan' } });
    expect(api.calls).toEqual([['createSpan', args]]);
    // A missing argument (invoke without payload) is treated as {} for methods without arguments.
    expect(await handlers.get('tagwerk:listDocuments')!(invokeEvent(1, APP_URL), undefined)).toEqual({ ok: true, result: { method: 'listDocuments' } });
  });

  it('carries service errors as codes and messages instead of throwing across IPC', async () => {
    (api.getDocument as unknown as ReturnType<typeof vi.fn>).mockRejectedValueOnce(new ApiError('not-found', 'no document x in this project'));
    expect(await handlers.get('tagwerk:getDocument')!(invokeEvent(1, APP_URL), { documentId: 'x' }))
      .toEqual({ ok: false, error: { code: 'not-found', message: 'no document x in this project' } });
    const failing = new Map<string, Handler>();
    registerApiHandlers({ handle: (c: string, h: Handler) => { failing.set(c, h); } } as never, () => { throw new Error('no project is open'); }, () => true);
    expect(await failing.get('tagwerk:getProject')!(invokeEvent(1, APP_URL), {}))
      .toEqual({ ok: false, error: { code: 'internal', message: 'no project is open' } });
  });
});

describe('sender check (createSenderCheck)', () => {
  const WINDOW_ID = 7;
  let windowId: number | null;
  let check: (event: IpcMainInvokeEvent) => boolean;
  beforeEach(() => {
    windowId = WINDOW_ID;
    check = createSenderCheck(() => APP_URL, () => windowId);
  });

  it('accepts the main frame of our window showing our page (query and fragment do not matter)', () => {
    expect(check(invokeEvent(WINDOW_ID, APP_URL))).toBe(true);
    expect(check(invokeEvent(WINDOW_ID, `${APP_URL}?doc=1#span`))).toBe(true);
  });

  it('refuses other windows, subframes, other pages and frameless events', () => {
    expect(check(invokeEvent(WINDOW_ID + 1, APP_URL))).toBe(false);
    expect(check(invokeEvent(WINDOW_ID, APP_URL, { subframe: true }))).toBe(false);
    expect(check(invokeEvent(WINDOW_ID, APP_URL, { noFrame: true }))).toBe(false);
    expect(check(invokeEvent(WINDOW_ID, 'https://evil.example/index.html'))).toBe(false);
    expect(check(invokeEvent(WINDOW_ID, 'file:///tmp/downloaded/index.html'))).toBe(false);
    expect(check(invokeEvent(WINDOW_ID, 'about:blank'))).toBe(false);
    expect(check(invokeEvent(WINDOW_ID, 'not a url'))).toBe(false);
  });

  it('refuses everything once the window is gone', () => {
    windowId = null;
    expect(check(invokeEvent(WINDOW_ID, APP_URL))).toBe(false);
  });

  it('compares with the dev server origin when the renderer runs from one', () => {
    const dev = createSenderCheck(() => 'http://localhost:5173/', () => WINDOW_ID);
    expect(dev(invokeEvent(WINDOW_ID, 'http://localhost:5173/'))).toBe(true);
    expect(dev(invokeEvent(WINDOW_ID, 'http://localhost:5174/'))).toBe(false);
    expect(dev(invokeEvent(WINDOW_ID, 'https://localhost:5173/'))).toBe(false);
  });
});

describe('window security (src/main/electron/window-security.ts)', () => {
  it('creates an isolated, sandboxed window with no Node in the page and the given preload', () => {
    const options = mainWindowOptions('/app/out/preload/index.js');
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('gives the page a strict Content-Security-Policy of its own (the desktop app loads it from file:, without HTTP headers)', async () => {
    const html = await readFile(join(__dirname, '../../src/renderer/index.html'), 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toBeDefined();
    const directives = new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('lets only https: URLs out to the OS browser', () => {
    expect(isSafeExternalUrl('https://www.tagesschau.de/ausland/')).toBe(true);
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'http://example.org/', 'data:text/html,<script>', 'smb://host/share', 'not a url', '']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  function hardened() {
    const contents = new fake.FakeWebContents();
    const openExternal = vi.fn();
    hardenWebContents(contents as unknown as WebContents, openExternal);
    const emit = (name: string, url?: string) => {
      const event = { preventDefault: vi.fn() };
      for (const l of contents.listeners.get(name) ?? []) l(event, url);
      return event;
    };
    return { contents, openExternal, emit };
  }

  it('denies every window.open and hands only https: links to the OS browser', () => {
    const { contents, openExternal } = hardened();
    expect(contents.windowOpenHandler).not.toBeNull();
    for (const url of ['https://example.org/a', 'javascript:alert(1)', 'file:///etc/passwd', 'http://example.org/']) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls).toEqual([['https://example.org/a']]);
  });

  it('prevents every navigation of the page, opening only https: targets externally', () => {
    const { openExternal, emit } = hardened();
    for (const url of ['https://example.org/b', 'javascript:alert(1)', 'file:///etc/passwd', 'http://example.org/', 'file:///opt/tagwerk/index.html']) {
      expect(emit('will-navigate', url).preventDefault, url).toHaveBeenCalled();
    }
    expect(openExternal.mock.calls).toEqual([['https://example.org/b']]);
  });

  it('adds its guards only once when the same contents are hardened twice', () => {
    const { contents, openExternal, emit } = hardened();
    hardenWebContents(contents as unknown as WebContents, openExternal);
    expect(contents.listeners.get('will-navigate')).toHaveLength(1);
    emit('will-navigate', 'https://example.org/c');
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('prevents attaching a <webview>', () => {
    const { emit } = hardened();
    expect(emit('will-attach-webview').preventDefault).toHaveBeenCalled();
  });

  it('refuses every permission request and check', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    denyAllPermissions(session as unknown as Session);
    const request = session.setPermissionRequestHandler.mock.calls[0][0] as (c: unknown, p: string, cb: (granted: boolean) => void) => void;
    const check = session.setPermissionCheckHandler.mock.calls[0][0] as (...args: unknown[]) => boolean;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check({}, permission, 'file://', {})).toBe(false);
    }
  });
});

describe('preload (src/preload/index.ts)', () => {
  let bridge: TagwerkBridge;
  beforeAll(async () => {
    vi.resetModules();
    fake.module.contextBridge.exposeInMainWorld.mockClear();
    await import('../../src/preload/index');
    expect(fake.module.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, value] = fake.module.contextBridge.exposeInMainWorld.mock.calls[0];
    expect(key).toBe('tagwerk');
    bridge = value as TagwerkBridge;
  });
  beforeEach(() => { fake.module.ipcRenderer.invoke.mockReset(); });

  it('exposes only the bridge: the API, the event subscription and the transport name', () => {
    expect(Object.keys(bridge).sort()).toEqual(['api', 'onEvent', 'transport']);
    expect(bridge.transport).toBe('ipc');
    expect(Object.keys(bridge.api).sort()).toEqual([...API_METHODS].sort());
    for (const method of API_METHODS) expect(typeof bridge.api[method], method).toBe('function');
  });

  it('invokes channel tagwerk:<method> with the argument and resolves to the result', async () => {
    for (const method of API_METHODS) {
      fake.module.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, result: { from: method } });
      const args = { probe: method };
      await expect((bridge.api[method] as (a: unknown) => Promise<unknown>)(args)).resolves.toEqual({ from: method });
      expect(fake.module.ipcRenderer.invoke).toHaveBeenLastCalledWith(`tagwerk:${method}`, args);
    }
  });

  it('turns an {ok:false} reply into a thrown Error with message and code', async () => {
    fake.module.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'invalid-argument', message: 'getDocument: invalid argument at documentId: not a document id' } });
    const error = await bridge.api.getDocument({ documentId: '../etc' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('getDocument: invalid argument at documentId: not a document id');
    expect((error as Error & { code: string }).code).toBe('invalid-argument');
  });

  it('subscribes to tagwerk:event, hands over only the payload, and unsubscribes', () => {
    fake.module.ipcRenderer.on.mockClear();
    const listener = vi.fn();
    const off = bridge.onEvent(listener);
    expect(fake.module.ipcRenderer.on).toHaveBeenCalledWith('tagwerk:event', expect.any(Function));
    const handler = fake.module.ipcRenderer.on.mock.calls[0][1] as (event: unknown, payload: unknown) => void;
    handler({ sender: 'the raw IpcRendererEvent' }, { type: 'documents-changed' });
    expect(listener).toHaveBeenCalledWith({ type: 'documents-changed' });
    off();
    expect(fake.module.ipcRenderer.removeListener).toHaveBeenCalledWith('tagwerk:event', handler);
  });
});

describe('app lifecycle (src/main/electron/index.ts)', () => {
  let home: string;
  let window: FakeWindow;
  const savedEnv = { home: process.env.TAGWERK_HOME, rendererUrl: process.env.ELECTRON_RENDERER_URL };
  const sampleDir = () => join(home, 'projects', 'Sample project');

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'tagwerk-electron-'));
    process.env.TAGWERK_HOME = home;
    delete process.env.ELECTRON_RENDERER_URL;
    fake.ipcHandlers.clear();
    fake.module.ipcMain.handle.mockClear();
    vi.resetModules();
    await import('../../src/main/electron/index');
    await vi.waitFor(() => {
      expect(fake.windows.length).toBe(1);
      expect(fake.windows[0].loadURL).toHaveBeenCalled();
    }, { timeout: 15_000, interval: 20 });
    window = fake.windows[0];
  });

  afterAll(async () => {
    if (savedEnv.home === undefined) delete process.env.TAGWERK_HOME; else process.env.TAGWERK_HOME = savedEnv.home;
    if (savedEnv.rendererUrl !== undefined) process.env.ELECTRON_RENDERER_URL = savedEnv.rendererUrl;
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('starts without an error box, asks for the single-instance lock and enables the sandbox', () => {
    expect(fake.module.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(fake.module.app.exit).not.toHaveBeenCalled();
    expect(fake.module.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(fake.module.app.enableSandbox).toHaveBeenCalled();
    expect(fake.module.app.quit).not.toHaveBeenCalled();
  });

  it('creates the sample project from the seed articles on first start', async () => {
    const manifest = JSON.parse(await readFile(join(sampleDir(), 'tagwerk.json'), 'utf8'));
    expect(manifest.kind).toBe('tagwerk-project');
    expect(manifest.name).toBe('Sample project');
    const documents = (await readdir(join(sampleDir(), 'documents'))).filter((f) => f.endsWith('.json'));
    expect(documents).toHaveLength(2);
    const settings = JSON.parse(await readFile(join(home, 'settings.json'), 'utf8'));
    expect(settings.lastProject).toBe(sampleDir());
    expect(window.title).toBe('Sample project — Tagwerk');
  });

  it('registers one IPC handler for every API method', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(API_METHODS.map((m) => `tagwerk:${m}`).sort());
    expect(fake.module.ipcMain.handle).toHaveBeenCalledTimes(API_METHODS.length);
  });

  it('opens a secure window with the built preload, and hardens it and every other web contents', () => {
    const prefs = window.options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(prefs.preload.replace(/\\/g, '/')).toMatch(/(^|\/)preload\/index\.js$/);
    expect(window.options.show).toBe(false);
    expect(window.webContents.windowOpenHandler).not.toBeNull();
    expect(window.webContents.listeners.has('will-navigate')).toBe(true);
    expect(fake.appListeners.has('web-contents-created')).toBe(true);
    expect(fake.module.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(fake.module.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
    expect(window.loadedUrl).toMatch(/^file:\/\/.*renderer\/index\.html$/);
    for (const l of window.listeners.get('ready-to-show') ?? []) l();
    expect(window.show).toHaveBeenCalled();
  });

  it('asks before closing a window whose page is still saving, and closes only when told to', () => {
    const [listener] = window.webContents.listeners.get('will-prevent-unload') ?? [];
    expect(listener).toBeDefined();
    const keep = { preventDefault: vi.fn() };
    fake.module.dialog.showMessageBoxSync.mockReturnValueOnce(0);
    listener(keep);
    expect(keep.preventDefault).not.toHaveBeenCalled();
    const close = { preventDefault: vi.fn() };
    fake.module.dialog.showMessageBoxSync.mockReturnValueOnce(1);
    listener(close);
    expect(close.preventDefault).toHaveBeenCalled();
    expect(fake.module.dialog.showMessageBoxSync.mock.calls.at(-1)![1]).toMatchObject({ message: 'Tagwerk is still saving your last change.' });
  });

  it('sets a File menu with Open Files…, Open Folder… and Export…, which asks the page to open its export dialog', () => {
    expect(fake.module.Menu.setApplicationMenu).toHaveBeenCalled();
    const template = fake.module.Menu.buildFromTemplate.mock.calls.at(-1)![0] as MenuItemConstructorOptions[];
    const file = template.find((item) => item.label?.replace('&', '') === 'File');
    expect(file).toBeDefined();
    const labels = (file!.submenu as MenuItemConstructorOptions[]).map((i) => i.label).filter(Boolean);
    expect(labels).toContain('Open Files…');
    expect(labels).toContain('Open Folder…');
    const exportItem = (file!.submenu as MenuItemConstructorOptions[]).find((i) => i.label === 'Export…')!;
    window.webContents.send.mockClear();
    (exportItem.click as () => void)();
    expect(window.webContents.send).toHaveBeenCalledWith('tagwerk:event', { type: 'open-export' });
  });

  it('answers the page over IPC with the seed documents, and refuses a foreign page', async () => {
    const handler = fake.ipcHandlers.get('tagwerk:listDocuments')!;
    const reply = await handler(invokeEvent(window.webContents.id, window.loadedUrl!), {}) as { ok: true; result: DocumentSummary[] };
    expect(reply.ok).toBe(true);
    expect(reply.result).toHaveLength(2);
    expect(reply.result.every((d) => d.date === '2025-07')).toBe(true);
    const refused = await handler(invokeEvent(window.webContents.id, 'https://evil.example/'), {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('imports the files picked with File ▸ Open Files… and tells the page', async () => {
    const article = join(home, 'picked.txt');
    await writeFile(article, 'date 2025-09\nEin per Menü geöffneter Artikel über einen Gefangenenaustausch.\n');
    fake.module.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [article] });
    window.webContents.send.mockClear();
    const template = fake.module.Menu.buildFromTemplate.mock.calls.at(-1)![0] as MenuItemConstructorOptions[];
    const openFiles = (template.find((i) => i.label?.includes('File'))!.submenu as MenuItemConstructorOptions[])
      .find((i) => i.label === 'Open Files…')!;
    (openFiles.click as () => void)();
    await vi.waitFor(() => {
      expect(window.webContents.send).toHaveBeenCalledWith(EVENT_CHANNEL, { type: 'documents-changed' });
    }, { timeout: 10_000, interval: 20 });
    const documents = (await readdir(join(sampleDir(), 'documents'))).filter((f) => f.endsWith('.json'));
    expect(documents).toHaveLength(3);
    expect(fake.module.dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('reports a picked file that is not UTF-8 and imports it with U+FFFD when the box is answered so', async () => {
    // A German article saved as Latin-1: ä, ü and ß are single bytes, invalid in UTF-8.
    const latin1 = join(home, 'latin1.txt');
    await writeFile(latin1, Buffer.from('Gespräche über einen Gefangenenaustausch in Genf: Außenminister einig.', 'latin1'));
    fake.module.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [latin1] });
    fake.module.dialog.showMessageBox.mockClear();
    fake.module.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
    const template = fake.module.Menu.buildFromTemplate.mock.calls.at(-1)![0] as MenuItemConstructorOptions[];
    const openFiles = (template.find((i) => i.label?.includes('File'))!.submenu as MenuItemConstructorOptions[])
      .find((i) => i.label === 'Open Files…')!;
    (openFiles.click as () => void)();
    await vi.waitFor(() => expect(fake.module.dialog.showMessageBox).toHaveBeenCalledTimes(2), { timeout: 10_000, interval: 20 });
    const [refused, read] = fake.module.dialog.showMessageBox.mock.calls.map((c) => c.at(-1) as unknown as MessageBoxOptions);
    expect(refused).toMatchObject({
      type: 'warning', message: '0 imported, 0 already in the project, 1 not imported.',
      buttons: ['OK', 'Import it anyway with \u{FFFD}'], defaultId: 0, cancelId: 0,
    });
    expect(refused.detail).toMatch(/^latin1\.txt is not valid UTF-8 text\n\nOne file is not UTF-8 text, and can be imported anyway\. Each byte sequence that is not UTF-8 becomes \u{FFFD}/u);
    expect(read).toMatchObject({
      type: 'info', message: '1 imported, 0 already in the project, 0 not imported.', buttons: ['OK'],
      detail: 'latin1.txt is not valid UTF-8 text: 3 invalid byte sequences replaced with U+FFFD (\u{FFFD})',
    });
    const texts = await Promise.all((await readdir(join(sampleDir(), 'documents'))).filter((f) => f.endsWith('.json'))
      .map(async (f) => JSON.parse(await readFile(join(sampleDir(), 'documents', f), 'utf8')).text as string));
    expect(texts).toContain('Gespr\u{FFFD}che \u{FFFD}ber einen Gefangenenaustausch in Genf: Au\u{FFFD}enminister einig.');
    fake.module.dialog.showMessageBox.mockClear();
  });

  it('opens a link the page navigates to in the OS browser exactly once, and never a file: or javascript: URL', () => {
    fake.module.shell.openExternal.mockClear();
    for (const url of ['https://www.zeit.de/politik/', 'file:///etc/passwd', 'javascript:alert(1)', 'http://example.org/']) {
      const event = { preventDefault: vi.fn() };
      for (const l of window.webContents.listeners.get('will-navigate') ?? []) l(event, url);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
    expect(fake.module.shell.openExternal.mock.calls).toEqual([['https://www.zeit.de/politik/']]);
    expect(window.webContents.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(fake.module.shell.openExternal).toHaveBeenCalledTimes(2);
  });

  /** Picks `dir` with File ▸ Open Project… and returns the error box the app then shows. */
  async function openProjectFailing(dir: string): Promise<{ type: string; message: string; detail?: string }> {
    fake.module.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [dir] });
    const template = fake.module.Menu.buildFromTemplate.mock.calls.at(-1)![0] as MenuItemConstructorOptions[];
    const openProject = (template.find((i) => i.label?.includes('File'))!.submenu as MenuItemConstructorOptions[])
      .find((i) => i.label === 'Open Project…')!;
    (openProject.click as () => void)();
    await vi.waitFor(() => expect(fake.module.dialog.showMessageBox).toHaveBeenCalled(), { timeout: 5000, interval: 10 });
    return fake.module.dialog.showMessageBox.mock.calls.at(-1)!.at(-1) as unknown as { type: string; message: string; detail?: string };
  }

  it('tells the user when File ▸ Open Project… cannot open the chosen folder', async () => {
    const notAProject = await mkdtemp(join(tmpdir(), 'tagwerk-not-a-project-'));
    await writeFile(join(notAProject, 'thesis.docx'), 'not a project');
    try {
      const options = await openProjectFailing(notAProject);
      expect(options.type).toBe('error');
      expect(`${options.message} ${options.detail ?? ''}`).toContain('not empty');
      // The project that was open stays open.
      expect(window.title).toBe('Sample project — Tagwerk');
    } finally {
      fake.module.dialog.showMessageBox.mockClear();
      await rm(notAProject, { recursive: true, force: true });
    }
  });

  it('holds the open project\'s lock: another program is refused and told it is the desktop app', async () => {
    await expect(lockProject(sampleDir(), 'tagwerk import')).rejects.toThrow(/open in the desktop app \(process \d+, since .+\)/);
  });

  it('keeps the open project when File ▸ Open Project… picks one another program has open, and says who has it', async () => {
    const other = await mkdtemp(join(tmpdir(), 'tagwerk-other-'));
    await createProject(other, { name: 'Held elsewhere' });
    const held = await lockProject(other, 'the browser mode (tagwerk serve)');
    try {
      const options = await openProjectFailing(other);
      expect(options.type).toBe('error');
      expect(options.detail).toContain('is open in the browser mode (tagwerk serve)');
      expect(window.title).toBe('Sample project — Tagwerk');
      // The sample project is still this app's: its lock was not given up on the way.
      await expect(lockProject(sampleDir(), 'tagwerk import')).rejects.toThrow(/the desktop app/);
    } finally {
      fake.module.dialog.showMessageBox.mockClear();
      await held.release();
      await rm(other, { recursive: true, force: true });
    }
  });

  it('writes pending changes before quitting', async () => {
    const handler = fake.ipcHandlers.get('tagwerk:createSpan')!;
    const list = await fake.ipcHandlers.get('tagwerk:listDocuments')!(invokeEvent(window.webContents.id, window.loadedUrl!), {}) as { result: DocumentSummary[] };
    const doc = list.result[0];
    const created = await handler(invokeEvent(window.webContents.id, window.loadedUrl!), { documentId: doc.id, start: 0, end: 4, label: 'claim' }) as { ok: boolean };
    expect(created.ok).toBe(true);
    const annotators = await readdir(join(sampleDir(), 'annotations'));
    expect(annotators).toHaveLength(1);
    expect(existsSync(join(sampleDir(), 'annotations', annotators[0], `${doc.id}.json`))).toBe(true);

    fake.module.app.quit.mockClear();
    const event = { preventDefault: vi.fn() };
    for (const l of fake.appListeners.get('before-quit') ?? []) l(event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.module.app.quit).toHaveBeenCalled(), { timeout: 5000, interval: 10 });
    // Quitting gives the project's lock back.
    const next = await lockProject(sampleDir(), 'tagwerk import');
    await next.release();
  });
});
