/** Files from an <input> or a drop (folders included) -> what the API's importFiles takes. */
import type { ImportFailure, IncomingFile } from '../../shared/api/tagwerk-api';

/** Every file in a drop, walking dropped folders recursively (hidden entries skipped). */
export async function filesFromDrop(transfer: DataTransfer): Promise<File[]> {
  const entries = Array.from(transfer.items)
    .map((item) => item.webkitGetAsEntry?.())
    .filter((e): e is FileSystemEntry => !!e);
  if (entries.length === 0) return Array.from(transfer.files);
  const out: File[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.name.startsWith('.')) return;
    if (entry.isFile) {
      out.push(await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)));
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries returns at most ~100 entries per call.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return out;
}

/** Where a file was: its path inside a picked or dropped folder, else its name (what the service calls its location). */
export function pathOf(file: File): string {
  return file.webkitRelativePath || file.name;
}

const stemOf = (path: string) => path.replace(/\.[^./\\]*$/, '');

/** A file's bytes as base64. */
export async function toIncoming(file: File): Promise<IncomingFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { name: pathOf(file), data: btoa(binary) };
}

/**
 * The files of an import that were refused as not UTF-8 and would be read with replacement
 * characters, each with its brat partner (a refused .ann stands for its .txt too).
 */
export function filesNotDecoded(files: readonly File[], failed: readonly ImportFailure[]): File[] {
  const stems = new Set(failed.flatMap((f) => (f.invalidEncoding ? [stemOf(f.invalidEncoding.location)] : [])));
  return stems.size ? files.filter((f) => stems.has(stemOf(pathOf(f)))) : [];
}

/**
 * Groups files into requests of at most `maxBytes` (and at most `maxFiles`) each. Files that
 * share a name apart from the extension (a brat `.txt` and its `.ann`) stay in one request.
 */
export function batchFiles(files: readonly File[], maxBytes = 8 * 1024 * 1024, maxFiles = 50): File[][] {
  const stem = (f: File) => stemOf(pathOf(f));
  const groups = new Map<string, File[]>();
  for (const f of files) groups.set(stem(f), [...(groups.get(stem(f)) ?? []), f]);
  const batches: File[][] = [];
  let current: File[] = [];
  let size = 0;
  for (const group of groups.values()) {
    const bytes = group.reduce((n, f) => n + f.size, 0);
    if (current.length && (size + bytes > maxBytes || current.length + group.length > maxFiles)) { batches.push(current); current = []; size = 0; }
    current.push(...group);
    size += bytes;
  }
  if (current.length) batches.push(current);
  return batches;
}
