import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import * as durable from './durable-json-file';
import { createGroupCommit } from './group-commit';

vi.mock('./durable-json-file', async (importOriginal) => {
  const real = await importOriginal<typeof durable>();
  return { ...real, syncDirectory: vi.fn(real.syncDirectory) };
});

const made: string[] = [];
const newDir = () => { const d = mkdtempSync(join(tmpdir(), 'tagwerk-group-commit-')); made.push(d); return d; };
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

describe('group commits of new files', () => {
  it('resolves each write only once its file is in place, complete, and leaves no temporary file', async () => {
    const dir = newDir();
    const commits = createGroupCommit(dir);
    const seen: boolean[] = [];
    await Promise.all(Array.from({ length: 300 }, (_, i) => commits.write(join(dir, `d${i}.json`), `{"n":${i}}\n`)
      .then(() => { seen[i] = readFileSync(join(dir, `d${i}.json`), 'utf8') === `{"n":${i}}\n`; })));
    expect(seen.filter(Boolean)).toHaveLength(300);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('fsyncs the folder once per group, not once per file: writes asked for while a group is written form the next', async () => {
    const dir = newDir();
    const commits = createGroupCommit(dir);
    const sync = vi.mocked(durable.syncDirectory);
    sync.mockClear();
    // 200 writes in one turn of the event loop are one group.
    await Promise.all(Array.from({ length: 200 }, (_, i) => commits.write(join(dir, `a${i}.json`), 'x')));
    expect(sync.mock.calls.filter(([d]) => d === dir)).toHaveLength(1);
    // One write at a time, as an importer asks while it reads the next file: the later ones wait
    // for the group being written and go together.
    sync.mockClear();
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 100; i++) {
      writes.push(commits.write(join(dir, `b${i}.json`), 'x'));
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(writes);
    expect(readdirSync(dir).filter((f) => f.startsWith('b'))).toHaveLength(100);
    expect(sync.mock.calls.filter(([d]) => d === dir).length).toBeLessThan(100);
  });

  it('rejects a write that fails and still makes the rest of its group durable', async () => {
    const dir = newDir();
    mkdirSync(join(dir, 'taken.json'));
    const commits = createGroupCommit(dir);
    const results = await Promise.allSettled([
      commits.write(join(dir, 'one.json'), '1'), commits.write(join(dir, 'taken.json'), '2'), commits.write(join(dir, 'three.json'), '3'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(readFileSync(join(dir, 'three.json'), 'utf8')).toBe('3');
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    await commits.idle();
    expect(existsSync(join(dir, 'one.json'))).toBe(true);
  });
});
