/** Bytes of an imported file -> string: UTF-8 (with or without BOM) or UTF-16 with a BOM. */

/** Why bytes are not text Tagwerk can read: `invalid-encoding` can be read with replacement characters. */
export type DecodeFailure = 'empty' | 'binary' | 'invalid-encoding';

/** The bytes are not text Tagwerk can read; the message says why. */
export class DecodeError extends Error {
  constructor(message: string, readonly kind: DecodeFailure) { super(message); this.name = 'DecodeError'; }
}

/** Text decoded with invalid sequences replaced, and how many were. */
export interface ReplacedText {
  text: string;
  /** Invalid byte sequences (UTF-8) or code units (UTF-16) that became U+FFFD. */
  replaced: number;
  encoding: 'UTF-8' | 'UTF-16';
}

/**
 * Decodes a file's bytes. A UTF-16 BOM selects UTF-16; otherwise the bytes must be valid UTF-8.
 * Binary content (NUL bytes in the first 8 KB of a non-UTF-16 file) is refused.
 */
export function decodeBytes(bytes: Uint8Array, fileName: string): string {
  return decode(bytes, fileName, false).text;
}

/**
 * Like `decodeBytes`, but text that is not valid UTF-8 (or UTF-16) is read with each invalid
 * sequence replaced by U+FFFD, and the count says how many were. Empty and binary files are
 * still refused.
 */
export function decodeBytesReplacing(bytes: Uint8Array, fileName: string): ReplacedText {
  return decode(bytes, fileName, true);
}

function decode(bytes: Uint8Array, fileName: string, replace: boolean): ReplacedText {
  if (bytes.length === 0) throw new DecodeError(`${fileName} is empty`, 'empty');
  const bom = bytes.length >= 2 ? (bytes[0] << 8) | bytes[1] : 0;
  const encoding = bom === 0xfffe ? 'utf-16le' : bom === 0xfeff ? 'utf-16be' : 'utf-8';
  // After a UTF-16 BOM; a UTF-8 BOM the decoder strips (ignoreBOM: false, the default).
  const body = encoding === 'utf-8' ? bytes : bytes.subarray(2);
  const name = encoding === 'utf-8' ? 'UTF-8' : 'UTF-16';
  if (encoding === 'utf-8' && bytes.subarray(0, 8192).includes(0)) throw new DecodeError(`${fileName} looks like a binary file, not text`, 'binary');
  try {
    // UTF-16: an odd byte count or a lone surrogate is refused like invalid UTF-8.
    return { text: new TextDecoder(encoding, { fatal: true }).decode(body), replaced: 0, encoding: name };
  } catch {
    if (!replace) throw new DecodeError(`${fileName} is not valid ${name} text`, 'invalid-encoding');
  }
  const text = new TextDecoder(encoding).decode(body);
  return { text, replaced: countReplacementChars(text) - literalReplacementChars(body, encoding), encoding: name };
}

function countReplacementChars(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
}

/**
 * U+FFFD characters the file itself holds (so not replacements). The decoder never takes a
 * byte of one into an invalid sequence before it: EF (UTF-8) is no continuation byte, and a
 * UTF-16 code unit is read whole.
 */
function literalReplacementChars(body: Uint8Array, encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): number {
  let n = 0;
  if (encoding === 'utf-8') {
    for (let i = body.indexOf(0xef); i !== -1 && i + 2 < body.length; i = body.indexOf(0xef, i + 1)) {
      if (body[i + 1] === 0xbf && body[i + 2] === 0xbd) n++;
    }
    return n;
  }
  const [first, second] = encoding === 'utf-16le' ? [0xfd, 0xff] : [0xff, 0xfd];
  for (let i = 0; i + 1 < body.length; i += 2) if (body[i] === first && body[i + 1] === second) n++;
  return n;
}
