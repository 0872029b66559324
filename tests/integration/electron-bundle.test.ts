/**
 * The desktop app as it ships: `electron-vite build` bundles main, preload and renderer, and the
 * built main bundle starts (with `electron` replaced by a recording mock, since the Electron
 * binary cannot run here): it opens the sample project, registers every API handler and loads
 * the built page into a sandboxed window.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../src/shared/api/api-args';

const root = resolve(__dirname, '../..');
// Inside the repository, so that the bundle's external dependencies resolve from node_modules.
mkdirSync(join(root, '.tmp'), { recursive: true });
const work = mkdtempSync(join(root, '.tmp', 'bundle-'));

// Loaded with `node -r` before the bundle: answers require('electron') with a recorder.
const MOCK = `
const Module = require('module');
const calls = [];
const webContents = { id: 1, setWindowOpenHandler() {}, on() {}, send() {} };
const mock = {
  app: {
    enableSandbox() { calls.push(['enableSandbox']); }, requestSingleInstanceLock: () => true, on() {},
    whenReady: () => Promise.resolve(), getAppPath: () => ${JSON.stringify(root)}, quit() {}, exit() {},
  },
  BrowserWindow: class {
    constructor(options) { calls.push(['window', options.webPreferences]); this.webContents = webContents; }
    once() {} on() {} setTitle(t) { calls.push(['title', t]); } loadURL(u) { calls.push(['load', u]); }
    static getAllWindows() { return []; }
  },
  ipcMain: { handle: (channel) => calls.push(['handle', channel]) },
  Menu: { buildFromTemplate: (t) => t, setApplicationMenu: (t) => calls.push(['menu', t[0].submenu.map((i) => i.label).filter(Boolean)]) },
  session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {} } },
  dialog: { showErrorBox: (title, message) => calls.push(['error', title, message]) },
  shell: {},
};
require.cache['electron-mock'] = { id: 'electron-mock', filename: 'electron-mock', loaded: true, exports: mock };
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? 'electron-mock' : resolveFilename.call(this, request, ...rest);
};
const done = () => calls.some((c) => c[0] === 'load');
const timer = setInterval(() => {
  if (!done()) return;
  clearInterval(timer);
  require('fs').writeFileSync(process.env.CALLS_FILE, JSON.stringify(calls));
  process.exit(0);
}, 50);
setTimeout(() => { require('fs').writeFileSync(process.env.CALLS_FILE, JSON.stringify(calls)); process.exit(3); }, 20000);
`;

describe('the built desktop app', () => {
  let calls: unknown[][] = [];
  const home = join(work, 'home');

  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', join(work, 'out')],
      { cwd: root, stdio: 'pipe' });
    writeFileSync(join(work, 'mock.cjs'), MOCK);
    const callsFile = join(work, 'calls.json');
    execFileSync(process.execPath, ['-r', join(work, 'mock.cjs'), join(work, 'out/main/index.js')],
      { env: { ...process.env, TAGWERK_HOME: home, CALLS_FILE: callsFile }, stdio: 'pipe' });
    calls = JSON.parse(readFileSync(callsFile, 'utf8'));
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('bundles main, preload and renderer', () => {
    for (const f of ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html']) expect(existsSync(join(work, f))).toBe(true);
    // lowdb is ESM-only and bundled into main, so main needs no require() of it at run time.
    expect(readFileSync(join(work, 'out/main/index.js'), 'utf8')).not.toMatch(/require\(["']lowdb["']\)/);
    // The page may only run its own scripts.
    expect(readFileSync(join(work, 'out/renderer/index.html'), 'utf8')).toContain("script-src 'self'");
  });

  it('creates the sample project from seeds/ at first start', () => {
    const docs = readdirSync(join(home, 'projects', 'Sample project', 'documents'));
    expect(docs.sort()).toEqual(['000-e40513d5b91acd2a-9d22fb68.json', '003-6a4deb1d4d02bbfd-b03c0314.json']);
    expect(calls).toContainEqual(['title', 'Sample project — Tagwerk']);
  });

  it('registers one IPC handler per API method and opens a sandboxed window on the built page', () => {
    const channels = calls.filter((c) => c[0] === 'handle').map((c) => c[1]);
    expect(channels).toEqual(API_METHODS.map((m) => `tagwerk:${m}`));
    const prefs = calls.find((c) => c[0] === 'window')![1] as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(prefs.preload).toBe(join(work, 'out/preload/index.js'));
    expect(calls.find((c) => c[0] === 'load')![1]).toBe(`file://${join(work, 'out/renderer/index.html')}`);
    expect(calls.find((c) => c[0] === 'menu')![1]).toEqual(expect.arrayContaining(['Open Files…', 'Open Folder…', 'Open Project…']));
    expect(calls.filter((c) => c[0] === 'error')).toEqual([]);
  });
});
