/**
 * First start in browser mode: the sample project is made from seeds/, its articles are listed,
 * one opens with its text and date; files opened in the page are imported and land on disk.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, repoRoot, test } from './serve-fixture';

/** The document list (the page has other listboxes: the annotations, the status menu). */
const documents = (page: Page) => page.getByRole('listbox', { name: 'Documents' });

const seedText = (name: string) => readFile(join(repoRoot, 'seeds', name), 'utf8');

test('the seed articles are listed and one opens with its text and date', async ({ page, served }) => {
  await page.goto(served.url);
  const items = documents(page).getByRole('option');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('Im Ringen um ein Ende der blutigen Kämpfe');
  await expect(items.nth(1)).toContainText('Nach der Rückeroberung Karabachs');
  await expect(items.nth(0)).toContainText('2025-07');
  await expect(items.nth(0)).toContainText('Not started');

  await items.nth(1).click();
  const article = page.locator('.tw-article');
  await expect(article.locator('.tw-article-text')).toContainText('„Wir haben erreicht, was wir wollten“, sagte Alijew am Sonntag');
  // The date header is metadata, not body text.
  await expect(article.locator('.tw-article-text')).not.toContainText('date 2025-07');
  await expect(page.getByTestId('article-date')).toHaveAttribute('datetime', '2025-07');
  await expect(page.getByTestId('meta-date')).toHaveText('2025-07');
  await page.screenshot({ path: 'test-results/e2e/open-article.png' });

  // The rendered text is the canonical text of the seed, paragraph for paragraph.
  const raw = await seedText('003_6a4deb1d4d02bbfd.txt');
  const body = raw.replace(/^ date 2025-07 /, '').trim();
  const paragraphs = await article.locator('.tw-article-text p').allTextContents();
  expect(paragraphs.join('\n')).toBe(body);

  // Keyboard: arrow up in the list selects the first article.
  await documents(page).focus();
  await page.keyboard.press('ArrowUp');
  await expect(article.locator('.tw-article-text')).toContainText('Ilham Alijew grundsätzlich zu Gesprächen');
  await page.reload();
  await expect(documents(page).getByRole('option', { selected: true })).toContainText('Im Ringen um ein Ende');
});

test('files opened in the page are imported once, onto disk', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(documents(page).getByRole('option')).toHaveCount(2);
  const markdown = '---\ntitle: Waffenruhe in Berg-Karabach\ndate: 2023-09-20\n---\n\n# Waffenruhe in Berg-Karabach\n\n'
    + 'Nach **24 Stunden** Kämpfen vereinbarten die Seiten eine [Waffenruhe](https://example.org).\r\n';
  await page.getByTestId('open-files').setInputFiles([
    { name: 'waffenruhe.md', mimeType: 'text/markdown', buffer: Buffer.from(markdown) },
    { name: 'again.txt', mimeType: 'text/plain', buffer: Buffer.from(await seedText('000_e40513d5b91acd2a.txt')) },
    { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
  ]);
  await expect(page.locator('.tw-import-report')).toContainText('Imported 1, 1 already in the project, 1 not imported');
  await expect(documents(page).getByRole('option')).toHaveCount(3);
  await documents(page).getByRole('option', { name: /Waffenruhe in Berg-Karabach/ }).click();
  await expect(page.locator('.tw-article-text')).toHaveText(
    'Waffenruhe in Berg-KarabachNach 24 Stunden Kämpfen vereinbarten die Seiten eine Waffenruhe.');
  await expect(page.getByTestId('meta-date')).toHaveText('2023-09-20');

  const files = await readdir(join(served.projectDir, 'documents'));
  expect(files).toHaveLength(3);
  const stored = JSON.parse(await readFile(join(served.projectDir, 'documents', files.find((f) => f.startsWith('waffenruhe'))!), 'utf8'));
  expect(stored.text).toBe('Waffenruhe in Berg-Karabach\n\nNach 24 Stunden Kämpfen vereinbarten die Seiten eine Waffenruhe.');
  expect(stored.meta.date).toBe('2023-09-20');
  expect(stored.source.format).toBe('md');
});

test('articles dropped onto the window and a folder opened in the page are imported', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(documents(page).getByRole('option')).toHaveCount(2);

  // Drop: a file dragged from the desktop onto the window.
  const html = '<html lang="de"><head><title>Feuerpause | Rundschau</title>'
    + '<meta property="article:published_time" content="2023-09-21T08:00:00Z"></head><body><nav>Startseite</nav>'
    + '<article><h1>Feuerpause</h1><p>In Stepanakert wurden nach Angaben der Behörden mindestens 200 Menschen getötet, '
    + 'darunter zehn Zivilisten. Mehr als 400 Menschen wurden verletzt.</p>'
    + '<p>Die Regierung in Baku bestätigte die Zahlen zunächst nicht. Beobachter sprachen von den schwersten Kämpfen seit 2020.</p></article>'
    + '<footer>Impressum</footer></body></html>';
  const transfer = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'feuerpause.html', { type: 'text/html' }));
    return dt;
  }, html);
  await page.dispatchEvent('.tw-app', 'dragover', { dataTransfer: transfer });
  await expect(page.locator('.tw-dropzone')).toBeVisible();
  await page.dispatchEvent('.tw-app', 'drop', { dataTransfer: transfer });
  await expect(page.locator('.tw-import-report')).toContainText('Imported 1');
  await expect(documents(page).getByRole('option')).toHaveCount(3);
  await documents(page).getByRole('option', { name: /Feuerpause/ }).click();
  await expect(page.locator('.tw-article-text p').first()).toHaveText('Feuerpause');
  await expect(page.locator('.tw-article-text')).toContainText('mindestens 200 Menschen getötet');
  await expect(page.locator('.tw-article-text')).not.toContainText('Impressum');
  await expect(page.getByTestId('meta-date')).toHaveText('2023-09-21');

  // Open folder…: the seeds again (already there) plus a Markdown file in a subfolder.
  const { mkdtemp, mkdir, copyFile, writeFile } = await import('node:fs/promises');
  const folder = await mkdtemp(join(served.home, 'folder-'));
  await mkdir(join(folder, 'neu'));
  await copyFile(join(repoRoot, 'seeds', '000_e40513d5b91acd2a.txt'), join(folder, '000.txt'));
  await writeFile(join(folder, 'neu', 'bericht.md'), '# Bericht\n\nZwei Soldaten wurden getötet.\n');
  await page.getByTestId('open-folder').setInputFiles(folder);
  await expect(page.locator('.tw-import-report')).toContainText('Imported 1, 1 already in the project');
  await expect(documents(page).getByRole('option')).toHaveCount(4);
  expect(await readdir(join(served.projectDir, 'documents'))).toHaveLength(4);
});

test('a file that is not UTF-8 is refused by name, and imported with U+FFFD when the researcher asks', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(documents(page).getByRole('option')).toHaveCount(2);
  // A German article saved as Latin-1 (ä, ö, ü one byte each, invalid in UTF-8) beside a good one.
  const latin1 = 'Gespräche in Genf: Die Außenminister trafen sich über Berg-Karabach.';
  await page.getByTestId('open-files').setInputFiles([
    { name: 'alt.txt', mimeType: 'text/plain', buffer: Buffer.from(latin1, 'latin1') },
    { name: 'neu.txt', mimeType: 'text/plain', buffer: Buffer.from('Neue Gespräche in Wien über Berg-Karabach.', 'utf8') },
  ]);
  const report = page.locator('.tw-import-report');
  await expect(report).toContainText('Imported 1, 1 not imported');
  await report.getByText('Details').click();
  await expect(report.getByRole('listitem')).toHaveText(['alt.txt is not valid UTF-8 text']);
  expect(await readdir(join(served.projectDir, 'documents'))).toHaveLength(3);
  await page.screenshot({ path: 'test-results/e2e/import-not-utf8.png' });

  const anyway = report.getByRole('button', { name: 'Import anyway with \u{FFFD}' });
  await expect(anyway).toHaveAttribute('title', /^Import the file that is not UTF-8 all the same\. Each byte sequence that is not UTF-8 becomes \u{FFFD}/u);
  await anyway.click();
  await expect(report).toContainText('Imported 1');
  await expect(anyway).toHaveCount(0);
  await report.getByText('Details').click();
  await expect(report.getByRole('listitem')).toHaveText(['alt.txt is not valid UTF-8 text: 3 invalid byte sequences replaced with U+FFFD (\u{FFFD})']);
  await expect(documents(page).getByRole('option')).toHaveCount(4);
  await documents(page).getByRole('option', { name: /Gespr.che in Genf/ }).click();
  await expect(page.locator('.tw-article-text')).toHaveText('Gespr\u{FFFD}che in Genf: Die Au\u{FFFD}enminister trafen sich \u{FFFD}ber Berg-Karabach.');
  await page.screenshot({ path: 'test-results/e2e/import-replaced.png' });
  const files = await readdir(join(served.projectDir, 'documents'));
  const texts = await Promise.all(files.map(async (f) => JSON.parse(await readFile(join(served.projectDir, 'documents', f), 'utf8')).text as string));
  expect(texts).toContain('Gespr\u{FFFD}che in Genf: Die Au\u{FFFD}enminister trafen sich \u{FFFD}ber Berg-Karabach.');
});

test('a 200 MB file opened in the page is refused by its size without being read, and the article beside it goes in', async ({ page, served }) => {
  const { mkdtemp, truncate, writeFile } = await import('node:fs/promises');
  const folder = await mkdtemp(join(served.home, 'gross-'));
  // Sparse: 200 MB as far as the browser can tell, nothing on disk.
  await writeFile(join(folder, 'archiv.jsonl'), '');
  await truncate(join(folder, 'archiv.jsonl'), 200 * 1024 * 1024);
  await writeFile(join(folder, 'klein.txt'), 'Ein kurzer Bericht über die Waffenruhe in Berg-Karabach.');
  await page.goto(served.url);
  await expect(documents(page).getByRole('option')).toHaveCount(2);
  await page.getByTestId('open-files').setInputFiles([join(folder, 'archiv.jsonl'), join(folder, 'klein.txt')]);
  const report = page.locator('.tw-import-report');
  await expect(report).toContainText('Imported 1, 1 not imported');
  await report.getByText('Details').click();
  await expect(report.getByRole('listitem')).toHaveText(['archiv.jsonl is 200 MB; files over 64 MB are not imported']);
  await expect(documents(page).getByRole('option')).toHaveCount(3);
  expect(await readdir(join(served.projectDir, 'documents'))).toHaveLength(3);
});
