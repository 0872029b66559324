/**
 * The page's entry: starts loading the project (`state/project-load.ts`), then loads the app.
 * Kept tiny on purpose, so that the backend reads the document while the browser fetches and
 * parses the app's bundle. A missing bridge is reported by the app itself.
 */
import { getBridge } from './bridge';
import { startProjectLoad } from './state/project-load';

try {
  startProjectLoad(getBridge().api);
} catch {
  // main.tsx shows why there is no bridge.
}
void import('./main');
