/** The `tagwerk` command line, in-process (the fixtures' `cli`) and once through the real bin script. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { annotatorFromName } from '../../src/main/services/annotators';
import { openProjectStore } from '../../src/main/services/project-store';
import { createTagwerkService } from '../../src/main/services/tagwerk-service';
import { cli, CORPORA_DIR, cpFind, cpSlice, makeTempDir, REPO_ROOT, removeTempDirs, SEED_000, SEED_003, SEEDS_DIR } from './project-fixtures';

afterAll(removeTempDirs);


/** Parses a JSONL export into records. */
async function readJsonl(file: string): Promise<any[]> {
  return (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

describe('tagwerk import', () => {
  it('creates the project when it is missing and imports the seeds with their dates', async () => {
    const project = join(await makeTempDir(), 'karabach');
    const { code, stdout, stderr } = await cli('import', '--project', project, SEEDS_DIR);
    expect(code).toBe(0);
    expect(stderr).toBe(`Created project ${project}\n`);
    expect(stdout).toBe(`Imported 2 document(s), 0 already in the project, 0 file(s) failed; 0 span(s) added, 0 rejected. Project: ${project}\n`);
    const store = await openProjectStore(project);
    expect(store.manifest.name).toBe('karabach');
    expect(store.documents().map((d) => [d.id, d.meta.date]).sort()).toEqual([[SEED_000.id, '2025-07'], [SEED_003.id, '2025-07']]);

    const again = await cli('import', '--project', project, join(SEEDS_DIR, SEED_003.file));
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
    expect(again.stdout).toMatch(/^Imported 0 document\(s\), 1 already in the project, 0 file\(s\) failed;/);
  });

  it('imports a folder of 33 HIPE-2020 brat pairs with their annotations, with progress lines on stderr', async () => {
    const project = join(await makeTempDir(), 'hipe');
    const { code, stdout, stderr } = await cli('import', '--project', project, join(CORPORA_DIR, 'hipe2020/brat/dev-de'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Imported 33 document\(s\), 0 already in the project, 0 file\(s\) failed; \d{4} span\(s\) added/);
    // One line per tenth of the way through the 66 files (each .ann goes with its .txt).
    const lines = stderr.split('\n').filter((l) => l.startsWith('Importing'));
    expect(lines).toHaveLength(11);
    expect([lines[0], lines[10]]).toEqual(['Importing 0/66', 'Importing 66/66']);
  });

  it('exits 1 and names an explicitly given file of unknown type, importing the rest', async () => {
    const dir = await makeTempDir();
    const pdf = join(dir, 'bericht.pdf');
    await writeFile(pdf, '%PDF-1.7\n');
    const project = join(dir, 'p');
    const { code, stdout, stderr } = await cli('import', '--project', project, pdf, join(SEEDS_DIR, SEED_000.file));
    expect(code).toBe(1);
    expect(stderr).toContain('error: bericht.pdf: unsupported file type (articles: .txt, .md, .html; annotated:');
    expect(stdout).toMatch(/^Imported 1 document\(s\), 0 already in the project, 1 file\(s\) failed;/);
  });

  it('refuses a file that is not UTF-8, and reads it with replacement characters when asked to', async () => {
    const dir = await makeTempDir();
    const latin1 = join(dir, 'alt.txt');
    // A German sentence saved as Latin-1: ä and ö are single bytes, invalid in UTF-8.
    await writeFile(latin1, Buffer.from('Präsident Alijew sagte in Stepanakert: Gespräche möglich.', 'latin1'));
    const project = join(dir, 'p');
    const refused = await cli('import', '--project', project, latin1);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error: alt.txt is not valid UTF-8 text');
    expect(refused.stderr).toContain('hint: 1 file could not be decoded; import it again with --replace-invalid to read each invalid byte sequence as U+FFFD (\u{FFFD})');
    const replaced = await cli('import', '--project', project, '--replace-invalid', latin1);
    expect(replaced.code).toBe(0);
    expect(replaced.stderr).toContain('note: alt.txt is not valid UTF-8 text: 3 invalid byte sequences replaced with U+FFFD');
    const [doc] = (await openProjectStore(project)).documents();
    expect(doc.text).toBe('Pr\u{FFFD}sident Alijew sagte in Stepanakert: Gespr\u{FFFD}che m\u{FFFD}glich.');
  });

  it('exits 1 without touching a folder that has other files and no project in it', async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, 'thesis.docx'), 'x');
    const { code, stderr } = await cli('import', '--project', dir, SEEDS_DIR);
    expect(code).toBe(1);
    expect(stderr).toBe(`tagwerk: ${dir} is not empty and has no tagwerk.json: not creating a project there\n`);
    expect(existsSync(join(dir, 'tagwerk.json'))).toBe(false);
  });
});

describe('tagwerk export', () => {
  /** A project with the seeds and an emoji article, annotated by Anna. */
  async function annotatedProject() {
    const dir = await makeTempDir();
    const emoji = join(dir, 'emoji.txt');
    await writeFile(emoji, ' date 2023-10-15 Alijew 👍🏽 sagte: mehr als 6.500 Tote 🇦🇲 in Berg-Karabach.\n');
    const project = join(dir, 'p');
    expect((await cli('import', '--project', project, SEEDS_DIR, emoji)).code).toBe(0);
    const store = await openProjectStore(project);
    const service = createTagwerkService(store, annotatorFromName('Anna Müller'));
    const emojiDoc = store.documents().find((d) => d.source.fileName === 'emoji.txt')!;
    const t0 = store.getDocument(SEED_000.id)!.text;
    await service.createSpan({ documentId: SEED_000.id, ...cpFind(t0, 'Ilham Alijew'), label: 'actor', attributes: { actor_type: 'person' } });
    await service.createSpan({ documentId: SEED_000.id, ...cpFind(t0, '63 getöteten Zivilisten'), label: 'casualty_figure', attributes: { count_min: 63 } });
    await service.createSpan({ documentId: emojiDoc.id, ...cpFind(emojiDoc.text, 'mehr als 6.500 Tote'), label: 'casualty_figure' });
    await service.createSpan({ documentId: emojiDoc.id, ...cpFind(emojiDoc.text, 'Berg-Karabach'), label: 'location' });
    await store.flush();
    return { project, dir, emojiId: emojiDoc.id };
  }

  it('writes one line per document in the documented shape, with code point offsets that slice correctly', async () => {
    const { project, dir, emojiId } = await annotatedProject();
    const out = join(dir, 'export.jsonl');
    const { code, stdout } = await cli('export', '--project', project, '--format', 'jsonl', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe(`Exported 3 document(s), 4 span(s), 0 relation(s) as jsonl to ${out}\n`);
    const records = await readJsonl(out);
    // Document list order: by date, then title.
    expect(records.map((r) => r.id)).toEqual([emojiId, SEED_000.id, SEED_003.id]);
    for (const r of records) {
      expect(Object.keys(r)).toEqual(['id', 'text', 'meta', 'offset_unit', 'spans', 'relations']);
      expect(r.offset_unit).toBe('codepoint');
      for (const s of r.spans) {
        expect(Object.keys(s)).toEqual(['id', 'start', 'end', 'label', 'text', 'annotator', 'attributes']);
        expect(cpSlice(r.text, s.start, s.end)).toBe(s.text);
        expect(s.annotator).toBe('anna-mueller');
      }
    }
    expect(records[1].spans.map((s: any) => [s.start, s.end, s.label, s.text, s.attributes])).toEqual([
      [118, 130, 'actor', 'Ilham Alijew', { actor_type: 'person' }],
      [2045, 2068, 'casualty_figure', '63 getöteten Zivilisten', { count_min: 63 }],
    ]);
    expect(records[1].meta).toMatchObject({ date: '2025-07', language: 'de', source_file: SEED_000.file, sha256: SEED_000.sha256 });
    expect(records[0].spans.map((s: any) => [s.start, s.end])).toEqual([[17, 36], [43, 56]]);
    expect(records[2].spans).toEqual([]);
  });

  it('writes UTF-16 offsets with --offsets utf16: shifted after each emoji, same as JavaScript slices', async () => {
    const { project, dir, emojiId } = await annotatedProject();
    const out = join(dir, 'utf16.jsonl');
    expect((await cli('export', '--project', project, '--format', 'jsonl', '--out', out, '--offsets', 'utf16')).code).toBe(0);
    const records = await readJsonl(out);
    const emoji = records.find((r) => r.id === emojiId);
    expect(emoji.offset_unit).toBe('utf16');
    expect(emoji.spans.map((s: any) => [s.start, s.end, s.text])).toEqual([[19, 38, 'mehr als 6.500 Tote'], [47, 60, 'Berg-Karabach']]);
    for (const s of emoji.spans) expect(emoji.text.slice(s.start, s.end)).toBe(s.text);
    // Seeds have no astral characters: same offsets in both units.
    expect(records.find((r) => r.id === SEED_000.id).spans.map((s: any) => s.start)).toEqual([118, 2045]);
  });

  it('writes to standard output with --out - and only the summary to stderr', async () => {
    const { project } = await annotatedProject();
    const { code, stdout, stderr } = await cli('export', '--project', project, '--format', 'jsonl', '--out', '-', '--annotator', 'Anna Müller');
    expect(code).toBe(0);
    expect(stderr).toBe('Exported 3 document(s), 4 span(s), 0 relation(s) as jsonl\n');
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.spans.length)).toEqual([2, 2, 0]);
  });

  it('exits 1 and warns when a layer file of the project is damaged, instead of exporting it as empty', async () => {
    const { project, dir } = await annotatedProject();
    const layer = join(project, 'annotations', 'anna-mueller', `${SEED_000.id}.json`);
    await writeFile(layer, (await readFile(layer, 'utf8')).slice(0, 100));
    const out = join(dir, 'damaged.jsonl');
    const { code, stderr } = await cli('export', '--project', project, '--format', 'jsonl', '--out', out);
    expect(code).toBe(1);
    expect(stderr).toContain(`warning: annotations/anna-mueller/${SEED_000.id}.json is not valid JSON`);
  });

  it('exits 1 with a message for a folder that is not a project', async () => {
    const dir = await makeTempDir();
    const { code, stderr } = await cli('export', '--project', join(dir, 'nothing'), '--format', 'jsonl', '--out', join(dir, 'x.jsonl'));
    expect(code).toBe(1);
    expect(stderr).toBe(`tagwerk: ${join(dir, 'nothing')} is not a Tagwerk project (no tagwerk.json)\n`);
    expect(existsSync(join(dir, 'x.jsonl'))).toBe(false);
  });

  it('exits 1 when the folder of --out does not exist', async () => {
    const { project, dir } = await annotatedProject();
    const { code, stderr } = await cli('export', '--project', project, '--format', 'jsonl', '--out', join(dir, 'no', 'x.jsonl'));
    expect(code).toBe(1);
    expect(stderr).toBe(`tagwerk: folder of ${join(dir, 'no', 'x.jsonl')} does not exist\n`);
  });
});

describe('bad arguments', () => {
  const cases: [string[], string][] = [
    [['frobnicate'], 'tagwerk: unknown command "frobnicate"'],
    [['import', 'seeds'], 'tagwerk: import needs --project DIR'],
    [['import', '--project', '/tmp/x'], 'tagwerk: import needs at least one FILE or FOLDER'],
    [['export', '--project', '/tmp/x', '--format', 'docx', '--out', 'x.docx'], 'tagwerk: unknown export format "docx" (formats: jsonl, conll, hf, brat, csv, w3c, doccano, label-studio, bundle)'],
    [['export', '--project', '/tmp/x', '--format', 'jsonl'], 'tagwerk: export needs --out FILE (or --out - for standard output)'],
    [['export', '--project', '/tmp/x', '--format', 'jsonl', '--out', 'x', '--offsets', 'bytes'], 'tagwerk: --offsets must be codepoint or utf16, not "bytes"'],
    [['import', '--project', '/tmp/x', '--frobnicate', 'seeds'], "tagwerk: Unknown option '--frobnicate'"],
  ];
  it.each(cases)('exit 2 with a message and a hint for %j', async (argv, message) => {
    const { code, stdout, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toContain(message);
    expect(stderr).toContain('Run "tagwerk --help" for usage.');
  });
});

describe('the installed bin script', () => {
  it('runs the TypeScript sources through tsx: --help prints the usage and exits 0', () => {
    const run = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/tagwerk.cjs'), '--help'], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Tagwerk — offline annotation of conflict reporting\n/);
    expect(run.stdout).toContain('tagwerk export --project DIR --format FORMAT --out PATH');
    expect(run.stderr).toBe('');
  });

  it('exits 2 on a wrong argument from the real process', async () => {
    const dir = await makeTempDir();
    await mkdir(join(dir, 'home'));
    const run = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/tagwerk.cjs'), 'export', '--format', 'jsonl'], {
      encoding: 'utf8', timeout: 20_000, env: { ...process.env, TAGWERK_HOME: join(dir, 'home') },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('tagwerk: export needs --project DIR');
  });
});
