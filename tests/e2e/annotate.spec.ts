/**
 * Annotating in the browser mode, the way a researcher does it: tag by mouse and by keyboard,
 * nest a claim around an actor, retag, delete, undo, redo, reload; every step checked in the
 * layer file on disk with offsets computed independently from the document's text.
 */
import type { Page } from '@playwright/test';
import { codePointRange, documentText, dragOver, pointsOf, readLayer, type StoredLayer } from './article-text';
import { expect, test } from './serve-fixture';

const ANNOTATOR = 'e2e-tester';
const CLAIM = 'Nach der Rückeroberung Karabachs hat der aserbaidschanische Präsident Ilham Alijew in der Hauptstadt der Kaukasusregion die Flagge seines Landes gehisst';

const documents = (page: Page) => page.getByRole('listbox', { name: 'Documents' });
const saved = (page: Page) => expect(page.getByTestId('save-state')).toHaveText('Saved');
const panelLabel = (page: Page) => page.getByTestId('span-panel').getByRole('combobox', { name: 'Label' });

async function openSeed(page: Page, url: string): Promise<string> {
  await page.goto(url);
  await documents(page).getByRole('option', { name: /Nach der Rückeroberung/ }).click();
  const article = page.locator('.tw-article');
  // Both seeds mention Ilham Alijew: wait for this article, not the one open before it.
  await expect(article.getByTestId('article-text')).toContainText('Rückeroberung Karabachs hat der aserbaidschanische Präsident Ilham Alijew');
  return (await article.getAttribute('data-document-id'))!;
}

/** The layer on disk once the UI says everything is saved. */
async function layerOnDisk(page: Page, projectDir: string, documentId: string): Promise<StoredLayer> {
  await saved(page);
  return readLayer(projectDir, ANNOTATOR, documentId);
}

/** Presses a key `times` times at a brisk human pace (key repeat runs at about 30 per second). */
async function pressTimes(page: Page, key: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    await page.waitForTimeout(15);
  }
}
const selectedText = (page: Page) => page.evaluate(() => window.getSelection()?.toString() ?? '');

const brief = (layer: StoredLayer) => layer.spans.map((s) => ({ label: s.label, start: s.start, end: s.end, quote: s.quote }));

test('tag an actor and the claim around it by mouse; retag, delete, undo, redo; all of it on disk and back after a reload', async ({ page, served }, info) => {
  const docId = await openSeed(page, served.url);
  const text = await documentText(served.projectDir, docId);
  const actor = { label: 'actor', ...codePointRange(text, 'Ilham Alijew'), quote: 'Ilham Alijew' };
  const claim = { label: 'claim', ...codePointRange(text, CLAIM), quote: CLAIM };

  // A sloppy drag from inside "Ilham" to inside "Alijew" snaps to the whole name.
  const name = await pointsOf(page, 'Ilham Alijew');
  const inside = await pointsOf(page, 'lham Alije');
  await page.mouse.move(inside.start.x, inside.start.y);
  await page.mouse.down();
  await page.mouse.move(inside.end.x, inside.end.y, { steps: 6 });
  await page.mouse.up();
  expect(name.start.x).toBeLessThan(inside.start.x);
  await page.keyboard.press('1');
  let layer = await layerOnDisk(page, served.projectDir, docId);
  expect(brief(layer)).toEqual([actor]);
  expect(layer.offsetUnit).toBe('codepoint');
  expect(layer.status).toBe('in_progress');
  await expect(panelLabel(page)).toHaveValue('actor');
  await expect(page.getByTestId('span-quote')).toHaveText('Ilham Alijew');
  await expect(documents(page).getByRole('option', { selected: true })).toContainText('In progress');

  // The whole first sentence as a claim, dragged including its full stop, which is dropped.
  await dragOver(page, 'Nach der', 'Landes gehisst.');
  await page.getByRole('button', { name: 'Claim', exact: true }).click();
  layer = await layerOnDisk(page, served.projectDir, docId);
  expect(brief(layer)).toEqual([claim, actor]);
  // Nested: the actor is drawn in the lane above the claim's and stays filled.
  const actorPiece = page.locator('.tw-span.tw-lane-1.tw-leaf', { hasText: /^Ilham Alijew$/ });
  await expect(actorPiece).toHaveCount(1);

  // Both stay clickable: a click on the name selects the actor, another click the claim around it.
  // (Clicks apart in time: a quick second click is a double click, which selects the word.)
  await page.keyboard.press('Escape');
  const click = async () => { await page.waitForTimeout(600); await page.mouse.click(name.start.x + 20, name.start.y); };
  await click();
  await expect(panelLabel(page)).toHaveValue('actor');
  await click();
  await expect(panelLabel(page)).toHaveValue('claim');
  await click();
  await expect(panelLabel(page)).toHaveValue('actor');
  const actorId = layer.spans.find((s) => s.label === 'actor')!.id;

  // Retag with another key, and back.
  await page.keyboard.press('3');
  layer = await layerOnDisk(page, served.projectDir, docId);
  expect(layer.spans.find((s) => s.id === actorId)?.label).toBe('location');
  await page.keyboard.press('1');
  layer = await layerOnDisk(page, served.projectDir, docId);
  expect(layer.spans.find((s) => s.id === actorId)?.label).toBe('actor');

  // Delete, undo, redo, undo.
  await page.keyboard.press('Delete');
  expect(brief(await layerOnDisk(page, served.projectDir, docId))).toEqual([claim]);
  await page.keyboard.press('Control+z');
  layer = await layerOnDisk(page, served.projectDir, docId);
  expect(brief(layer)).toEqual([claim, actor]);
  expect(layer.spans.find((s) => s.label === 'actor')?.id).toBe(actorId);
  await expect(panelLabel(page)).toHaveValue('actor');
  await page.keyboard.press('Control+Shift+z');
  expect(brief(await layerOnDisk(page, served.projectDir, docId))).toEqual([claim]);
  await page.getByRole('button', { name: 'Undo' }).click();
  expect(brief(await layerOnDisk(page, served.projectDir, docId))).toEqual([claim, actor]);

  // Drag the end handle of the selected actor to the end of "Hauptstadt"; undo puts it back.
  const handle = (await page.getByTestId('handle-end').boundingBox())!;
  const target = await pointsOf(page, 'der Hauptstadt');
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.end.x - 3, target.end.y, { steps: 8 });
  await page.mouse.up();
  layer = await layerOnDisk(page, served.projectDir, docId);
  expect(layer.spans.find((s) => s.id === actorId)).toMatchObject({ quote: 'Ilham Alijew in der Hauptstadt', ...codePointRange(text, 'Ilham Alijew in der Hauptstadt') });
  await page.keyboard.press('Control+z');
  layer = await layerOnDisk(page, served.projectDir, docId);
  expect(layer.spans.find((s) => s.id === actorId)).toMatchObject(actor);

  // A location inside the claim, then a look at the nested spans.
  await dragOver(page, 'Karabachs');
  await page.keyboard.press('3');
  layer = await layerOnDisk(page, served.projectDir, docId);
  expect(brief(layer)).toContainEqual({ label: 'location', ...codePointRange(text, 'Karabachs'), quote: 'Karabachs' });
  await page.mouse.click(name.start.x + 20, name.start.y);
  await page.screenshot({ path: info.outputPath('nested-spans-and-panel.png') });

  // The list counts per label and filters by label.
  const list = page.getByRole('region', { name: 'Annotations in this document' });
  await expect(list.getByRole('button', { name: 'Location 1' })).toBeVisible();
  await list.getByRole('button', { name: 'Location 1' }).click();
  await expect(list.getByRole('option')).toHaveCount(1);
  await list.getByRole('option').click();
  await expect(page.getByTestId('span-quote')).toHaveText('Karabachs');
  await list.getByRole('button', { name: 'Location 1' }).click();
  await expect(list.getByRole('option')).toHaveCount(3);

  // Reload: everything comes back from disk.
  await page.reload();
  await expect(page.locator('.tw-article')).toHaveAttribute('data-document-id', docId);
  await expect(page.locator('.tw-span-row')).toHaveCount(3);
  await expect(page.locator('.tw-span.tw-lane-1.tw-leaf', { hasText: /^Ilham Alijew$/ })).toHaveCount(1);
  expect(brief(await readLayer(served.projectDir, ANNOTATOR, docId))).toEqual(brief(layer));
});

test('keyboard only: select with Shift+arrows, tag, step through spans, move boundaries, edit an attribute, finish the document', async ({ page, served }) => {
  const docId = await openSeed(page, served.url);
  const text = await documentText(served.projectDir, docId);

  // Tab from the document list into the article; the caret starts at the beginning of the text.
  await documents(page).focus();
  for (let i = 0; i < 15 && !(await page.getByTestId('article-text').evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(page.getByTestId('article-text')).toBeFocused();
  await pressTimes(page, 'ArrowRight', text.indexOf('Ilham'));
  await pressTimes(page, 'Shift+ArrowRight', 'Ilham Alijew'.length);
  await expect.poll(() => selectedText(page)).toBe('Ilham Alijew');
  await page.keyboard.press('1');
  let layer = await layerOnDisk(page, served.projectDir, docId);
  expect(brief(layer)).toEqual([{ label: 'actor', ...codePointRange(text, 'Ilham Alijew'), quote: 'Ilham Alijew' }]);

  // The claim sentence: from the start of the text, Shift+Ctrl+→ word by word past "gehisst".
  await page.keyboard.press('Control+Home');
  const words = CLAIM.split(' ').length;
  await pressTimes(page, 'Control+Shift+ArrowRight', words);
  await expect.poll(() => selectedText(page)).toBe(CLAIM);
  await page.keyboard.press('2');
  layer = await layerOnDisk(page, served.projectDir, docId);
  expect(brief(layer).map((s) => s.quote)).toEqual([CLAIM, 'Ilham Alijew']);

  // Tab steps through the spans in text order; Escape deselects.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('span-panel')).toHaveCount(0);
  await page.keyboard.press('Tab');
  await expect(panelLabel(page)).toHaveValue('claim');
  await page.keyboard.press('Tab');
  await expect(panelLabel(page)).toHaveValue('actor');

  // Shift+→ takes in the next word, Shift+Alt+← the word before; undo puts the name back.
  await page.keyboard.press('Shift+ArrowRight');
  layer = await layerOnDisk(page, served.projectDir, docId);
  expect(layer.spans[1].quote).toBe('Ilham Alijew in');
  await page.keyboard.press('Shift+Alt+ArrowLeft');
  layer = await layerOnDisk(page, served.projectDir, docId);
  expect(layer.spans.find((s) => s.label === 'actor')?.quote).toBe('Präsident Ilham Alijew in');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  layer = await layerOnDisk(page, served.projectDir, docId);
  expect(layer.spans.find((s) => s.label === 'actor')).toMatchObject(codePointRange(text, 'Ilham Alijew'));

  // Past the last span Tab leaves the article for the side panel: set the actor's type there.
  await page.keyboard.press('Tab');
  await expect(panelLabel(page)).toBeFocused();
  await page.keyboard.press('Tab');
  const actorType = page.getByTestId('span-panel').getByRole('combobox', { name: 'Actor type' });
  await expect(actorType).toBeFocused();
  await page.keyboard.press('ArrowDown');
  layer = await layerOnDisk(page, served.projectDir, docId);
  expect(layer.spans.find((s) => s.label === 'actor')?.attributes).toEqual({ actor_type: 'person' });

  // Ctrl+Enter marks the document done and opens the next one not done.
  await page.keyboard.press('Escape');
  await page.getByTestId('article-text').focus();
  await page.keyboard.press('Control+Enter');
  await expect(page.locator('.tw-article-text')).toContainText('Ilham Alijew grundsätzlich zu Gesprächen');
  await expect.poll(async () => (await readLayer(served.projectDir, ANNOTATOR, docId)).status).toBe('done');
  await expect(documents(page).getByRole('option', { name: /Nach der Rückeroberung/ })).toContainText('Done');
  // Alt+↓ and Alt+↑ move between documents.
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.locator('.tw-article')).toHaveAttribute('data-document-id', docId);
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.locator('.tw-article-text')).toContainText('Ilham Alijew grundsätzlich');
});

test('edit the tag schema: rename, add a label with its own key, refuse a key twice; the palette and tagwerk.json follow', async ({ page, served }, info) => {
  const docId = await openSeed(page, served.url);
  await page.getByRole('button', { name: 'Edit labels…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Labels' });
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('schema-label-location').getByRole('textbox', { name: 'Name' }).fill('Ort');
  await dialog.getByRole('textbox', { name: 'New label' }).fill('Weapon');
  await dialog.getByRole('button', { name: 'Add label' }).click();
  const weapon = dialog.getByTestId('schema-label-weapon');
  await expect(weapon.getByRole('textbox', { name: 'Key for Weapon' })).toHaveValue('5');
  await weapon.getByRole('textbox', { name: 'Key for Weapon' }).fill('1');
  await expect(dialog.getByRole('alert')).toContainText('"Actor" and "Weapon" both use the key 1.');
  await expect(dialog.getByRole('button', { name: 'Save labels' })).toBeDisabled();
  await weapon.getByRole('textbox', { name: 'Key for Weapon' }).fill('5');
  await weapon.getByRole('radio', { name: '#56b4e9' }).click();
  await page.screenshot({ path: info.outputPath('schema-editor.png') });
  await dialog.getByRole('button', { name: 'Save labels' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(page.getByRole('button', { name: 'Weapon', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ort', exact: true })).toBeVisible();
  const { readFile } = await import('node:fs/promises');
  const manifest = JSON.parse(await readFile(`${served.projectDir}/tagwerk.json`, 'utf8')) as { tagSchema: { labels: { id: string; name: string; key: string | null; color: string }[] } };
  expect(manifest.tagSchema.labels.map((l) => [l.id, l.name, l.key])).toEqual([
    ['actor', 'Actor', '1'], ['claim', 'Claim', '2'], ['location', 'Ort', '3'], ['casualty_figure', 'Casualty figure', '4'], ['weapon', 'Weapon', '5'],
  ]);
  expect(manifest.tagSchema.labels[4].color).toBe('#56b4e9');

  // The new key tags at once.
  await dragOver(page, 'Flagge');
  await page.keyboard.press('5');
  const layer = await layerOnDisk(page, served.projectDir, docId);
  expect(brief(layer)).toEqual([{ label: 'weapon', ...codePointRange(await documentText(served.projectDir, docId), 'Flagge'), quote: 'Flagge' }]);
});

test('offsets stay exact around German quotes, umlauts, compounds, German numbers, emoji and combining accents', async ({ page, served }) => {
  const article = [
    'Waffenruhe in Berg-Karabach 👍🏽',
    '„Wir haben erreicht, was wir wollten“, sagte Ilham Alijew 🇦🇿 in Stepanakert.',
    'Nach Angaben von Jose\u0301 Müller starben mehr als 6.500 Menschen – darunter Zoë aus Ağdam.',
  ].join('\n');
  await page.goto(served.url);
  await page.getByTestId('open-files').setInputFiles({ name: 'waffenruhe.txt', mimeType: 'text/plain', buffer: Buffer.from(article, 'utf8') });
  await documents(page).getByRole('option', { name: /Waffenruhe in Berg-Karabach/ }).click();
  await expect(page.getByTestId('article-text')).toContainText('Waffenruhe in Berg-Karabach');
  const docId = (await page.locator('.tw-article').getAttribute('data-document-id'))!;
  const text = await documentText(served.projectDir, docId);

  const cases: [drag: [string, string], key: string, quote: string][] = [
    [['„Wir', 'wollten“'], '2', '„Wir haben erreicht, was wir wollten“'],
    [['Berg-', '-Karabach'], '3', 'Berg-Karabach'],
    [['Alijew 🇦🇿', 'Alijew 🇦🇿'], '1', 'Alijew 🇦🇿'],
    [['Stepanakert.', 'Stepanakert.'], '3', 'Stepanakert'],
    [['Jose\u0301', 'Jose\u0301'], '1', 'Jose\u0301'],
    [['mehr als', '6.500 Menschen'], '4', 'mehr als 6.500 Menschen'],
    [['Ağdam', 'Ağdam'], '3', 'Ağdam'],
  ];
  for (const [[from, to], key] of cases) {
    await page.keyboard.press('Escape');
    await dragOver(page, from, to);
    await page.keyboard.press(key);
    await saved(page);
  }
  const layer = await readLayer(served.projectDir, ANNOTATOR, docId);
  const cps = Array.from(text);
  for (const s of layer.spans) expect(cps.slice(s.start, s.end).join('')).toBe(s.quote);
  expect(layer.spans.map((s) => s.quote).sort()).toEqual(cases.map((c) => c[2]).sort());
  // The emoji flag is two code points; the actor span's offsets count it so.
  const flag = layer.spans.find((s) => s.quote.includes('🇦🇿'))!;
  expect(flag).toMatchObject(codePointRange(text, 'Alijew 🇦🇿'));
  expect(flag.end - flag.start).toBe(9);
});

test('a repaint between a keyboard selection change and its selectionchange event keeps the selection', async ({ page, served }) => {
  await openSeed(page, served.url);
  const suggestion = page.locator('.tw-suggestion').first();
  await expect(suggestion).toBeVisible();
  const word = (await suggestion.textContent())!;
  // The caret at the start of a suggested name, read by ProseMirror.
  await page.getByTestId('article-text').focus();
  await page.evaluate(() => {
    const node = document.querySelector('.tw-suggestion')!.firstChild!;
    getSelection()!.collapse(node, 0);
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  // In one task: the browser's selection grows by three characters (as Shift+→ does), and a
  // repaint (the suggestions switched off) redraws that paragraph before selectionchange fires.
  await page.evaluate(() => {
    for (let i = 0; i < 3; i++) getSelection()!.modify('extend', 'forward', 'character');
    [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Suggestions'))!.click();
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect(page.locator('.tw-suggestion')).toHaveCount(0);
  expect(await selectedText(page)).toBe(word.slice(0, 3));
});
