import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecodeError, decodeBytes } from './decode-bytes';

const SEED = readFileSync(join(__dirname, '../../../seeds/000_e40513d5b91acd2a.txt'));
const SEED_TEXT = SEED.toString('utf8');
const SAMPLE = ' date 2025-07 „Nikkei“: 6.500 Tote in Berg-Karabach 👍🏽\r\n';

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  return le.swap16();
}

describe('decodeBytes', () => {
  it('decodes a seed article (UTF-8 without BOM) to exactly its text', () => {
    const text = decodeBytes(new Uint8Array(SEED), 'seed.txt');
    expect(text).toBe(SEED_TEXT);
    expect(text.startsWith(' date 2025-07 Im Ringen')).toBe(true);
  });

  it('strips a UTF-8 BOM and nothing else', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')]);
    expect(decodeBytes(bytes, 'bom.txt')).toBe(SAMPLE);
  });

  it('decodes UTF-16LE with a BOM, emoji included', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')]);
    expect(decodeBytes(bytes, 'windows.txt')).toBe(SAMPLE);
  });

  it('decodes UTF-16BE with a BOM, emoji included', () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(SAMPLE)]);
    expect(decodeBytes(bytes, 'mac.txt')).toBe(SAMPLE);
  });

  it('refuses invalid UTF-8 (a Latin-1 file) and names the file', () => {
    const latin1 = Buffer.from('Kämpfe in Berg-Karabach', 'latin1');
    expect(() => decodeBytes(latin1, 'alt.txt')).toThrow(DecodeError);
    expect(() => decodeBytes(latin1, 'alt.txt')).toThrow('alt.txt is not valid UTF-8 text');
  });

  it('refuses a truncated UTF-8 sequence at the end of the file', () => {
    const cut = Buffer.from('Gefechte „', 'utf8').subarray(0, -1);
    expect(() => decodeBytes(cut, 'cut.txt')).toThrow('cut.txt is not valid UTF-8 text');
  });

  it('refuses binary files (PNG, NUL bytes) as binary', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(() => decodeBytes(png, 'bild.txt')).toThrow('bild.txt looks like a binary file, not text');
    const nulInText = Buffer.concat([Buffer.from('Alijew sagte', 'utf8'), Buffer.from([0]), Buffer.from('mehr', 'utf8')]);
    expect(() => decodeBytes(nulInText, 'nul.txt')).toThrow(DecodeError);
  });

  it('refuses an empty file', () => {
    expect(() => decodeBytes(new Uint8Array(0), 'leer.txt')).toThrow('leer.txt is empty');
  });

  it('refuses broken UTF-16 (odd byte count, lone surrogate) with a DecodeError naming the file', () => {
    const odd = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Text', 'utf16le'), Buffer.from([0x41])]);
    expect(() => decodeBytes(odd, 'odd.txt')).toThrow(DecodeError);
    expect(() => decodeBytes(odd, 'odd.txt')).toThrow('odd.txt is not valid UTF-16 text');
    const lone = Buffer.from([0xff, 0xfe, 0x3d, 0xd8, 0x41, 0x00]);
    expect(() => decodeBytes(lone, 'lone.txt')).toThrow('lone.txt is not valid UTF-16 text');
  });
});
