// Limits on a zip archive (.docx) checked before anything is inflated: a 1.7 MB .docx can declare,
// and really hold, 400 MB of XML (a "zip bomb"), which mammoth would inflate and turn into
// strings. We read the central directory ourselves (the list at the end of the archive that gives
// every entry's compressed and uncompressed size), refuse the archive when what it declares is
// over the limits, and then inflate every part a reader will open with zlib's maxOutputLength set
// to the size the entry declares, so an entry that lies about its size fails at that size instead
// of running on. Media (images, embedded objects) are never opened by the readers and are only
// counted. ZIP64 records are followed, so a lie in the 32-bit fields does not get through.
import { inflateRawSync } from 'node:zlib';
import { type SourceDocument, UnreadableDocumentError } from './source-document.js';

export type ZipLimits = {
  /** Sum of the declared uncompressed sizes of all entries. */
  maxTotalBytes: number;
  /** Declared uncompressed size of one entry. */
  maxEntryBytes: number;
  maxEntries: number;
  /**
   * Uncompressed / compressed of one entry over this (and the entry over 1 MiB): a run of the
   * same bytes, which no document holds. Deflate tops out at about 1032:1; Word's XML deflates
   * about 10:1, and even a generated 300-page plan repeating one sentence only 54:1.
   */
  maxRatio: number;
};

/** Far above any real plan: the largest .docx plans we have seen unpack to under 10 MB. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 100 * 1024 * 1024,
  maxEntryBytes: 100 * 1024 * 1024,
  maxEntries: 10_000,
  maxRatio: 500,
};

export type ZipEntry = {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
};

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;

const corrupt = (why: string) =>
  new UnreadableDocumentError(
    'corrupt_file',
    `The file cannot be opened as a Word document (.docx): ${why}. If it is an old .doc file, open it in Word and save it as .docx.`,
  );

const mib = (bytes: number) =>
  `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

function tooLarge(what: string): UnreadableDocumentError {
  return new UnreadableDocumentError(
    'too_large',
    `The Word document is too large to read: ${what}. Remove large pictures or embedded files (or split the document) and try again.`,
  );
}

/** The entries listed in the archive's central directory; throws corrupt_file when there is none. */
export function zipEntries(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  const inside = (at: number, length: number) => at >= 0 && at + length <= bytes.length;

  // The end-of-central-directory record is the last 22 bytes, or sits before a comment of up to
  // 64 KiB: search backwards for its signature.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - U16_MAX); at--) {
    if (u32(at) === EOCD && at + 22 + u16(at + 20) <= bytes.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw corrupt('it is not a zip archive (no central directory)');
  let count = u16(eocd + 10);
  let size = u32(eocd + 12);
  let offset = u32(eocd + 16);
  if (count === U16_MAX || size === U32_MAX || offset === U32_MAX) {
    const locator = eocd - 20;
    if (!inside(locator, 20) || u32(locator) !== ZIP64_LOCATOR)
      throw corrupt('its ZIP64 directory is missing');
    const record = u64(locator + 8);
    if (!inside(record, 56) || u32(record) !== ZIP64_EOCD)
      throw corrupt('its ZIP64 directory is damaged');
    count = u64(record + 32);
    size = u64(record + 40);
    offset = u64(record + 48);
  }
  if (count > limits.maxEntries) throw tooLarge(`it lists ${count.toLocaleString('en-US')} parts`);
  if (!inside(offset, size)) throw corrupt('its central directory lies outside the file');

  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (!inside(at, 46) || u32(at) !== CENTRAL_HEADER)
      throw corrupt('its central directory is damaged');
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    if (!inside(at + 46, nameLength + extraLength + commentLength))
      throw corrupt('its central directory is damaged');
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    let compressedSize = u32(at + 20);
    let uncompressedSize = u32(at + 24);
    let localHeaderOffset = u32(at + 42);
    if (
      uncompressedSize === U32_MAX ||
      compressedSize === U32_MAX ||
      localHeaderOffset === U32_MAX
    ) {
      // The ZIP64 extra field (id 1) holds, in this order, the 64-bit values of the fields that are
      // 0xFFFFFFFF in the header.
      let extra = at + 46 + nameLength;
      const end = extra + extraLength;
      let found = false;
      while (extra + 4 <= end) {
        const id = u16(extra);
        const length = u16(extra + 2);
        if (id === 1) {
          let field = extra + 4;
          const next = () => {
            if (field + 8 > extra + 4 + length) throw corrupt('a ZIP64 size is missing');
            const value = u64(field);
            field += 8;
            return value;
          };
          if (uncompressedSize === U32_MAX) uncompressedSize = next();
          if (compressedSize === U32_MAX) compressedSize = next();
          if (localHeaderOffset === U32_MAX) localHeaderOffset = next();
          found = true;
          break;
        }
        extra += 4 + length;
      }
      if (!found) throw corrupt('a ZIP64 size is missing');
    }
    entries.push({
      name,
      method: u16(at + 10),
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Refuses an archive whose declared sizes are over the limits (too_large), before inflating. */
export function checkZipLimits(
  entries: readonly ZipEntry[],
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
) {
  let total = 0;
  for (const e of entries) {
    if (e.uncompressedSize > limits.maxEntryBytes)
      throw tooLarge(
        `its part ${e.name} unpacks to ${mib(e.uncompressedSize)}, over the ${mib(limits.maxEntryBytes)} limit`,
      );
    if (
      e.uncompressedSize > 1024 * 1024 &&
      e.uncompressedSize > limits.maxRatio * Math.max(1, e.compressedSize)
    )
      throw tooLarge(
        `its part ${e.name} unpacks ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))} times larger than it is stored`,
      );
    total += e.uncompressedSize;
  }
  if (total > limits.maxTotalBytes)
    throw tooLarge(`it unpacks to ${mib(total)}, over the ${mib(limits.maxTotalBytes)} limit`);
}

/** Parts the readers never open (pictures, embedded files): counted above, not inflated here. */
const UNREAD = /^(?:word\/(?:media|embeddings)\/|docProps\/thumbnail)/i;

/**
 * Inflates every part a reader may open, each stopped at the size its directory entry declares:
 * an entry that unpacks to more than it says is a forged archive (corrupt_file), found at that size.
 */
export function checkZipContent(bytes: Uint8Array, entries: readonly ZipEntry[]) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of entries) {
    if (UNREAD.test(e.name) || e.name.endsWith('/')) continue;
    const at = e.localHeaderOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER)
      throw corrupt(`its part ${e.name} is missing`);
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    if (start + e.compressedSize > bytes.length) throw corrupt(`its part ${e.name} is cut short`);
    const data = bytes.subarray(start, start + e.compressedSize);
    if (e.method === 0) {
      if (e.compressedSize !== e.uncompressedSize) throw corrupt(`its part ${e.name} is damaged`);
      continue;
    }
    if (e.method !== 8) throw corrupt(`its part ${e.name} uses an unknown compression`);
    let inflated: Buffer;
    try {
      inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize) });
    } catch (error) {
      const overflow = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      throw corrupt(
        overflow
          ? `its part ${e.name} unpacks to more than the ${e.uncompressedSize.toLocaleString('en-US')} bytes it declares`
          : `its part ${e.name} is damaged`,
      );
    }
    if (inflated.length !== e.uncompressedSize) throw corrupt(`its part ${e.name} is damaged`);
  }
}

/** Runs `read` on an archive only when its directory and content are within the limits. */
export async function withinZipLimits(
  bytes: Uint8Array,
  read: (bytes: Uint8Array) => Promise<SourceDocument>,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<SourceDocument> {
  const entries = zipEntries(bytes, limits);
  checkZipLimits(entries, limits);
  checkZipContent(bytes, entries);
  return read(bytes);
}
