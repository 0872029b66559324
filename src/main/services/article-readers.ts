/**
 * Readers that turn an article file (plain text, Markdown, a saved HTML news page) into
 * canonical text plus the metadata found in it. Canonical text rules: docs/project-format.md.
 */
import { marked, type Token, type Tokens } from 'marked';
import { canonicalizePlainText, normalizeLineEndings, splitDateHeader } from '../../shared/text/canonical';
import type { DocumentMeta } from '../../shared/model/document';

export interface ReadArticle {
  text: string;
  /** A title the file itself gives (HTML `<title>`, Markdown heading, front matter), if any. */
  title: string | null;
  meta: DocumentMeta;
}

/** Plain text: the optional ` date YYYY-MM ` header goes to `meta.date`. */
export function readPlainText(decoded: string): ReadArticle {
  const { text, date } = canonicalizePlainText(decoded);
  return { text, title: null, meta: date ? { date } : {} };
}

/** Markdown: rendered to plain text (markup removed), paragraphs separated by blank lines. */
export function readMarkdown(decoded: string): ReadArticle {
  let source = normalizeLineEndings(decoded);
  const meta: DocumentMeta = {};
  let title: string | null = null;
  const front = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (front) {
    source = source.slice(front[0].length);
    for (const line of front[1].split('\n')) {
      const m = /^(\w+):\s*["']?(.*?)["']?\s*$/.exec(line);
      if (!m) continue;
      if (m[1] === 'title' && m[2]) title = m[2];
      if (m[1] === 'date') { const d = /^(\d{4}-\d{2}(?:-\d{2})?)/.exec(m[2]); if (d) meta.date = d[1]; }
      if ((m[1] === 'lang' || m[1] === 'language') && m[2]) meta.language = m[2];
      if (m[1] === 'author' && m[2]) meta.author = m[2];
    }
  }
  const header = splitDateHeader(source);
  if (header.date) { meta.date ??= header.date; source = header.body; }
  const blocks: string[] = [];
  const walk = (tokens: Token[]): void => {
    for (const t of tokens) {
      switch (t.type) {
        case 'heading': {
          const text = inlineText((t as Tokens.Heading).tokens);
          title ??= text;
          blocks.push(text);
          break;
        }
        case 'paragraph': blocks.push(inlineText((t as Tokens.Paragraph).tokens)); break;
        case 'blockquote': walk((t as Tokens.Blockquote).tokens); break;
        case 'list':
          for (const item of (t as Tokens.List).items) {
            const parts: string[] = [];
            for (const it of item.tokens) {
              if (it.type === 'text') parts.push('tokens' in it && it.tokens ? inlineText(it.tokens) : (it as Tokens.Text).text);
              else if (it.type === 'paragraph') parts.push(inlineText((it as Tokens.Paragraph).tokens));
            }
            blocks.push(parts.join(' '));
          }
          break;
        case 'code': blocks.push((t as Tokens.Code).text); break;
        case 'table': {
          const table = t as Tokens.Table;
          blocks.push([table.header, ...table.rows].map((row) => row.map((c) => inlineText(c.tokens)).join('\t')).join('\n'));
          break;
        }
        case 'html': { const s = stripTags((t as Tokens.HTML).text).trim(); if (s) blocks.push(s); break; }
        case 'text': blocks.push('tokens' in t && t.tokens ? inlineText(t.tokens) : (t as Tokens.Text).text); break;
        default: break; // space, hr, def: no text
      }
    }
  };
  walk(marked.lexer(source));
  const text = blocks.map((b) => b.trim()).filter(Boolean).join('\n\n');
  return { text, title, meta };
}

function inlineText(tokens: Token[] | undefined): string {
  if (!tokens) return '';
  return tokens.map((t): string => {
    switch (t.type) {
      case 'text': return 'tokens' in t && t.tokens ? inlineText(t.tokens) : decodeEntities((t as Tokens.Text).text);
      case 'strong': case 'em': case 'del': case 'link':
        return inlineText((t as Tokens.Strong).tokens);
      case 'codespan': return decodeEntities((t as Tokens.Codespan).text);
      case 'escape': return decodeEntities((t as Tokens.Escape).text);
      case 'br': return '\n';
      case 'image': return (t as Tokens.Image).text;
      case 'html': return stripTags((t as Tokens.HTML).text);
      default: return 'text' in t && typeof t.text === 'string' ? t.text : t.raw;
    }
  }).join('');
}

function stripTags(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ''));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: '\u00a0' };
function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, e: string) => ENTITIES[e]);
}

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'TABLE', 'TR', 'UL',
]);

/**
 * A saved news page: the article body is found with Mozilla Readability (the engine of Firefox's
 * reader view); headings, paragraphs and list items become paragraphs of the canonical text.
 * Scripts never run: the page is parsed by jsdom without script execution or resource loading.
 */
export async function readHtml(decoded: string, fileName: string): Promise<ReadArticle> {
  // Loaded on first use: jsdom takes a second to load, and most imports are plain text.
  const [{ JSDOM }, { Readability }] = await Promise.all([import('jsdom'), import('@mozilla/readability')]);
  const dom = new JSDOM(decoded, { url: 'https://article.invalid/' });
  const doc = dom.window.document;
  const meta: DocumentMeta = {};
  const lang = doc.documentElement.getAttribute('lang');
  if (lang && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/.test(lang)) meta.language = lang.toLowerCase();
  const published = doc.querySelector<HTMLMetaElement>(
    'meta[property="article:published_time"], meta[name="date"], meta[name="DC.date"], meta[itemprop="datePublished"]')
    ?.content ?? doc.querySelector('time[datetime]')?.getAttribute('datetime') ?? '';
  const date = /^(\d{4}-\d{2}(?:-\d{2})?)/.exec(published);
  if (date) meta.date = date[1];
  const canonical = doc.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.getAttribute('href');
  if (canonical && /^https?:\/\//.test(canonical)) meta.url = canonical;

  // Readability needs no doctype, and jsdom cannot clone one it parsed but that is no valid name (`<!doctype,html>`).
  doc.doctype?.remove();
  const article = new Readability(doc.cloneNode(true) as Document).parse();
  const root = article?.content
    ? new JSDOM(`<body>${article.content}</body>`).window.document.body
    : doc.body;
  if (!root) throw new Error(`${fileName}: no article text found`);
  if (article?.byline) meta.author = article.byline.trim().slice(0, 500);
  const blocks: string[] = [];
  let current = '';
  const endBlock = () => { const t = current.replace(/[ \t\n\r\f]+/g, ' ').trim(); if (t) blocks.push(t); current = ''; };
  const walk = (node: Node): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) { current += child.textContent ?? ''; continue; }
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'BUTTON'].includes(el.tagName)) continue;
      if (el.tagName === 'BR') { endBlock(); continue; }
      if (BLOCK_TAGS.has(el.tagName)) { endBlock(); walk(el); endBlock(); } else walk(el);
    }
  };
  walk(root);
  endBlock();
  let title = (article?.title || doc.title || '').replace(/\s+/g, ' ').trim() || null;
  // Readability drops the headline from the body; researchers annotate headlines too, so the
  // page's headline (an <h1> that the page title names) opens the canonical text.
  const headline = Array.from(doc.querySelectorAll('h1'))
    .map((h) => (h.textContent ?? '').replace(/\s+/g, ' ').trim())
    .find((h) => h && (!title || title.includes(h)));
  if (headline) {
    title = headline;
    if (!blocks[0]?.startsWith(headline)) blocks.unshift(headline);
  }
  return { text: blocks.join('\n\n'), title, meta };
}
