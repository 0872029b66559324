/** Bytes of an imported file -> string: UTF-8 (with or without BOM) or UTF-16 with a BOM. */

/** The bytes are not text Tagwerk can read; the message says why. */
export class DecodeError extends Error {
  constructor(message: string) { super(message); this.name = 'DecodeError'; }
}

/**
 * Decodes a file's bytes. A UTF-16 BOM selects UTF-16; otherwise the bytes must be valid UTF-8.
 * Binary content (NUL bytes in the first 8 KB of a non-UTF-16 file) is refused.
 */
export function decodeBytes(bytes: Uint8Array, fileName: string): string {
  if (bytes.length === 0) throw new DecodeError(`${fileName} is empty`);
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16('utf-16le', bytes, fileName);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16('utf-16be', bytes, fileName);
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) throw new DecodeError(`${fileName} looks like a binary file, not text`);
  try {
    // ignoreBOM: false (the default) strips a UTF-8 BOM.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DecodeError(`${fileName} is not valid UTF-8 text`);
  }
}

/** UTF-16 after its BOM; an odd byte count or a lone surrogate is refused like invalid UTF-8. */
function decodeUtf16(encoding: 'utf-16le' | 'utf-16be', bytes: Uint8Array, fileName: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2));
  } catch {
    throw new DecodeError(`${fileName} is not valid UTF-16 text`);
  }
}
