/** Finding text in the rendered article as a person sees it, and selecting it with the mouse. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

export interface Point { x: number; y: number }

/**
 * Screen points just inside the first and last character of the `nth` occurrence of `needle`
 * in the article's text (spans split the text into many nodes; widgets such as the label chip
 * are not text). Scrolls it to the middle of the pane first.
 */
export async function pointsOf(page: Page, needle: string, nth = 0): Promise<{ start: Point; end: Point }> {
  const points = await page.evaluate(([needle, nth]) => {
    const root = document.querySelector('.tw-article-text')!;
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement?.closest('.ProseMirror-widget') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    const text = nodes.map((n) => n.data).join('');
    let at = -1;
    for (let k = 0; k <= nth; k++) at = text.indexOf(needle, at + 1);
    if (at < 0) return null;
    const locate = (offset: number): [Text, number] => {
      for (const n of nodes) { if (offset < n.data.length) return [n, offset]; offset -= n.data.length; }
      throw new Error('offset past the text');
    };
    const rectOf = (offset: number) => {
      const [node, i] = locate(offset);
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      return range.getBoundingClientRect();
    };
    locate(at)[0].parentElement!.scrollIntoView({ block: 'center' });
    const first = rectOf(at);
    const last = rectOf(at + needle.length - 1);
    return { start: { x: first.left + 1, y: first.top + first.height / 2 }, end: { x: last.right - 1, y: last.top + last.height / 2 } };
  }, [needle, nth] as const);
  if (!points) throw new Error(`"${needle}" is not in the article`);
  return points;
}

/** Drags the mouse from `from` to `to` the way a person selects text. */
export async function drag(page: Page, from: Point, to: Point): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

/** Selects text with the mouse from inside `startNeedle`'s first character to `endNeedle`'s last. */
export async function dragOver(page: Page, startNeedle: string, endNeedle = startNeedle): Promise<void> {
  const a = await pointsOf(page, startNeedle);
  const b = await pointsOf(page, endNeedle);
  await drag(page, a.start, b.end);
}

export interface StoredSpan { id: string; start: number; end: number; label: string; quote: string; attributes: Record<string, unknown>; note?: string }
export interface StoredLayer { status: string; offsetUnit: string; spans: StoredSpan[]; relations: { id: string; type: string; from: string; to: string }[] }

/** The layer file on disk for the annotator and document, as JSON. */
export async function readLayer(projectDir: string, annotator: string, documentId: string): Promise<StoredLayer> {
  return JSON.parse(await readFile(join(projectDir, 'annotations', annotator, `${documentId}.json`), 'utf8')) as StoredLayer;
}

/** The canonical text of a document, read from its file on disk. */
export async function documentText(projectDir: string, documentId: string): Promise<string> {
  return (JSON.parse(await readFile(join(projectDir, 'documents', `${documentId}.json`), 'utf8')) as { text: string }).text;
}

/** Code point offsets of the `nth` occurrence of `needle` in `text`, computed independently of Tagwerk. */
export function codePointRange(text: string, needle: string, nth = 0): { start: number; end: number } {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  const start = Array.from(text.slice(0, at)).length;
  return { start, end: start + Array.from(needle).length };
}

/** Selects the first occurrence of `needle` by mouse, presses the label key, and waits until it is saved. */
export async function tag(page: Page, needle: string, key: string): Promise<void> {
  const at = await pointsOf(page, needle);
  await drag(page, at.start, at.end);
  await page.keyboard.press(key);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
}
