/** The application menu: File ▸ Open Files…, Open Folder…, Open Project…, Export…, Quit. */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openFiles(): void;
  openFolder(): void;
  openProject(): void;
  revealProject(): void;
  /** Opens the export dialog in the window. */
  exportProject(): void;
}

export function menuTemplate(actions: MenuActions, isMac: boolean): MenuItemConstructorOptions[] {
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open Files…', accelerator: 'CmdOrCtrl+O', click: () => actions.openFiles() },
        { label: 'Open Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.openFolder() },
        { type: 'separator' },
        { label: 'Open Project…', click: () => actions.openProject() },
        { label: 'Show Project Folder', click: () => actions.revealProject() },
        { type: 'separator' },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportProject() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
}
