/**
 * Browser mode: the same TagwerkApi over HTTP on 127.0.0.1, plus the built renderer.
 *
 *   POST /api/<method>   JSON argument -> {"ok":true,"result":…} | {"ok":false,"error":{code,message}}
 *   GET  /api/events     server-sent events (documents-changed, project-changed, import-progress)
 *   GET  /…              files of the built renderer (nothing outside that folder)
 *
 * Every API request needs the per-launch token (header `x-tagwerk-token`, or `?token=` for the
 * event stream), a Host header naming this server (no DNS rebinding) and, when the browser sends
 * an Origin, this server's own origin (no cross-site requests).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { ApiError, type TagwerkEvent } from '../../shared/api/tagwerk-api';
import { callApi, isApiMethod, toWireError } from '../../shared/api/api-args';
import type { TagwerkService } from '../services/tagwerk-service';

/** Largest request body accepted (an import of several large files). */
const MAX_BODY_BYTES = 256 * 1024 * 1024;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "font-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const STATUS_OF_ERROR: Record<string, number> = {
  'invalid-argument': 400, 'not-found': 404, conflict: 409, 'invalid-input': 422, io: 500, internal: 500,
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.map': 'application/json',
};

export interface BrowserServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export interface BrowserServerOptions {
  service: TagwerkService;
  /** Folder of the built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token (tests); default: 32 random bytes, hex. */
  token?: string;
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const staticRoot = await realpath(resolve(options.staticDir));
  let port = 0;
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err) => sendJson(res, 500, { ok: false, error: toWireError(err) }));
  });

  const tokenMatches = (given: string | null | undefined): boolean => {
    if (!given) return false;
    const a = Buffer.from(given), b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return sendText(res, 421, 'Misdirected request: this server answers only to 127.0.0.1 and localhost.');
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      return sendText(res, 403, 'Cross-origin requests are refused.');
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname === '/api/events') {
      if (!tokenMatches(url.searchParams.get('token'))) return sendText(res, 401, 'Missing or wrong token.');
      return streamEvents(req, res);
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendText(res, 405, 'Use POST for API calls.');
      if (!tokenMatches(req.headers['x-tagwerk-token'] as string | undefined)) {
        return sendJson(res, 401, { ok: false, error: { code: 'unauthorized', message: 'Missing or wrong token. Open the URL that `tagwerk serve` printed.' } });
      }
      const method = url.pathname.slice('/api/'.length);
      if (!isApiMethod(method)) return sendJson(res, 404, { ok: false, error: { code: 'not-found', message: `no API method ${method}` } });
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(res, 415, { ok: false, error: { code: 'invalid-argument', message: 'send JSON (content-type: application/json)' } });
      }
      let args: unknown;
      try {
        args = JSON.parse((await readBody(req)).toString('utf8') || '{}');
      } catch (err) {
        return sendJson(res, 400, { ok: false, error: { code: 'invalid-argument', message: `body is not JSON: ${(err as Error).message}` } });
      }
      const reply = await callApi(options.service, method, args);
      return sendJson(res, reply.ok ? 200 : STATUS_OF_ERROR[reply.error.code] ?? 500, reply);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.');
    return serveStatic(url.pathname, res);
  }

  function streamEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const off = options.service.onEvent((event: TagwerkEvent) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.on('close', () => { off(); clearInterval(ping); });
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    let decoded: string;
    try { decoded = decodeURIComponent(pathname); } catch { return sendText(res, 400, 'Bad path.'); }
    if (decoded.includes('\0')) return sendText(res, 400, 'Bad path.');
    let file = resolve(staticRoot, `.${decoded}`);
    if (file !== staticRoot && !file.startsWith(staticRoot + sep)) return sendText(res, 404, 'Not found.');
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) { file = join(file, 'index.html'); info = await stat(file).catch(() => null); }
    if (!info?.isFile()) {
      if (extname(decoded)) return sendText(res, 404, 'Not found.');
      file = join(staticRoot, 'index.html'); // client-side routes
    }
    // Symbolic links must not lead outside the renderer folder either.
    const real = await realpath(file).catch(() => null);
    if (!real || (real !== staticRoot && !real.startsWith(staticRoot + sep))) return sendText(res, 404, 'Not found.');
    const body = await readFile(real);
    res.writeHead(200, {
      'content-type': TYPES[extname(real)] ?? 'application/octet-stream',
      'cache-control': real.endsWith('index.html') ? 'no-cache' : 'public, max-age=300',
      ...securityHeaders(),
    });
    res.end(body);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) { res.end(); return; }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...securityHeaders() });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders() });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError('invalid-argument', `request larger than ${MAX_BODY_BYTES / 1048576} MB`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
