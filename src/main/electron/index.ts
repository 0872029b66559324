/**
 * The desktop shell: starts the services on the last project (or the sample project at first
 * start), opens the window and connects menus, dialogs and IPC to the services.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TagwerkEvent } from '../../shared/api/tagwerk-api';
import { IMPORTABLE_EXTENSIONS } from '../../shared/formats/source-formats';
import { annotatorFromName } from '../services/annotators';
import { importPaths } from '../services/import-service';
import { openStartProjectLocked } from '../services/open-project';
import type { ProjectLock } from '../services/project-lock';
import { GAZETTEER_WARM_AFTER_MS, warmGazetteer } from '../services/place-store';
import { readSettings, defaultAnnotatorName, writeSettings } from '../services/settings';
import { createTagwerkService, type TagwerkService } from '../services/tagwerk-service';
import { createSenderCheck, EVENT_CHANNEL, registerApiHandlers } from './ipc-handlers';
import { importReportBox, READ_ANYWAY } from './import-report-box';
import { menuTemplate } from './menu';
import { denyAllPermissions, hardenWebContents, isSafeExternalUrl, mainWindowOptions } from './window-security';

let service: TagwerkService | null = null;
let projectLock: ProjectLock | null = null;
let window: BrowserWindow | null = null;
let unsubscribe: (() => void) | null = null;

const rendererUrl = (): string =>
  process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href;

const openExternal = (url: string) => { if (isSafeExternalUrl(url)) void shell.openExternal(url); };

async function openProject(requested?: string): Promise<void> {
  if (requested && service && resolve(requested) === service.store.dir) return;
  const settings = await readSettings();
  const name = settings.annotatorName ?? defaultAnnotatorName();
  // The project's lock (project-lock.ts): a second program on it is refused with who has it.
  const { store, lock } = await openStartProjectLocked({
    requested, create: true, seedsDir: join(app.getAppPath(), 'seeds'), annotatorName: name,
  }, 'the desktop app');
  if (service) await service.store.flush();
  await projectLock?.release();
  projectLock = lock;
  unsubscribe?.();
  service = createTagwerkService(store, annotatorFromName(name), {
    saveAnnotatorName: async (annotatorName) => writeSettings({ ...(await readSettings()), annotatorName }),
  });
  unsubscribe = service.onEvent((event: TagwerkEvent) => window?.webContents.send(EVENT_CHANNEL, event));
  window?.setTitle(`${store.manifest.name} — Tagwerk`);
  service.emit({ type: 'documents-changed' });
}

async function importPicked(paths: string[], replaceInvalid = false): Promise<void> {
  if (!service || paths.length === 0) return;
  const current = service;
  const result = await importPaths(current.store, paths, {
    fallbackAnnotator: (await current.getProject({})).currentAnnotator.name, replaceInvalid,
    onProgress: (done, total) => current.emit({ type: 'import-progress', done, total }),
  });
  current.emit({ type: 'documents-changed' });
  const box = importReportBox(result);
  if (!box || !window) return;
  const { response } = await dialog.showMessageBox(window, box.options);
  if (response === READ_ANYWAY && box.notDecoded.length && current === service) await importPicked(box.notDecoded, true);
}

function createWindow(): void {
  window = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.js')));
  hardenWebContents(window.webContents, openExternal);
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => { window = null; });
  // The page refuses to unload while changes are still on their way to the disk: ask.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window!, {
      type: 'warning', buttons: ['Keep the window open', 'Close anyway'], defaultId: 0, cancelId: 0,
      message: 'Tagwerk is still saving your last change.',
      detail: 'Closing now may lose it. It is usually saved within a moment.',
    });
    if (choice === 1) event.preventDefault();
  });
  if (service) window.setTitle(`${service.store.manifest.name} — Tagwerk`);
  void window.loadURL(rendererUrl());
}

/** Menu actions run with nobody awaiting them: show their failures instead of losing them. */
function reportingErrors(title: string, action: () => Promise<void>): () => void {
  return () => {
    action().catch((err: Error) => {
      const options = { type: 'error' as const, title, message: title, detail: err.message };
      void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
    });
  };
}

function buildMenu(): void {
  const pick = async (properties: ('openFile' | 'openDirectory' | 'multiSelections')[], filters?: Electron.FileFilter[]) => {
    const result = window
      ? await dialog.showOpenDialog(window, { properties, filters })
      : await dialog.showOpenDialog({ properties, filters });
    return result.canceled ? [] : result.filePaths;
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({
    openFiles: reportingErrors('The files could not be imported', async () => importPicked(await pick(['openFile', 'multiSelections'],
      [{ name: 'Articles and annotated corpora', extensions: [...IMPORTABLE_EXTENSIONS] }]))),
    openFolder: reportingErrors('The folder could not be imported', async () => importPicked(await pick(['openDirectory', 'multiSelections']))),
    openProject: reportingErrors('The project could not be opened', async () => { const [dir] = await pick(['openDirectory']); if (dir) await openProject(dir); }),
    revealProject: () => { if (service) void shell.openPath(service.store.dir); },
    exportProject: () => service?.emit({ type: 'open-export' }),
  }, process.platform === 'darwin')));
}

app.enableSandbox();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => { if (window) { if (window.isMinimized()) window.restore(); window.focus(); } });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal));
  app.whenReady().then(async () => {
    denyAllPermissions(session.defaultSession);
    registerApiHandlers(ipcMain, () => {
      if (!service) throw new Error('no project is open');
      return service;
    }, createSenderCheck(rendererUrl, () => window?.webContents.id ?? null));
    await openProject();
    buildMenu();
    createWindow();
    warmGazetteer(GAZETTEER_WARM_AFTER_MS).catch((err: Error) => console.warn(`Tagwerk: the gazetteer could not be loaded (${err.message}); place search will try again`));
    app.on('activate', () => { if (BrowserWindow.getAllWindows().length === 0) createWindow(); });
  }).catch((err: Error) => {
    dialog.showErrorBox('Tagwerk could not start', err.message);
    app.exit(1);
  });
  app.on('window-all-closed', () => { if (process.platform !== 'darwin') app.quit(); });
  let flushed = false;
  app.on('before-quit', (event) => {
    if (flushed || !service) return;
    event.preventDefault();
    void service.store.flush().finally(async () => {
      await projectLock?.release();
      flushed = true;
      app.quit();
    });
  });
}
