/**
 * Reviewing colleagues' tags through the real services and CLI: agreement between two layers of
 * seed 003 (figures checked by hand and recomputed from the project's own CoNLL exports), the
 * curated layer written through `applyChange` and exported with `--layer curated`.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { annotatorFromName } from '../../src/main/services/annotators';
import { openProjectStore } from '../../src/main/services/project-store';
import { createTagwerkService } from '../../src/main/services/tagwerk-service';
import { CURATED_LAYER, type Span } from '../../src/shared/model/annotation';
import { cohenKappa } from '../../src/shared/review/agreement-stats';
import { threadOf } from '../../src/shared/review/threads';
import { cli, cpFind, cpSlice, makeTempDir, readJson, removeTempDirs, SEED_000, SEED_003, SEEDS_DIR, seededProject } from './project-fixtures';

afterAll(removeTempDirs);

const ANNA = annotatorFromName('Anna Müller');
const BEN = annotatorFromName('Ben Schulz');
const CLAIM = 'Nach der Rückeroberung Karabachs hat der aserbaidschanische Präsident Ilham Alijew in der Hauptstadt der Kaukasusregion die Flagge seines Landes gehisst';


/**
 * Seed 003 annotated by Anna and Ben. They agree on the actor; Ben tags Stepanakert as an actor
 * (label differs), marks "6.500 Toten" where Anna marked "mehr als 6.500 Toten" (boundary) and
 * has no claim (only Anna).
 */
async function twoAnnotators() {
  const { store, service: anna, text } = await seededProject(ANNA);
  const ben = createTagwerkService(store, BEN);
  const at = (needle: string) => cpFind(text, needle);
  const doc = SEED_003.id;
  await anna.createSpan({ documentId: doc, ...at(CLAIM), label: 'claim' });
  await anna.createSpan({ documentId: doc, ...at('Ilham Alijew'), label: 'actor' });
  await anna.createSpan({ documentId: doc, ...at('Stepanakert'), label: 'location' });
  await anna.createSpan({ documentId: doc, ...at('mehr als 6.500 Toten'), label: 'casualty_figure' });
  await ben.createSpan({ documentId: doc, ...at('Ilham Alijew'), label: 'actor' });
  await ben.createSpan({ documentId: doc, ...at('Stepanakert'), label: 'actor' });
  await ben.createSpan({ documentId: doc, ...at('6.500 Toten'), label: 'casualty_figure' });
  await store.flush();
  return { store, anna, ben, text };
}

describe('agreement', () => {
  it('span F1 per label and overall as counted by hand, on the one document both annotated', async () => {
    const { anna } = await twoAnnotators();
    const r = await anna.agreement({});
    expect(r.annotators).toEqual([ANNA.id, BEN.id]);
    // Seed 000 has no layer of either: not compared, not listed as skipped.
    expect(r.corpus.documents).toBe(1);
    expect(r.skipped).toEqual([]);
    const all = r.corpus.all.spans.pairs[0];
    // Anna 4 spans, Ben 3; exact: the actor; overlap (same label): actor and casualty figure.
    expect(all.counts).toEqual({ a: 4, b: 3, exact: 1, overlap: 2 });
    expect(all.exact.f1).toBeCloseTo(2 / 7, 10);
    expect(all.overlap.f1).toBeCloseTo(4 / 7, 10);
    const label = (id: string) => r.corpus.labels.find((l) => l.label === id)!.spans.pairs[0];
    expect(label('actor').counts).toEqual({ a: 1, b: 2, exact: 1, overlap: 1 });
    expect(label('actor').exact.f1).toBeCloseTo(2 / 3, 10);
    expect(label('casualty_figure').counts).toEqual({ a: 1, b: 1, exact: 0, overlap: 1 });
    expect(label('location').counts).toEqual({ a: 1, b: 0, exact: 0, overlap: 0 });
    expect(label('claim').exact).toEqual({ precision: null, recall: 0, f1: 0 });
  });

  it("token-level Cohen's κ equals κ recomputed from the two annotators' CoNLL exports", async () => {
    const { store } = await twoAnnotators();
    const out = await makeTempDir();
    const tags: Record<string, string[]> = {};
    for (const a of [ANNA, BEN]) {
      const file = join(out, `${a.id}.conll`);
      expect((await cli('export', '--project', store.dir, '--format', 'conll', '--annotator', a.name, '--out', file)).code).toBe(0);
      // Tokens of seed 003 only (the document both annotated), tag without its B-/I- prefix.
      const docs = (await readFile(file, 'utf8')).split('-DOCSTART- -X- O O\n').filter((d) => d.trim());
      const doc = docs.find((d) => d.includes('Stepanakert'))!;
      tags[a.id] = doc.split('\n').filter((l) => l.includes('\t')).map((l) => l.split('\t')[1].replace(/^[BI]-/, ''));
    }
    expect(tags[ANNA.id].length).toBe(tags[BEN.id].length);
    const expected = cohenKappa(tags[ANNA.id].map((t, i) => [t, tags[BEN.id][i]] as const));
    const { stdout, code } = await cli('agreement', '--project', store.dir, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.corpus.tokens).toBe(tags[ANNA.id].length);
    expect(report.corpus.all.tokens.cohenKappa.value).toBeCloseTo(expected.value!, 12);
    expect(report.corpus.all.tokens.cohenKappa.value).toBeGreaterThan(0);
    expect(report.corpus.all.tokens.cohenKappa.value).toBeLessThan(1);
  });

  it('the CLI prints a table, writes CSV, and names documents left out', async () => {
    const { store, anna, text } = await twoAnnotators();
    // Anna alone annotates seed 000: left out, and said so.
    const other = store.documents().find((d) => d.id !== SEED_003.id)!;
    await anna.createSpan({ documentId: other.id, start: 0, end: 3, label: 'actor' });
    await store.flush();
    const table = await cli('agreement', '--project', store.dir);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Agreement of anna-mueller, ben-schulz on 1 document\(s\)/);
    expect(table.stdout).toMatch(/\nactor\s+1\/2\s+0\.667\s+0\.667\s/);
    expect(table.stdout).toMatch(/\nall labels\s+4\/3\s+0\.286\s+0\.571\s/);
    expect(table.stderr).toContain(`note: ${other.id} left out: no layer of ben-schulz`);
    const csv = await cli('agreement', '--project', store.dir, '--csv');
    const lines = csv.stdout.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('scope,document,label,measure,annotator_a,annotator_b,value,observed,expected,items,units,spans_a,spans_b,matched,precision,recall,note');
    expect(lines).toContain('corpus,,actor,span_exact,anna-mueller,ben-schulz,0.6666666666666666,,,,,1,2,1,0.5,1,');
    expect(text).toContain('Stepanakert');
    const bad = await cli('agreement', '--project', store.dir, '--annotators', 'Anna Müller,Carla');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('no annotator "carla"');
  });
});

describe('agreement without two annotators', () => {
  it('says so and exits 1 instead of printing empty figures', async () => {
    const { store } = await seededProject(ANNA);
    const none = await cli('agreement', '--project', store.dir);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe('tagwerk: agreement needs two annotators with layers; nobody has annotated yet\n');
  });
});

describe('curated layer', () => {
  it('is written through applyChange, kept apart from annotators, and exported with --layer curated', async () => {
    const { store, anna, text } = await twoAnnotators();
    const layer = await store.getLayer(SEED_003.id, ANNA.id);
    const actor = layer.spans.find((s) => s.label === 'actor')!;
    const now = new Date().toISOString();
    const gold: Span = { ...actor, id: 'g1', origin: { annotators: [ANNA.id, BEN.id], spanIds: [actor.id], decision: 'accepted' }, createdAt: now, modifiedAt: now };
    // Gold span accepted, the item of Ben's Stepanakert resolved as neither.
    const neither = `${BEN.id}:${(await store.getLayer(SEED_003.id, BEN.id)).spans.find((s) => s.quote === 'Stepanakert')!.id}`;
    await anna.applyChange({ documentId: SEED_003.id, layer: 'curated', change: { removeSpans: [], putSpans: [gold], removeRelations: [], putRelations: [], reject: [neither] } });
    await store.flush();
    const onDisk = JSON.parse(await readFile(join(store.dir, 'annotations', CURATED_LAYER, `${SEED_003.id}.json`), 'utf8'));
    expect(onDisk.spans.map((s: Span) => [s.quote, s.origin])).toEqual([['Ilham Alijew', gold.origin]]);
    expect(onDisk.rejected).toEqual([neither]);
    // Only the curated layer holds neither decisions.
    await expect(anna.applyChange({ documentId: SEED_003.id, change: { removeSpans: [], putSpans: [], removeRelations: [], putRelations: [], reject: [neither] } }))
      .rejects.toMatchObject({ code: 'invalid-argument' });
    // Not an annotator: agreement and default exports leave it out.
    expect((await anna.agreement({})).annotators).toEqual([ANNA.id, BEN.id]);
    const out = join(await makeTempDir(), 'gold.jsonl');
    const res = await cli('export', '--project', store.dir, '--format', 'jsonl', '--layer', 'curated', '--out', out);
    expect(res.code).toBe(0);
    const records = (await readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const spans = records.flatMap((r) => r.spans.map((s: { start: number; end: number }) => ({ ...s, quote: cpSlice(r.text, s.start, s.end) })));
    expect(spans).toEqual([expect.objectContaining({ id: 'g1', label: 'actor', quote: 'Ilham Alijew', text: 'Ilham Alijew', annotator: CURATED_LAYER, origin: gold.origin })]);
    const every = join(await makeTempDir(), 'all.jsonl');
    await cli('export', '--project', store.dir, '--format', 'jsonl', '--out', every);
    expect(await readFile(every, 'utf8')).not.toContain(CURATED_LAYER);
    expect((await cli('export', '--project', store.dir, '--format', 'jsonl', '--layer', 'gold', '--out', every)).code).toBe(2);
    expect(text).toContain('Ilham Alijew');
  });
});

describe('Tagwerk bundle', () => {
  it("brings a colleague's layer into my project by text hash, and reports an article whose text differs", async () => {
    // Ben's project: seed 003 as it is, seed 000 in another version (one word changed).
    const benDir = join(await makeTempDir(), 'ben');
    const articles = await makeTempDir();
    const original = await readFile(join(SEEDS_DIR, SEED_000.file), 'utf8');
    await writeFile(join(articles, SEED_000.file), original.replace('Ringen', 'Kampf'));
    await copyFile(join(SEEDS_DIR, SEED_003.file), join(articles, SEED_003.file));
    expect((await cli('import', '--project', benDir, articles)).code).toBe(0);
    const benStore = await openProjectStore(benDir);
    const ben = createTagwerkService(benStore, BEN);
    const benText = benStore.getDocument(SEED_003.id)!.text;
    await ben.createSpan({ documentId: SEED_003.id, ...cpFind(benText, 'Ilham Alijew'), label: 'actor', note: 'Präsident' });
    await ben.createSpan({ documentId: SEED_003.id, ...cpFind(benText, 'mehr als 6.500 Toten'), label: 'casualty_figure', attributes: { count_min: 6500, outcome: 'killed' } });
    const other = benStore.documents().find((d) => d.id !== SEED_003.id)!;
    await ben.createSpan({ documentId: other.id, ...cpFind(other.text, 'Kampf'), label: 'claim' });
    await benStore.flush();
    const bundle = join(await makeTempDir(), 'ben.tagwerk');
    const out = await cli('export', '--project', benDir, '--format', 'bundle', '--annotator', 'Ben Schulz', '--out', bundle);
    expect(out.code).toBe(0);
    const written = JSON.parse(await readFile(bundle, 'utf8'));
    expect(written).toMatchObject({ kind: 'tagwerk-bundle', annotator: { id: BEN.id, name: 'Ben Schulz' }, offsetUnit: 'codepoint' });
    expect(written.documents.map((d: { text?: string }) => d.text)).toEqual([undefined, undefined]);

    // Anna's project has the seeds as they are.
    const { store } = await seededProject(ANNA);
    const report = await cli('import', '--project', store.dir, bundle);
    expect(report.code).toBe(1);
    expect(report.stderr).toMatch(/rejected: ben\.tagwerk \(000-\S+\) "[^"]+": its text differs from ours \(theirs: \d+ characters, SHA-256 [0-9a-f]{12}…; ours: \d+ characters, [0-9a-f]{12}…\); its 1 span\(s\) were not imported/);
    expect(report.stdout).toMatch(/2 span\(s\) added, 1 rejected/);
    const mine = await openProjectStore(store.dir);
    const layer = await mine.getLayer(SEED_003.id, BEN.id);
    expect(layer.spans.map((s) => [s.label, s.quote, s.note ?? null, s.attributes])).toEqual([
      ['actor', 'Ilham Alijew', 'Präsident', {}],
      ['casualty_figure', 'mehr als 6.500 Toten', null, { count_min: 6500, outcome: 'killed' }],
    ]);
    expect(mine.manifest.annotators.map((a) => a.name)).toContain('Ben Schulz');
    expect(mine.annotatorsOf(SEED_000.id)).toEqual([]);
    // Importing the same bundle again changes nothing.
    const again = await cli('import', '--project', store.dir, bundle);
    expect(again.stdout).toMatch(/0 span\(s\) added/);
  });

  it("imports a colleague's project folder: their layers under their names, their articles we lack", async () => {
    const benDir = join(await makeTempDir(), 'ben-projekt');
    expect((await cli('import', '--project', benDir, join(SEEDS_DIR, SEED_003.file))).code).toBe(0);
    const benStore = await openProjectStore(benDir);
    const ben = createTagwerkService(benStore, BEN);
    const text = benStore.getDocument(SEED_003.id)!.text;
    await ben.createSpan({ documentId: SEED_003.id, ...cpFind(text, 'Stepanakert'), label: 'location' });
    await ben.applyChange({ documentId: SEED_003.id, layer: 'curated', change: { removeSpans: [], putSpans: [], removeRelations: [], putRelations: [], status: 'done' } });
    await benStore.flush();
    const anna = await makeTempDir();
    const res = await cli('import', '--project', join(anna, 'p'), benDir);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Imported 1 document\(s\), 0 already in the project, 0 file\(s\) failed; 1 span\(s\) added/);
    expect(res.stderr).toContain('ben-projekt: its curated layer (1 document(s)) was not merged into ours');
    const mine = await openProjectStore(join(anna, 'p'));
    expect((await mine.getLayer(SEED_003.id, BEN.id)).spans.map((s) => s.quote)).toEqual(['Stepanakert']);
    expect(mine.annotatorsOf(SEED_003.id)).toEqual([BEN.id]);
  });

  it('a damaged bundle is refused with its line and imports nothing', async () => {
    const { store } = await seededProject(ANNA);
    const file = join(await makeTempDir(), 'broken.tagwerk');
    await writeFile(file, '{"kind": "tagwerk-bundle", "schemaVersion": 1,\n "documents": [\n');
    const res = await cli('import', '--project', store.dir, file);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/error: broken\.tagwerk line 3: not valid JSON/);
    expect(res.stderr).toContain('broken.tagwerk: nothing imported from this file');
  });
});

describe('discussion', () => {
  it("travels with bundles: Anna's comment on Ben's span reaches Ben, his reply reaches her, each in its author's file", async () => {
    // Ben annotates seed 003 in his project and sends Anna a bundle.
    const benDir = join(await makeTempDir(), 'ben');
    expect((await cli('import', '--project', benDir, join(SEEDS_DIR, SEED_003.file))).code).toBe(0);
    const benStore = await openProjectStore(benDir);
    const ben = createTagwerkService(benStore, BEN);
    const doc = SEED_003.id;
    const benSpan = await ben.createSpan({ documentId: doc, ...cpFind(benStore.getDocument(doc)!.text, 'Stepanakert'), label: 'actor' });
    await benStore.flush();
    const benBundle = join(await makeTempDir(), 'ben.tagwerk');
    expect((await cli('export', '--project', benDir, '--format', 'bundle', '--out', benBundle)).code).toBe(0);

    // Anna imports it and comments on Ben's span.
    const seeded = await seededProject(ANNA);
    expect((await cli('import', '--project', seeded.store.dir, benBundle)).code).toBe(0);
    const store = await openProjectStore(seeded.store.dir);
    const anna = createTagwerkService(store, ANNA);
    const text = seeded.text;
    await anna.createSpan({ documentId: doc, ...cpFind(text, 'Stepanakert'), label: 'location' });
    const said = 'Stepanakert ist hier der Ort, kein Akteur.';
    const comment = await anna.addComment({ documentId: doc, target: { annotator: BEN.id, spanId: benSpan.id }, text: said });
    expect(comment.target).toEqual({ annotator: BEN.id, spanId: benSpan.id, ...cpFind(text, 'Stepanakert'), label: 'actor' });
    await store.flush();
    // On disk: in Anna's own layer file; Ben's layer file (his work) is not written.
    const annaFile = await readJson(join(store.dir, 'annotations', ANNA.id, `${doc}.json`));
    expect(annaFile.comments.map((c: { text: string }) => c.text)).toEqual([said]);
    expect((await readJson(join(store.dir, 'annotations', BEN.id, `${doc}.json`))).comments).toBeUndefined();
    // Nobody can change or delete a comment that is not theirs.
    await expect(createTagwerkService(store, BEN).deleteComment({ documentId: doc, commentId: comment.id })).rejects.toMatchObject({ code: 'not-found' });
    await expect(anna.addComment({ documentId: doc, target: { annotator: BEN.id, spanId: 's_missing' }, text: 'x' })).rejects.toMatchObject({ code: 'not-found' });

    // Anna's bundle carries her comment; Ben imports it and finds it on his span.
    const annaBundle = join(await makeTempDir(), 'anna.tagwerk');
    expect((await cli('export', '--project', store.dir, '--format', 'bundle', '--annotator', ANNA.name, '--out', annaBundle)).code).toBe(0);
    expect((await cli('import', '--project', benDir, annaBundle)).code).toBe(0);
    const benAgain = createTagwerkService(await openProjectStore(benDir), BEN);
    let thread = threadOf((await benAgain.getDocument({ documentId: doc })).layers, BEN.id, benSpan.id);
    expect(thread.map((e) => [e.author, e.comment.text])).toEqual([[ANNA.id, said]]);

    // Ben replies; his bundle brings the reply to Anna, after her comment. Importing twice adds nothing.
    await benAgain.addComment({ documentId: doc, target: { annotator: BEN.id, spanId: benSpan.id }, text: 'Stimmt, ich ändere es.' });
    await benAgain.store.flush();
    expect((await cli('export', '--project', benDir, '--format', 'bundle', '--annotator', BEN.name, '--out', benBundle)).code).toBe(0);
    for (let i = 0; i < 2; i++) expect((await cli('import', '--project', store.dir, benBundle)).code).toBe(0);
    const annaAgain = createTagwerkService(await openProjectStore(store.dir), ANNA);
    thread = threadOf((await annaAgain.getDocument({ documentId: doc })).layers, BEN.id, benSpan.id);
    expect(thread.map((e) => [e.author, e.comment.text])).toEqual([[ANNA.id, said], [BEN.id, 'Stimmt, ich ändere es.']]);
  });

  it('someone who only commented is not counted as an annotator', async () => {
    const { store, anna } = await twoAnnotators();
    const carla = createTagwerkService(store, annotatorFromName('Carla'));
    const benSpan = (await store.getLayer(SEED_003.id, BEN.id)).spans[0];
    await carla.addComment({ documentId: SEED_003.id, target: { annotator: BEN.id, spanId: benSpan.id }, text: 'Warum Akteur?' });
    await store.flush();
    expect(store.annotatorsOf(SEED_003.id)).toContain('carla');
    expect((await anna.agreement({})).annotators).toEqual([ANNA.id, BEN.id]);
  });
});
