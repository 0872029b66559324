/** Exporting from the app in browser mode: choose, preview, export, find the file on disk. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './serve-fixture';

test('export the project as JSONL from the dialog: a preview first, then the file in the project\'s exports folder', async ({ page, served }, info) => {
  await page.goto(served.url);
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog.getByRole('combobox', { name: 'Format' })).toHaveValue('jsonl');
  await expect(dialog.getByTestId('export-preview')).toContainText('"id":"000-e40513d5b91acd2a-9d22fb68"');
  await page.screenshot({ path: info.outputPath('export-dialog.png') });
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByTestId('export-result')).toContainText('Exported 2 documents');
  const file = join(served.projectDir, 'exports', 'sample-project-jsonl.jsonl');
  await expect(dialog.getByTestId('export-result')).toContainText(file);
  const lines = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { id: string; offset_unit: string });
  expect(lines.map((l) => l.id)).toEqual(['000-e40513d5b91acd2a-9d22fb68', '003-6a4deb1d4d02bbfd-b03c0314']);
  expect(lines.every((l) => l.offset_unit === 'codepoint')).toBe(true);
  // Before anyone has annotated, a format holding one layer exports the texts without spans.
  await dialog.getByRole('combobox', { name: 'Format' }).selectOption('conll');
  await expect(dialog.getByTestId('export-preview')).toContainText('-DOCSTART- -X- O O');
  await expect(dialog.getByTestId('export-preview')).toContainText('Karabach\tO');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
});
