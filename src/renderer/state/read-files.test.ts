import { describe, expect, it } from 'vitest';
import { batchFiles, filesNotDecoded } from './read-files';

const file = (name: string, size = 10) => new File([new Uint8Array(size)], name);

describe('filesNotDecoded', () => {
  it('picks the files refused as not UTF-8, a refused brat .ann with its .txt, and nothing else', () => {
    const files = [file('alt.txt'), file('gut.txt'), file('paar.ann'), file('paar.txt'), file('photo.txt')];
    const failed = [
      { fileName: 'alt.txt', message: 'alt.txt is not valid UTF-8 text', invalidEncoding: { location: 'alt.txt' } },
      { fileName: 'paar.ann', message: 'paar.ann: paar.txt is not valid UTF-8 text', invalidEncoding: { location: 'paar.ann' } },
      { fileName: 'photo.txt', message: 'photo.txt looks like a binary file, not text' },
    ];
    expect(filesNotDecoded(files, failed).map((f) => f.name)).toEqual(['alt.txt', 'paar.ann', 'paar.txt']);
    expect(filesNotDecoded(files, failed.slice(2))).toEqual([]);
  });
});

describe('batchFiles', () => {
  it('keeps a brat .ann and its .txt in one request and starts a new one at the byte limit', () => {
    const files = [file('a.txt', 6), file('b.ann', 2), file('b.txt', 6), file('c.txt', 3)];
    expect(batchFiles(files, 10).map((b) => b.map((f) => f.name))).toEqual([['a.txt'], ['b.ann', 'b.txt'], ['c.txt']]);
  });
});
