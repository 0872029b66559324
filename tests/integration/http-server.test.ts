/**
 * Browser mode over real HTTP: a project built from the seed articles in a temp dir, served by
 * `startBrowserServer` on 127.0.0.1, driven with fetch and node:http like a browser would.
 */
import { request, type Server } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Layer, Span } from '../../src/shared/model/annotation';
import type { DocumentSummary } from '../../src/shared/model/document';
import type { ImportReport } from '../../src/shared/api/tagwerk-api';
import { startBrowserServer, type BrowserServer } from '../../src/main/server/http-server';
import { importPaths } from '../../src/main/services/import-service';
import { createProject, openProjectStore } from '../../src/main/services/project-store';
import { createTagwerkService, type TagwerkService } from '../../src/main/services/tagwerk-service';

// Records the servers http-server.ts creates, so the test can ask them where they listen.
const created = vi.hoisted(() => [] as Server[]);
vi.mock('node:http', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:http')>();
  const createServer = ((...args: Parameters<typeof real.createServer>) => {
    const s = real.createServer(...args);
    created.push(s);
    return s;
  }) as typeof real.createServer;
  return { ...real, default: { ...real, createServer }, createServer };
});

const SEEDS_DIR = resolve(__dirname, '../../seeds');
const TOKEN = 'test-token-0123456789abcdef';
const INDEX_HTML = '<!doctype html><html><head><title>Tagwerk test shell</title></head><body><div id="root"></div><script type="module" src="/assets/app.js"></script></body></html>';
const APP_JS = 'console.log("tagwerk test app");';

let tmp: string;
let projectDir: string;
let staticDir: string;
let service: TagwerkService;
let server: BrowserServer;
let base: string;

/** A raw request with full control over the headers (fetch forbids setting Host). */
function rawRequest(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolveReq, reject) => {
    const req = request({
      host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path, headers: options.headers,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolveReq({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Calls an API method the way the browser bridge does. */
async function callApi(method: string, args: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tagwerk-token': TOKEN, ...headers },
    body: JSON.stringify(args),
  });
  const text = await res.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch { /* plain-text error */ }
  return { status: res.status, body };
}

async function ok<T>(method: string, args: unknown): Promise<T> {
  const { status, body } = await callApi(method, args);
  expect(status, JSON.stringify(body)).toBe(200);
  expect(body.ok).toBe(true);
  return body.result as T;
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'tagwerk-http-'));
  projectDir = join(tmp, 'project');
  await createProject(projectDir, { name: 'HTTP test project', language: 'de' });
  const store = await openProjectStore(projectDir);
  const imported = await importPaths(store, [SEEDS_DIR], { fallbackAnnotator: 'Tester' });
  expect(imported.failed).toEqual([]);
  expect(imported.imported).toHaveLength(2);
  service = createTagwerkService(store, { id: 'tester', name: 'Tester' });

  staticDir = join(tmp, 'renderer');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), INDEX_HTML);
  await writeFile(join(staticDir, 'assets', 'app.js'), APP_JS);
  // A secret next to (not inside) the renderer folder: traversal must never reach it.
  await writeFile(join(tmp, 'secret.txt'), 'TOP-SECRET-OUTSIDE-STATIC');
  // Symbolic links inside the renderer folder that lead out of it.
  await symlink(join(tmp, 'secret.txt'), join(staticDir, 'assets', 'leak.txt'));
  await symlink(tmp, join(staticDir, 'outside'));

  server = await startBrowserServer({ service, staticDir, port: 0, token: TOKEN });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server?.close();
  await service?.store.flush();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('browser server: binding and URL', () => {
  it('listens on 127.0.0.1 and a real port only', () => {
    expect(server.port).toBeGreaterThan(0);
    const address = created.map((s) => s.address()).find((a) => typeof a === 'object' && a?.port === server.port);
    expect(address).toEqual({ address: '127.0.0.1', family: 'IPv4', port: server.port });
    expect(server.url.startsWith(`http://127.0.0.1:${server.port}/`)).toBe(true);
  });

  it('puts the token in the URL fragment, never in the path or query sent to the server', () => {
    const url = new URL(server.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.hash).toBe(`#token=${TOKEN}`);
    expect(url.search).toBe('');
    expect(url.pathname).toBe('/');
  });

  it('generates a long random token when none is given', async () => {
    const other = await startBrowserServer({ service, staticDir, port: 0 });
    try {
      expect(other.token).toMatch(/^[0-9a-f]{64}$/);
      expect(other.token).not.toBe(TOKEN);
      expect(other.url).toContain(`#token=${other.token}`);
      const res = await fetch(`http://127.0.0.1:${other.port}/api/listDocuments`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-tagwerk-token': other.token }, body: '{}',
      });
      expect(res.status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('is not reachable on another local interface address (bound to 127.0.0.1 only)', async () => {
    // 127.0.0.2 is loopback too on Linux, but not the address the server bound to.
    const reached = await new Promise<boolean>((resolveReq) => {
      const req = request({ host: '127.0.0.2', port: server.port, path: '/', timeout: 2000 }, (res) => { res.resume(); resolveReq(true); });
      req.on('error', () => resolveReq(false));
      req.on('timeout', () => { req.destroy(); resolveReq(false); });
      req.end();
    });
    expect(reached).toBe(false);
  });
});

describe('browser server: API access control', () => {
  it('lists the two seed documents, dated 2025-07, for a caller with the token', async () => {
    const docs = await ok<DocumentSummary[]>('listDocuments', {});
    expect(docs).toHaveLength(2);
    for (const doc of docs) {
      expect(doc.date).toBe('2025-07');
      expect(doc.length).toBeGreaterThan(100);
      expect(doc.status).toBe('not_started');
    }
    expect(docs.map((d) => d.fileName).sort()).toEqual(['000_e40513d5b91acd2a.txt', '003_6a4deb1d4d02bbfd.txt']);
  });

  it('refuses a call without the token with 401', async () => {
    const res = await fetch(`${base}/api/listDocuments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('unauthorized');
  });

  it('refuses a call with a wrong token (also one of the same length) with 401', async () => {
    for (const wrong of ['nope', TOKEN.replace(/.$/, 'X'), `${TOKEN}0`]) {
      const { status, body } = await callApi('listDocuments', {}, { 'x-tagwerk-token': wrong });
      expect(status).toBe(401);
      expect(body.ok).toBe(false);
    }
  });

  it('answers 421 to a foreign Host header (DNS rebinding), even with the right token', async () => {
    const res = await rawRequest({
      method: 'POST', path: '/api/listDocuments', body: '{}',
      headers: { host: `evil.example:${server.port}`, 'content-type': 'application/json', 'x-tagwerk-token': TOKEN },
    });
    expect(res.status).toBe(421);
    expect(res.body).not.toContain('Karabach');
    const index = await rawRequest({ path: '/', headers: { host: `evil.example:${server.port}` } });
    expect(index.status).toBe(421);
    expect(index.body).not.toContain('Tagwerk test shell');
  });

  it('accepts the Host header localhost:<port> as well as 127.0.0.1:<port>', async () => {
    for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`]) {
      const res = await rawRequest({
        method: 'POST', path: '/api/listDocuments', body: '{}',
        headers: { host, 'content-type': 'application/json', 'x-tagwerk-token': TOKEN },
      });
      expect(res.status).toBe(200);
    }
    const wrongPort = await rawRequest({ path: '/', headers: { host: `127.0.0.1:${server.port + 1}` } });
    expect(wrongPort.status).toBe(421);
  });

  it('refuses a cross-origin request with 403 and accepts the same origin', async () => {
    const cross = await callApi('listDocuments', {}, { origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    const otherPort = await callApi('listDocuments', {}, { origin: `http://127.0.0.1:${server.port + 1}` });
    expect(otherPort.status).toBe(403);
    const nullOrigin = await callApi('listDocuments', {}, { origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    const same = await callApi('listDocuments', {}, { origin: `http://127.0.0.1:${server.port}` });
    expect(same.status).toBe(200);
    expect(same.body.result).toHaveLength(2);
  });

  it('answers 404 with code not-found to an unknown method, including Object.prototype names', async () => {
    for (const method of ['dropDatabase', 'constructor', '__proto__', 'toString']) {
      const { status, body } = await callApi(method, {});
      expect(status, method).toBe(404);
      expect(body.error.code).toBe('not-found');
    }
  });

  it('refuses API calls that are not POST, and bodies that are not JSON', async () => {
    const get = await fetch(`${base}/api/listDocuments`, { headers: { 'x-tagwerk-token': TOKEN } });
    expect(get.status).toBe(405);
    const form = await fetch(`${base}/api/listDocuments`, {
      method: 'POST', headers: { 'content-type': 'text/plain', 'x-tagwerk-token': TOKEN }, body: '{}',
    });
    expect(form.status).toBe(415);
    const broken = await fetch(`${base}/api/listDocuments`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-tagwerk-token': TOKEN }, body: '{"oops',
    });
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.code).toBe('invalid-argument');
  });

  it('answers 400 invalid-argument with a message to an unknown key or a bad document id', async () => {
    const cases: [string, unknown][] = [
      ['listDocuments', { extra: 1 }],
      ['getDocument', { documentId: '../etc' }],
      ['getDocument', { documentId: '../../package' }],
      ['getDocument', {}],
      ['createSpan', { documentId: 'x', start: -1, end: 2, label: 'actor' }],
      ['getDocument', ['not', 'an', 'object']],
    ];
    for (const [method, args] of cases) {
      const { status, body } = await callApi(method, args);
      expect(status, `${method} ${JSON.stringify(args)}`).toBe(400);
      expect(body.ok).toBe(false);
      expect(body.error.code).toBe('invalid-argument');
      expect(typeof body.error.message).toBe('string');
      expect(body.error.message.length).toBeGreaterThan(5);
    }
  });

  it('answers 404 not-found for a well-formed id of a document that does not exist', async () => {
    const { status, body } = await callApi('getDocument', { documentId: 'no-such-document' });
    expect(status).toBe(404);
    expect(body.error.code).toBe('not-found');
  });
});

describe('browser server: static files', () => {
  it('serves index.html with a Content-Security-Policy and the other security headers', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(await res.text()).toBe(INDEX_HTML);
  });

  it('serves assets with their content type and falls back to index.html for client routes', async () => {
    const js = await fetch(`${base}/assets/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect(await js.text()).toBe(APP_JS);
    const route = await fetch(`${base}/documents/some-doc`);
    expect(route.status).toBe(200);
    expect(await route.text()).toBe(INDEX_HTML);
    const missing = await fetch(`${base}/assets/missing.js`);
    expect(missing.status).toBe(404);
  });

  it('never returns a file from outside the renderer folder, however the path is spelled', async () => {
    const packageJson = await readFile(resolve(__dirname, '../../package.json'), 'utf8');
    const paths = [
      '/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/..%2fpackage.json', '/..%2f..%2f..%2fetc%2fpasswd',
      '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/..\\secret.txt', '/%5c..%5csecret.txt',
      '/../../../../../../etc/passwd', '//etc/passwd', '/%00secret.txt',
      '/assets/leak.txt', '/outside/secret.txt', '/outside/', '/outside',
    ];
    for (const path of paths) {
      // node:http sends the path exactly as written (fetch would normalise the dots away).
      const res = await rawRequest({ path, headers: { host: `127.0.0.1:${server.port}` } });
      expect(res.body, path).not.toContain('TOP-SECRET-OUTSIDE-STATIC');
      expect(res.body, path).not.toContain('root:');
      expect(res.body, path).not.toContain('"name": "tagwerk"');
      expect(res.body, path).not.toBe(packageJson);
      if (res.status === 200) expect(res.body, path).toBe(INDEX_HTML);
    }
  });
});

describe('browser server: editing over HTTP', () => {
  it('creates, updates and deletes a span, each change durably in the layer file on disk', async () => {
    const [doc] = await ok<DocumentSummary[]>('listDocuments', {});
    const detail = await ok<{ document: { text: string } }>('getDocument', { documentId: doc.id });
    const text = detail.document.text;
    const word = 'Alijew';
    const at = text.indexOf(word);
    expect(at).toBeGreaterThan(0);
    // The API counts code points, indexOf counts UTF-16 units: convert.
    const start = [...text.slice(0, at)].length;
    const end = start + [...word].length;

    const span = await ok<Span>('createSpan', { documentId: doc.id, start, end, label: 'actor', attributes: { actor_type: 'person' } });
    expect(span.quote).toBe(word);
    const layerFile = join(projectDir, 'annotations', 'tester', `${doc.id}.json`);
    let layer = JSON.parse(await readFile(layerFile, 'utf8')) as Layer;
    expect(layer.documentId).toBe(doc.id);
    expect(layer.spans).toHaveLength(1);
    expect(layer.spans[0]).toMatchObject({ id: span.id, start, end, label: 'actor', quote: word, attributes: { actor_type: 'person' } });

    const updated = await ok<Span>('updateSpan', { documentId: doc.id, spanId: span.id, patch: { label: 'claim', note: 'checked' } });
    expect(updated.label).toBe('claim');
    layer = JSON.parse(await readFile(layerFile, 'utf8')) as Layer;
    expect(layer.spans[0]).toMatchObject({ id: span.id, label: 'claim', note: 'checked', quote: word });

    const listed = await ok<DocumentSummary[]>('listDocuments', {});
    expect(listed.find((d) => d.id === doc.id)?.spanCount).toBe(1);

    expect(await ok('deleteSpan', { documentId: doc.id, spanId: span.id })).toEqual({ deleted: span.id });
    layer = JSON.parse(await readFile(layerFile, 'utf8')) as Layer;
    expect(layer.spans).toEqual([]);
  });

  it('refuses a span with an unknown label or outside the text with 400, leaving the file alone', async () => {
    const [doc] = await ok<DocumentSummary[]>('listDocuments', {});
    const badLabel = await callApi('createSpan', { documentId: doc.id, start: 0, end: 3, label: 'no_such_label' });
    expect(badLabel.status).toBe(400);
    expect(badLabel.body.error.code).toBe('invalid-argument');
    const outside = await callApi('createSpan', { documentId: doc.id, start: doc.length, end: doc.length + 5, label: 'actor' });
    expect(outside.status).toBe(400);
    expect(outside.body.error.code).toBe('invalid-argument');
  });

  it('imports a base64 .txt file, reports it, and reports the same file again as a duplicate', async () => {
    const content = 'date 2025-08\nEin neuer Artikel über Verhandlungen in Genf.\n\nDie Gespräche sollen am Montag beginnen.\n';
    const file = { name: 'neuer-artikel.txt', data: Buffer.from(content, 'utf8').toString('base64') };

    const first = await ok<ImportReport>('importFiles', { files: [file] });
    expect(first.failed).toEqual([]);
    expect(first.imported).toHaveLength(1);
    expect(first.imported[0].fileName).toBe('neuer-artikel.txt');
    const newId = first.imported[0].documentId;
    const docs = await ok<DocumentSummary[]>('listDocuments', {});
    expect(docs).toHaveLength(3);
    expect(docs.map((d) => d.id)).toContain(newId);
    const onDisk = JSON.parse(await readFile(join(projectDir, 'documents', `${newId}.json`), 'utf8'));
    expect(onDisk.text).toContain('Verhandlungen in Genf');

    const again = await ok<ImportReport>('importFiles', { files: [file] });
    expect(again.imported).toEqual([]);
    expect(again.duplicates).toEqual([{ documentId: newId, fileName: 'neuer-artikel.txt' }]);
    expect(await ok<DocumentSummary[]>('listDocuments', {})).toHaveLength(3);
  });

  it('reports a file of an unsupported type as failed instead of failing the call', async () => {
    const report = await ok<ImportReport>('importFiles', { files: [{ name: 'tool.exe', data: Buffer.from('MZ').toString('base64') }] });
    expect(report.imported).toEqual([]);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0].fileName).toBe('tool.exe');
  });

  it('names a file that is not UTF-8 by where the page found it, and reads it with U+FFFD when asked again', async () => {
    // A German sentence saved as Latin-1 inside a dropped folder: the page hands over its path in the folder.
    const file = { name: 'korpus/alt.txt', data: Buffer.from('Gespräche in Genf über Berg-Karabach.', 'latin1').toString('base64') };
    const refused = await ok<ImportReport>('importFiles', { files: [file] });
    expect(refused.imported).toEqual([]);
    expect(refused.failed).toEqual([{ fileName: 'alt.txt', message: 'alt.txt is not valid UTF-8 text', invalidEncoding: { location: 'korpus/alt.txt' } }]);
    const read = await ok<ImportReport>('importFiles', { files: [file], replaceInvalid: true });
    expect(read.failed).toEqual([]);
    expect(read.warnings.map((w) => w.message)).toEqual(['alt.txt is not valid UTF-8 text: 2 invalid byte sequences replaced with U+FFFD (\u{FFFD})']);
    const onDisk = JSON.parse(await readFile(join(projectDir, 'documents', `${read.imported[0].documentId}.json`), 'utf8'));
    expect(onDisk.text).toBe('Gespr\u{FFFD}che in Genf \u{FFFD}ber Berg-Karabach.');
  });
});

describe('browser server: event stream', () => {
  it('refuses the event stream without the token', async () => {
    const res = await fetch(`${base}/api/events`);
    expect(res.status).toBe(401);
    const wrong = await fetch(`${base}/api/events?token=wrong`);
    expect(wrong.status).toBe(401);
  });

  it('delivers documents-changed after an import', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/events?token=${TOKEN}`, { signal: controller.signal });
    try {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let received = '';
      // The server writes ": connected" first; after that the subscription is in place.
      while (!received.includes(': connected')) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        received += decoder.decode(value, { stream: true });
      }
      const content = `Ein zweiter neuer Artikel ${Date.now()} über Waffenruhe.\n`;
      const report = await ok<ImportReport>('importFiles', { files: [{ name: 'stream.txt', data: Buffer.from(content).toString('base64') }] });
      expect(report.imported).toHaveLength(1);

      const events: { type: string }[] = [];
      const deadline = Date.now() + 5000;
      while (!events.some((e) => e.type === 'documents-changed') && Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        received += decoder.decode(value, { stream: true });
        events.length = 0;
        for (const line of received.split('\n')) {
          if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
        }
      }
      expect(events.some((e) => e.type === 'documents-changed')).toBe(true);
      expect(events).toContainEqual({ type: 'import-progress', done: 1, total: 1 });
    } finally {
      controller.abort();
    }
  });

  it('stays subscribed while the page listens and unsubscribes when the page goes away', async () => {
    let active = 0;
    const counting: TagwerkService = {
      ...service,
      onEvent(listener) {
        active++;
        const off = service.onEvent(listener);
        return () => { active--; off(); };
      },
    };
    const other = await startBrowserServer({ service: counting, staticDir, port: 0, token: TOKEN });
    try {
      const controller = new AbortController();
      const res = await fetch(`http://127.0.0.1:${other.port}/api/events?token=${TOKEN}`, { signal: controller.signal });
      const reader = res.body!.getReader();
      await reader.read(); // ": connected"
      await new Promise((r) => setTimeout(r, 100));
      expect(active).toBe(1);
      controller.abort();
      await vi.waitFor(() => expect(active).toBe(0), { timeout: 3000, interval: 10 });
    } finally {
      await other.close();
    }
  });
});
