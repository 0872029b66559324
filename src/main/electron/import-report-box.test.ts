import { describe, expect, it } from 'vitest';
import { emptyReport } from '../services/import-service';
import { importReportBox } from './import-report-box';

describe('importReportBox', () => {
  it('shows nothing when every file went in without a note', () => {
    expect(importReportBox({ ...emptyReport(), imported: [{ documentId: 'd', title: 'T', fileName: 'a.txt' }] })).toBeNull();
  });

  it('lists 20 lines of each kind and counts the rest, and offers no second button without files that are not UTF-8', () => {
    const report = emptyReport();
    for (let i = 1; i <= 25; i++) report.failed.push({ fileName: `f${i}.txt`, message: `f${i}.txt is empty` });
    report.spansRejected.push({ fileName: 'k.jsonl', message: 'k.jsonl line 1: span 5–5 is empty' });
    report.warnings.push({ fileName: 'korpus/link.txt', message: 'korpus/link.txt: a symbolic link, not followed' });
    const box = importReportBox(report)!;
    expect(box.notDecoded).toEqual([]);
    expect(box.options.buttons).toEqual(['OK']);
    expect(box.options.message).toBe('0 imported, 0 already in the project, 25 not imported, 1 annotation refused.');
    const lines = box.options.detail!.split('\n');
    expect(lines).toHaveLength(22);
    expect(lines.slice(19)).toEqual(['f20.txt is empty', '… and 6 more', 'korpus/link.txt: a symbolic link, not followed']);
  });

  it('names the paths to import again for each file that is not UTF-8, a brat pair by its .ann', () => {
    const report = emptyReport();
    report.failed.push(
      { fileName: 'alt.txt', message: 'alt.txt is not valid UTF-8 text', invalidEncoding: { location: '/k/alt.txt' } },
      { fileName: 'paar.ann', message: 'paar.ann: paar.txt is not valid UTF-8 text', invalidEncoding: { location: '/k/paar.ann' } },
    );
    const box = importReportBox(report)!;
    expect(box.notDecoded).toEqual(['/k/alt.txt', '/k/paar.ann']);
    expect(box.options.buttons).toEqual(['OK', 'Import them anyway with \u{FFFD}']);
    expect(box.options.detail).toContain('2 files are not UTF-8 text, and can be imported anyway. Each byte sequence that is not UTF-8 becomes \u{FFFD}');
  });
});
