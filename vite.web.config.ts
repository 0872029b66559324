// The renderer alone, for the browser mode (`npm run web`, `tagwerk serve`): same output as the
// desktop build's renderer, without needing the Electron binary.
import { defineConfig } from 'vite';
import { rendererConfig } from './electron.vite.config';

export default defineConfig(rendererConfig);
