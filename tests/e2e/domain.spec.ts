/**
 * The conflict-reporting domain in the browser mode: a casualty figure tagged by hand gets its
 * normalised attributes, and a claim is attributed to its actor with Shift+R and a click — the
 * relation drawn on the text, listed in the panel, undoable, on disk and in the JSONL export.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { documentText, pointsOf, readLayer, tag } from './article-text';
import { expect, test } from './serve-fixture';

const CLAIM = 'Nach der Rückeroberung Karabachs hat der aserbaidschanische Präsident Ilham Alijew in der Hauptstadt der Kaukasusregion die Flagge seines Landes gehisst';

async function clickOn(page: Page, needle: string): Promise<void> {
  const at = await pointsOf(page, needle);
  await page.mouse.click(at.start.x + 3, at.start.y);
}

test('a casualty figure is normalised on tagging; a claim is attributed to its actor and the relation is exported', async ({ page, served }, info) => {
  await page.goto(served.url);
  await page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { name: /Nach der Rückeroberung/ }).click();
  const article = page.locator('.tw-article');
  // Text only this article has: the first one opened also names Alijew.
  await expect(article.getByTestId('article-text')).toContainText('Rückeroberung Karabachs hat der aserbaidschanische Präsident Ilham Alijew');
  const docId = (await article.getAttribute('data-document-id'))!;

  // The casualty figure: the panel shows what the parser read, the file says it was automatic.
  await tag(page, 'mehr als 6.500 Toten', '4');
  const panel = page.getByTestId('span-panel');
  await expect(panel.getByRole('textbox', { name: 'Count (min)' })).toHaveValue('6500');
  await expect(panel.getByRole('combobox', { name: 'Outcome' })).toHaveValue('killed');
  await expect(panel.getByRole('combobox', { name: 'Normalised by' })).toHaveValue('auto');
  let layer = await readLayer(served.projectDir, 'e2e-tester', docId);
  expect(layer.spans.find((s) => s.label === 'casualty_figure')!.attributes).toEqual({
    count_min: 6500, count_max: null, approximate: false, outcome: 'killed', victims: 'unknown', normalized_by: 'auto',
  });
  // Correcting a value marks it as the annotator's.
  await panel.getByRole('combobox', { name: 'Victims' }).selectOption('mixed');
  await expect(panel.getByRole('combobox', { name: 'Normalised by' })).toHaveValue('annotator');

  // The claim and its actor; then Shift+R on the claim and a click on the actor.
  await tag(page, CLAIM, '2');
  await tag(page, 'Ilham Alijew', '1');
  await page.keyboard.press('Escape');
  await clickOn(page, 'Nach der');
  await expect(panel.getByTestId('span-quote')).toHaveText(CLAIM);
  await page.keyboard.press('Shift+R');
  await expect(page.getByTestId('hint')).toContainText('Click the annotation it relates to');
  await clickOn(page, 'Alijew in der');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  const relations = panel.getByTestId('relations');
  await expect(relations.getByRole('combobox', { name: 'Relation type' })).toHaveValue('attributed_to');
  await expect(relations).toContainText('Ilham Alijew');
  await expect(page.getByTestId('relation-arrows')).toContainText('attributed to');
  await page.screenshot({ path: info.outputPath('relation-arrow.png') });
  // The hint that said what was related goes away by itself.
  await expect(page.getByTestId('hint')).toHaveCount(0, { timeout: 5000 });
  layer = await readLayer(served.projectDir, 'e2e-tester', docId);
  const claimId = layer.spans.find((s) => s.label === 'claim')!.id;
  const actorId = layer.spans.find((s) => s.label === 'actor')!.id;
  expect(layer.relations.map((r) => [r.type, r.from, r.to])).toEqual([['attributed_to', claimId, actorId]]);

  // Undo takes the relation back, redo restores it.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('relation-arrows')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('relation-arrows')).toContainText('attributed to');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  // The JSONL export carries the figure's attributes and the relation.
  await page.getByRole('button', { name: 'Export…' }).click();
  const exp = page.getByRole('dialog', { name: 'Export' });
  await exp.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(exp.getByTestId('export-result')).toContainText('3 spans');
  const lines = (await readFile(join(served.projectDir, 'exports', 'sample-project-jsonl.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  const record = lines.find((l) => l.relations?.length);
  expect(record.relations).toEqual([expect.objectContaining({ type: 'attributed_to', from: claimId, to: actorId })]);
  expect(record.spans.find((s: { label: string }) => s.label === 'casualty_figure').attributes)
    .toMatchObject({ count_min: 6500, count_max: null, outcome: 'killed', victims: 'mixed', normalized_by: 'annotator' });
  await exp.getByRole('button', { name: 'Close' }).click();

  // Actors: the first mention becomes an entity; a later "Alijew" is offered that entity by surname.
  await page.getByRole('listbox', { name: 'Annotations' }).getByRole('option', { name: /^Actor\s*Ilham Alijew$/ }).click();
  await expect(panel.getByTestId('span-quote')).toHaveText('Ilham Alijew');
  const entity = panel.getByTestId('entity-link');
  await entity.getByRole('button', { name: 'New entity “Ilham Alijew”' }).click();
  await expect(entity).toContainText('Ilham Alijew · person');
  await tag(page, 'Alijew am Sonntag', '1');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(panel.getByTestId('span-quote')).toHaveText('Alijew');
  await expect(entity.getByRole('list', { name: 'Suggested entities' })).toContainText('surname of “Ilham Alijew”');
  await entity.getByRole('button', { name: 'Link to Ilham Alijew' }).click();
  await expect(entity).toContainText('Ilham Alijew · person');
  await entity.getByRole('button', { name: 'Add “Alijew” as alias' }).click();
  await expect(entity.getByRole('button', { name: /as alias/ })).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  // Every mention of the entity in the project, listed in the panel.
  const mentions = entity.getByTestId('entity-mentions');
  await mentions.locator('summary').click();
  await expect(mentions).toContainText('Mentions · 2 in 1 document');
  await expect(mentions.getByRole('list', { name: 'Mentions of Ilham Alijew' })).toContainText('“Ilham Alijew” (e2e-tester), “Alijew” (e2e-tester)');
  await page.screenshot({ path: info.outputPath('entity-link.png') });
  const entities = JSON.parse(await readFile(join(served.projectDir, 'entities.json'), 'utf8')).entities as { id: string; name: string; aliases: string[] }[];
  expect(entities.map((e) => [e.name, e.aliases])).toEqual([['Ilham Alijew', ['Alijew']]]);
  layer = await readLayer(served.projectDir, 'e2e-tester', docId);
  // Locations: the gazetteer offers Stepanakert for the quote; linking stores id and coordinates.
  await tag(page, 'Stepanakert', '3');
  const place = panel.getByTestId('place-link');
  // GeoNames calls it by its Azerbaijani name now; "Stepanakert" is one of its alternate names.
  await expect(place.getByRole('list', { name: 'Places found' })).toContainText('Xankandi (AZ) place · 39.818, 46.753', { timeout: 15_000 });
  await expect(place).toContainText('GeoNames');
  await place.getByRole('button', { name: /^Link to Xankandi/ }).first().click();
  await expect(place).toContainText('geonames:');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await page.screenshot({ path: info.outputPath('place-link.png') });
  layer = await readLayer(served.projectDir, 'e2e-tester', docId);

  // Linking filled the actor type from the entity's type.
  expect(layer.spans.filter((s) => s.label === 'actor').map((s) => [s.quote, s.attributes.entity, s.attributes.actor_type])).toEqual([
    ['Ilham Alijew', entities[0].id, 'person'], ['Alijew', entities[0].id, 'person'],
  ]);
  const located = layer.spans.find((s) => s.label === 'location')!.attributes;
  expect(located).toMatchObject({ place: expect.stringMatching(/^geonames:\d+$/), place_name: expect.stringMatching(/Stepanakert|Xank/) });
  // Stepanakert lies at about 39.82 N, 46.75 E.
  expect(Math.abs((located.lat as number) - 39.82)).toBeLessThan(0.1);
  expect(Math.abs((located.lon as number) - 46.75)).toBeLessThan(0.1);
});

test('suggestions: Enter accepts, Esc rejects for good, accept all of a kind; all occurrences of an actor are tagged across the project and taken back; only accepted spans are exported', async ({ page, served }, info) => {
  await page.goto(served.url);
  const docs = page.getByRole('listbox', { name: 'Documents' });
  const article = page.locator('.tw-article');
  const panel = page.getByTestId('suggestion-panel');

  // Seed 000 by hand: the figure of civilians killed.
  await docs.getByRole('option', { name: /Im Ringen um ein Ende/ }).click();
  await expect(article.getByTestId('article-text')).toContainText('Im Ringen um ein Ende der blutigen Kämpfe');
  const firstId = (await article.getAttribute('data-document-id'))!;
  await tag(page, '63 getöteten Zivilisten', '4');
  await expect(page.getByTestId('span-panel').getByRole('textbox', { name: 'Count (min)' })).toHaveValue('63');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  expect((await readLayer(served.projectDir, 'e2e-tester', firstId)).spans.map((s) => [s.quote, s.attributes])).toEqual([
    ['63 getöteten Zivilisten', { count_min: 63, count_max: 63, approximate: false, outcome: 'killed', victims: 'civilian', normalized_by: 'auto' }],
  ]);

  // Seed 003: nothing is tagged, the suggestions are listed by kind.
  await docs.getByRole('option', { name: /Nach der Rückeroberung/ }).click();
  await expect(article.getByTestId('article-text')).toContainText('Rückeroberung Karabachs hat der aserbaidschanische Präsident Ilham Alijew');
  const docId = (await article.getAttribute('data-document-id'))!;
  const summary = page.getByTestId('suggestion-summary');
  await expect(summary).toContainText('1 casualty figure');
  await expect(summary).toContainText(/\d+ location suggestions/);
  await page.screenshot({ path: info.outputPath('suggestions.png') });

  // A click on the dashed figure selects the suggestion; Enter makes it an annotation with its figures.
  await clickOn(page, 'mehr als 6.500');
  await expect(panel.locator('blockquote')).toHaveText('mehr als 6.500 Toten');
  await expect(panel.getByTestId('suggestion-figure')).toHaveText('at least 6500 killed');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  let layer = await readLayer(served.projectDir, 'e2e-tester', docId);
  expect(layer.spans.map((s) => [s.label, s.quote, s.attributes.count_min, s.attributes.normalized_by])).toEqual([['casualty_figure', 'mehr als 6.500 Toten', 6500, 'auto']]);

  // The next suggestion is selected at once. Esc rejects it: kept in the layer file, not offered again.
  const rejected = (await panel.locator('blockquote').textContent())!;
  await page.keyboard.press('Escape');
  await expect(panel.locator('blockquote')).not.toHaveText(rejected);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  layer = await readLayer(served.projectDir, 'e2e-tester', docId);
  const dismissed = (layer as unknown as { dismissed: string[] }).dismissed;
  expect(dismissed).toHaveLength(1);
  const [, start, end] = dismissed[0].split(':').map(Number);
  expect((await documentText(served.projectDir, docId)).slice(start, end)).toBe(rejected); // the seed has no astral characters

  // Accept all locations at once: each linked to its gazetteer place; one Ctrl+Z takes them all back.
  const acceptAll = panel.getByRole('button', { name: /^Accept all \d+$/ });
  const count = Number((await acceptAll.textContent())!.replace(/\D/g, ''));
  await acceptAll.click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  layer = await readLayer(served.projectDir, 'e2e-tester', docId);
  const locations = layer.spans.filter((s) => s.label === 'location');
  expect(locations).toHaveLength(count);
  expect(locations.find((s) => s.quote === 'Eriwan')!.attributes).toMatchObject({ place: 'geonames:616052', place_name: 'Yerevan' });
  expect(locations.find((s) => s.quote === 'Stepanakert')!.attributes).toMatchObject({ place: 'geonames:146970' });
  expect(locations.map((s) => `location:${s.start}:${s.end}`)).not.toContain(dismissed[0]);
  await page.keyboard.press('Control+z');
  await expect(page.locator('.tw-suggestion')).toHaveCount(count);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator('.tw-suggestion')).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  // After a reload the rejected one stays away.
  await page.reload();
  await docs.getByRole('option', { name: /Nach der Rückeroberung/ }).click();
  await expect(article.getByTestId('article-text')).toContainText('Rückeroberung Karabachs');
  await expect(page.getByRole('listbox', { name: 'Annotations' }).getByRole('option')).toHaveCount(count + 1);
  await expect(page.locator('.tw-suggestion')).toHaveCount(0);

  // Every "Alijew" in both articles, from one tagged here; then taken back.
  await tag(page, 'Alijew am Sonntag', '1');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(page.getByTestId('span-panel').getByTestId('span-quote')).toHaveText('Alijew');
  await page.getByTestId('tag-occurrences').click();
  const dialog = page.getByTestId('occurrences-dialog');
  await dialog.getByRole('radio', { name: 'All documents' }).check();
  const list = dialog.getByRole('list', { name: 'Occurrences' });
  await expect(list).toContainText('Im Ringen um ein Ende');
  const here = (await documentText(served.projectDir, docId)).match(/(?<![\p{L}])Alijew(?![\p{L}])/gu)!.length;
  const there = (await documentText(served.projectDir, firstId)).match(/(?<![\p{L}])Alijew(?![\p{L}])/gu)!.length;
  await expect(list.getByRole('listitem')).toHaveCount(here - 1 + there);
  await page.screenshot({ path: info.outputPath('occurrences.png') });
  await dialog.getByRole('button', { name: `Tag ${here - 1 + there}` }).click();
  await expect(dialog.getByTestId('occurrences-done')).toHaveText(`Tagged ${here - 1} in this document and ${there} in 1 other document.`);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  const actorsIn = async (id: string) => (await readLayer(served.projectDir, 'e2e-tester', id)).spans.filter((s) => s.label === 'actor').map((s) => s.quote);
  expect(await actorsIn(docId)).toEqual(Array(here).fill('Alijew'));
  expect(await actorsIn(firstId)).toEqual(Array(there).fill('Alijew'));
  await dialog.getByRole('button', { name: 'Take back' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  expect(await actorsIn(docId)).toEqual(['Alijew']);
  await expect.poll(() => actorsIn(firstId)).toEqual([]);

  // The export has what was accepted and tagged, nothing merely suggested or rejected.
  await page.getByRole('button', { name: 'Export…' }).click();
  const exp = page.getByRole('dialog', { name: 'Export' });
  await exp.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(exp.getByTestId('export-result')).toContainText(`${count + 3} spans`);
  const lines = (await readFile(join(served.projectDir, 'exports', 'sample-project-jsonl.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  const record = lines.find((l) => l.id === docId) ?? lines.find((l) => JSON.stringify(l).includes('Rückeroberung Karabachs'));
  const exported = (record.spans as { label: string; start: number; end: number }[]).map((s) => `${s.label}:${s.start}:${s.end}`);
  expect(exported).toHaveLength(count + 2);
  expect(exported).not.toContain(dismissed[0]);
});
