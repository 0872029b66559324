/**
 * Markup in what people type — a label name, a note — is always shown as text: it is never
 * parsed as HTML, so a colleague's project cannot run script in the app.
 */
import { expect, test } from './serve-fixture';

const LABEL = '<img src=x onerror="window.__pwned=1">Akteur';
const NOTE = '<script>window.__pwned=2</script><b>fett</b> Notiz';

test('a label name and a note holding HTML and script are shown as text and run nothing', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByTestId('article-text')).toBeVisible();
  // Through the app's own API, as a colleague's project would bring them in.
  const spanId = await page.evaluate(async ({ label, note }) => {
    const token = new URLSearchParams(location.hash.slice(1)).get('token')!;
    const call = async (method: string, args: unknown) => {
      const res = await fetch(`/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tagwerk-token': token }, body: JSON.stringify(args) });
      const reply = await res.json();
      if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
      return reply.result;
    };
    const project = await call('getProject', {});
    const tagSchema = { ...project.tagSchema, labels: project.tagSchema.labels.map((l: { id: string }) => (l.id === 'actor' ? { ...l, name: label } : l)) };
    await call('updateTagSchema', { tagSchema });
    const id = document.querySelector('.tw-article')!.getAttribute('data-document-id')!;
    const span = await call('createSpan', { documentId: id, start: 0, end: 4, label: 'actor' });
    await call('updateSpan', { documentId: id, spanId: span.id, patch: { note } });
    return span.id as string;
  }, { label: LABEL, note: NOTE });
  expect(spanId).toMatch(/^s_/);

  await page.reload();
  const toolbar = page.locator('.tw-toolbar');
  await expect(toolbar.getByRole('button', { name: LABEL })).toBeVisible();
  await page.getByText(LABEL, { exact: true }).last().click();
  const panel = page.getByTestId('span-panel');
  await expect(panel.getByRole('textbox', { name: 'Note' })).toHaveValue(NOTE);
  // Nothing became markup, nothing ran.
  await expect(page.locator('.tw-toolbar img, .tw-spans img, [data-testid="span-panel"] img, b:text("fett")')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
