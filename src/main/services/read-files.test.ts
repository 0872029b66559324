import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTextFiles, type FileText } from './read-files';

const dir = mkdtempSync(join(tmpdir(), 'tagwerk-read-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readTextFiles', () => {
  it('hands over every file in order: its text, null for a missing file, the error for a folder', async () => {
    writeFileSync(join(dir, 'a.json'), '{"a":"Ä"}');
    mkdirSync(join(dir, 'folder.json'));
    const got: [number, FileText][] = [];
    await readTextFiles([join(dir, 'a.json'), join(dir, 'missing.json'), join(dir, 'folder.json')], (text, i) => { got.push([i, text]); });
    expect(got.map(([i]) => i)).toEqual([0, 1, 2]);
    expect(got[0][1]).toBe('{"a":"Ä"}');
    expect(got[1][1]).toBeNull();
    expect(got[2][1]).toBeInstanceOf(Error);
    expect((got[2][1] as NodeJS.ErrnoException).code).toBe('EISDIR');
  });

  it('lets the event loop run between slices, so the process keeps answering while it reads', async () => {
    const paths = Array.from({ length: 50 }, (_, i) => join(dir, `f${i}.json`));
    for (const p of paths) writeFileSync(p, '{}');
    const order: string[] = [];
    const ticking = setInterval(() => order.push('tick'), 0);
    await readTextFiles(paths, (_, i) => {
      order.push(`file ${i}`);
      const until = performance.now() + 1;
      while (performance.now() < until) { /* work on the file: one millisecond */ }
    }, 5);
    clearInterval(ticking);
    expect(order.filter((o) => o.startsWith('file'))).toHaveLength(50);
    // Ticks ran between files, not only after the last one.
    expect(order.indexOf('tick')).toBeGreaterThan(0);
    expect(order.indexOf('tick')).toBeLessThan(order.indexOf('file 49'));
  });
});
