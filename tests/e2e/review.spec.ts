/**
 * Reviewing a colleague's work in the browser mode: annotate, import Ben's bundle, compare,
 * step through the disagreements by keyboard, decide them, accept the agreement, read the
 * agreement table, export the curated layer — with the curated layer checked on disk — and
 * answer a colleague's comment on their version.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { codePointRange, documentText, pointsOf, tag } from './article-text';
import { expect, test } from './serve-fixture';

const CLAIM = 'Nach der Rückeroberung Karabachs hat der aserbaidschanische Präsident Ilham Alijew in der Hauptstadt der Kaukasusregion die Flagge seines Landes gehisst';

interface StoredSpan { label: string; start: number; end: number; quote: string; origin?: { annotators: string[]; decision: string } }

test('import a colleague\'s bundle, compare, decide every disagreement by keyboard, export the curated layer', async ({ page, served }, info) => {
  await page.goto(served.url);
  await page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { name: /Nach der Rückeroberung/ }).click();
  const article = page.locator('.tw-article');
  await expect(article.getByTestId('article-text')).toContainText('Rückeroberung Karabachs hat der aserbaidschanische Präsident Ilham Alijew');
  const docId = (await article.getAttribute('data-document-id'))!;
  const text = await documentText(served.projectDir, docId);

  // My layer: the actor, Stepanakert as a location, the casualty figure with "mehr als".
  await tag(page, 'Ilham Alijew', '1');
  await tag(page, 'Stepanakert', '3');
  await tag(page, 'mehr als 6.500 Toten', '4');

  // Ben's bundle: the same actor, Stepanakert as an actor, "6.500 Toten", and the claim.
  const doc = JSON.parse(await readFile(join(served.projectDir, 'documents', `${docId}.json`), 'utf8'));
  const span = (id: string, needle: string, label: string) => ({
    id, ...codePointRange(text, needle), label, quote: needle, attributes: {}, createdAt: '2025-07-01T10:00:00.000Z', modifiedAt: '2025-07-01T10:00:00.000Z',
  });
  const bundle = {
    kind: 'tagwerk-bundle', schemaVersion: 1, offsetUnit: 'codepoint', annotator: { id: 'ben-schulz', name: 'Ben Schulz' }, tagSchema: { labels: [] },
    documents: [{
      id: docId, title: doc.title, fileName: doc.source.fileName, sha256: doc.source.sha256, length: Array.from(text).length, relations: [],
      spans: [span('b1', CLAIM, 'claim'), span('b2', 'Ilham Alijew', 'actor'), span('b3', 'Stepanakert', 'actor'), span('b4', '6.500 Toten', 'casualty_figure')],
      comments: [{
        id: 'c1', target: { annotator: 'ben-schulz', spanId: 'b3', ...codePointRange(text, 'Stepanakert'), label: 'actor' },
        text: 'Stepanakert steht hier für die Verwaltung der Region.', createdAt: '2025-07-01T10:05:00.000Z', modifiedAt: '2025-07-01T10:05:00.000Z',
      }],
    }],
  };
  const bundleFile = info.outputPath('ben.tagwerk');
  await writeFile(bundleFile, JSON.stringify(bundle));
  await page.getByTestId('open-files').setInputFiles(bundleFile);
  await expect(page.locator('.tw-import-report')).toContainText('4 spans');

  // Compare: each kind once.
  await page.getByRole('button', { name: 'Review' }).click();
  const legend = page.getByLabel('Legend');
  await expect(legend).toContainText('Agreement 1');
  await expect(legend).toContainText('Label differs 1');
  await expect(legend).toContainText('Boundaries differ 1');
  await expect(legend).toContainText('Only some marked it 1');
  await expect(page.getByTestId('review-progress')).toHaveText('0 of 4 decided · 4 left');
  await page.screenshot({ path: info.outputPath('review-compare.png') });
  // Filtering by label: only the casualty figures take part.
  const filter = page.getByRole('toolbar', { name: 'Review' }).getByRole('button', { name: 'Casualty figure' });
  await filter.click();
  await expect(legend).toContainText('Agreement 0');
  await expect(legend).toContainText('Boundaries differ 1');
  await expect(legend).toContainText('Label differs 0');
  await filter.click();
  await expect(legend).toContainText('Label differs 1');

  // Annotators in id order: 1 = Ben Schulz, 2 = E2E Tester.
  // A click on the first word picks the claim only Ben marked; j and k step between disagreements.
  await page.locator('.tw-article-text').click({ position: { x: 5, y: 5 } });
  const item = page.getByTestId('review-item');
  await expect(item.getByRole('heading')).toHaveText('Only some marked it');
  await expect(item).toContainText('E2E Tester');
  await expect(item).toContainText('did not mark it');
  await page.keyboard.press('j');
  await expect(item.getByRole('heading')).toHaveText('Label differs');
  await page.keyboard.press('k');
  await expect(item.getByRole('heading')).toHaveText('Only some marked it');
  await page.keyboard.press('x');
  await expect(item.getByRole('heading')).toHaveText('Label differs');
  await expect(item).toContainText('Stepanakert');
  // Ben's comment on his version is shown with it; I reply, and the reply goes into my own layer file.
  const benVersion = item.locator('.tw-version').filter({ hasText: 'Ben Schulz' });
  await expect(benVersion.getByTestId('discussion')).toContainText('Stepanakert steht hier für die Verwaltung der Region.');
  await benVersion.getByRole('button', { name: 'Reply' }).click();
  const reply = 'Im Satz ist es der Ort der Flaggenhissung.';
  await benVersion.getByRole('textbox', { name: 'New comment' }).fill(reply);
  await benVersion.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(benVersion.locator('.tw-comment')).toHaveCount(2);
  await expect(benVersion.locator('.tw-comment').nth(1)).toContainText(`E2E Tester`);
  const myFile = join(served.projectDir, 'annotations', 'e2e-tester', `${docId}.json`);
  const myComments = JSON.parse(await readFile(myFile, 'utf8')).comments as { text: string; target: { annotator: string; spanId: string } }[];
  expect(myComments.map((c) => [c.text, c.target.annotator, c.target.spanId])).toEqual([[reply, 'ben-schulz', 'b3']]);
  await page.screenshot({ path: info.outputPath('review-discussion.png') });
  await item.getByRole('button', { name: 'Accept (2)' }).click();
  await expect(item.getByRole('heading')).toHaveText('Boundaries differ');
  await page.locator('.tw-article-text').focus();
  await page.screenshot({ path: info.outputPath('review-decide.png') });
  await page.keyboard.press('2');
  await page.keyboard.press('Shift+A');
  await expect(page.getByTestId('review-progress')).toHaveText('4 of 4 decided · 0 left');

  // The curated layer on disk, with where each span came from.
  const curatedFile = join(served.projectDir, 'annotations', 'curated_layer', `${docId}.json`);
  await expect.poll(async () => {
    try { return (JSON.parse(await readFile(curatedFile, 'utf8')).spans as StoredSpan[]).length; } catch { return 0; }
  }).toBe(3);
  const curated = JSON.parse(await readFile(curatedFile, 'utf8')).spans as StoredSpan[];
  expect(curated.map((s) => [s.label, s.quote, s.origin?.annotators])).toEqual([
    ['actor', 'Ilham Alijew', ['ben-schulz', 'e2e-tester']],
    ['location', 'Stepanakert', ['e2e-tester']],
    ['casualty_figure', 'mehr als 6.500 Toten', ['e2e-tester']],
  ]);
  for (const s of curated) expect(Array.from(text).slice(s.start, s.end).join('')).toBe(s.quote);
  // The claim only Ben marked was resolved as neither: kept in the project, so progress survives a reload.
  expect(JSON.parse(await readFile(curatedFile, 'utf8')).rejected).toEqual(['ben-schulz:b1']);
  await page.reload();
  await page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { name: /Nach der Rückeroberung/ }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByTestId('review-progress')).toHaveText('4 of 4 decided · 0 left');

  // Agreement: me 3 spans, Ben 4 (annotators in the project's order); one exact match (F1 2/7), two by overlap (4/7).
  await page.getByRole('button', { name: 'Agreement…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Agreement' });
  const total = dialog.getByTestId('agreement-table').getByRole('row', { name: /All labels/ });
  await expect(dialog.getByRole('columnheader', { name: 'Spans (E2E Tester / Ben Schulz)' })).toBeVisible();
  await expect(total).toContainText('3 / 4');
  await expect(total).toContainText('0.286');
  await expect(total).toContainText('0.571');
  // The chart: one bar per label and measure with a value (F1 overlap, κ, α_u).
  await expect(dialog.locator('.tw-chart g[aria-label="bar"] rect').first()).toBeVisible();
  expect(await dialog.locator('.tw-chart g[aria-label="bar"] rect').count()).toBeGreaterThan(5);
  await dialog.screenshot({ path: info.outputPath('agreement-table.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Export the curated layer.
  await page.getByRole('button', { name: 'Export…' }).click();
  const exp = page.getByRole('dialog', { name: 'Export' });
  await exp.getByRole('combobox', { name: 'Layer' }).selectOption({ label: 'Curated layer (adjudicated)' });
  await expect(exp.getByTestId('export-preview')).toContainText('"annotator":"curated_layer"');
  await exp.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(exp.getByTestId('export-result')).toContainText('3 spans');
  const lines = (await readFile(join(served.projectDir, 'exports', 'sample-project-jsonl.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  const exported = lines.flatMap((l) => l.spans as { label: string; text: string; annotator: string }[]);
  expect(exported.map((s) => [s.label, s.text, s.annotator])).toEqual([
    ['actor', 'Ilham Alijew', 'curated_layer'], ['location', 'Stepanakert', 'curated_layer'], ['casualty_figure', 'mehr als 6.500 Toten', 'curated_layer'],
  ]);
  await exp.getByRole('button', { name: 'Close' }).click();

  // Edit the curated layer: correct the accepted figure's victims (it becomes "edited"), add a span of my own ("added").
  const figureAt = await pointsOf(page, '6.500 Toten');
  await page.mouse.click(figureAt.start.x + 4, figureAt.start.y);
  await expect(item.getByRole('heading')).toHaveText('Boundaries differ · decided');
  await item.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByTestId('curated-banner')).toBeVisible();
  const panel = page.getByTestId('span-panel');
  await expect(panel.getByTestId('span-quote')).toHaveText('mehr als 6.500 Toten');
  await expect(panel.getByTestId('span-origin')).toHaveText('accepted from E2E Tester');
  await panel.getByRole('combobox', { name: 'Victims' }).selectOption('mixed');
  await expect(panel.getByTestId('span-origin')).toHaveText('edited from E2E Tester');
  await tag(page, 'Stausee', '3');
  await page.screenshot({ path: info.outputPath('curated-edit.png') });
  const edited = JSON.parse(await readFile(curatedFile, 'utf8')).spans as (StoredSpan & { attributes: Record<string, unknown> })[];
  expect(edited.map((s) => [s.quote, s.origin?.decision, s.attributes.victims ?? null])).toEqual([
    ['Ilham Alijew', 'accepted', null], ['Stepanakert', 'accepted', null], ['Stausee', 'added', null], ['mehr als 6.500 Toten', 'edited', 'mixed'],
  ]);
  // My own layer is untouched by the curator's edits.
  await page.getByRole('button', { name: 'Back to my layer' }).click();
  await expect(page.getByTestId('curated-banner')).toHaveCount(0);
  const mine = JSON.parse(await readFile(myFile, 'utf8')).spans as StoredSpan[];
  expect(mine.map((s) => s.quote)).toEqual(['Ilham Alijew', 'Stepanakert', 'mehr als 6.500 Toten']);
});

test('set my annotator name once: it is kept in the settings and stamped on what I tag next', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('button', { name: 'E2E Tester' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your name' });
  await dialog.getByRole('textbox', { name: 'Annotator name' }).fill('  ');
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Annotator name' }).fill('Clara Weiß');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('button', { name: 'Clara Weiß' })).toBeVisible();
  const settings = JSON.parse(await readFile(join(served.home, 'settings.json'), 'utf8'));
  expect(settings.annotatorName).toBe('Clara Weiß');
  await page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { name: /Nach der Rückeroberung/ }).click();
  const article = page.locator('.tw-article');
  await expect(article.getByTestId('article-text')).toContainText('Rückeroberung Karabachs hat der aserbaidschanische Präsident Ilham Alijew');
  const docId = (await article.getAttribute('data-document-id'))!;
  await tag(page, 'Stepanakert', '3');
  const layer = JSON.parse(await readFile(join(served.projectDir, 'annotations', 'clara-weiss', `${docId}.json`), 'utf8'));
  expect(layer.spans.map((s: StoredSpan) => [s.label, s.quote])).toEqual([['location', 'Stepanakert']]);
  const manifest = JSON.parse(await readFile(join(served.projectDir, 'tagwerk.json'), 'utf8'));
  expect(manifest.annotators).toContainEqual({ id: 'clara-weiss', name: 'Clara Weiß' });
});
