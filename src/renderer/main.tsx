import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getBridge } from './bridge';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
try {
  const bridge = getBridge();
  root.render(<StrictMode><App bridge={bridge} /></StrictMode>);
} catch (err) {
  root.render(<p className="tw-empty tw-error" role="alert">{(err as Error).message}</p>);
}
