// Hostile and heavy documents for the readers' limit tests, made at run time in a few milliseconds
// and a few hundred kilobytes: a zip bomb (.docx), a .docx that lies about its sizes, PDFs that
// declare or really have many pages, a long plan text. Nothing here is read by the application.
import { constants, crc32, deflateRawSync } from 'node:zlib';

export type ZipPart = {
  name: string;
  /** The stored (deflated, unless `stored`) bytes. */
  data: Uint8Array;
  uncompressedSize: number;
  crc: number;
  stored?: boolean;
};

/** A part deflated normally. */
export function deflatedPart(name: string, content: string | Uint8Array): ZipPart {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, data: deflateRawSync(bytes), uncompressedSize: bytes.length, crc: crc32(bytes) };
}

/**
 * A part of `prefix`, then `repeat` MiB of spaces, then `suffix`, deflated without ever holding
 * the spaces: one MiB deflated with a full flush (byte-aligned, no reference to what came before)
 * is a piece of deflate stream that can be repeated as is. 400 MiB take about 400 KB.
 */
export function inflatingPart(
  name: string,
  prefix: string,
  repeatMiB: number,
  suffix: string,
): ZipPart {
  const flushed = (b: Uint8Array) => deflateRawSync(b, { finishFlush: constants.Z_FULL_FLUSH });
  const mib = Buffer.alloc(1024 * 1024, 0x20);
  const spaces = flushed(mib);
  const head = Buffer.from(prefix, 'utf8');
  const tail = Buffer.from(suffix, 'utf8');
  const pieces = [
    flushed(head),
    ...Array.from({ length: repeatMiB }, () => spaces),
    deflateRawSync(tail),
  ];
  let crc = crc32(head);
  for (let i = 0; i < repeatMiB; i++) crc = crc32(mib, crc);
  crc = crc32(tail, crc);
  return {
    name,
    data: Buffer.concat(pieces),
    uncompressedSize: head.length + repeatMiB * mib.length + tail.length,
    crc,
  };
}

/**
 * A zip archive of the parts. `zip64` writes every size and offset in ZIP64 records (as some
 * writers do for any file); `declare` overrides the uncompressed size the central directory
 * states for a part (the local header keeps the true one).
 */
export function zipArchive(
  parts: readonly ZipPart[],
  options: { zip64?: boolean; declare?: Record<string, number> } = {},
): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const FF32 = 0xffffffff;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const method = p.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.uncompressedSize, 22);
    local.writeUInt16LE(name.length, 26);
    chunks.push(local, name, Buffer.from(p.data));
    const declared = options.declare?.[p.name] ?? p.uncompressedSize;
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(45, 4);
    header.writeUInt16LE(45, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt32LE(p.crc >>> 0, 16);
    let extra = Buffer.alloc(0);
    if (options.zip64 || declared > FF32) {
      header.writeUInt32LE(FF32, 20);
      header.writeUInt32LE(FF32, 24);
      header.writeUInt32LE(FF32, 42);
      extra = Buffer.alloc(28);
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(declared), 4);
      extra.writeBigUInt64LE(BigInt(p.data.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    } else {
      header.writeUInt32LE(p.data.length, 20);
      header.writeUInt32LE(declared, 24);
      header.writeUInt32LE(offset, 42);
    }
    header.writeUInt16LE(name.length, 28);
    header.writeUInt16LE(extra.length, 30);
    central.push(header, name, extra);
    offset += local.length + name.length + p.data.length;
  }
  const directory = Buffer.concat(central);
  const end: Buffer[] = [];
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  if (options.zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(parts.length), 24);
    record.writeBigUInt64LE(BigInt(parts.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    end.push(record, locator);
    eocd.writeUInt16LE(0xffff, 8);
    eocd.writeUInt16LE(0xffff, 10);
    eocd.writeUInt32LE(FF32, 12);
    eocd.writeUInt32LE(FF32, 16);
  } else {
    eocd.writeUInt16LE(parts.length, 8);
    eocd.writeUInt16LE(parts.length, 10);
    eocd.writeUInt32LE(directory.length, 12);
    eocd.writeUInt32LE(offset, 16);
  }
  return new Uint8Array(Buffer.concat([...chunks, directory, ...end, eocd]));
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const DOCUMENT_XML_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t xml:space="preserve">`;
export const DOCUMENT_XML_TAIL = '</w:t></w:r></w:p></w:body></w:document>';

/** The parts of a minimal Word document around the given word/document.xml part. */
export function docxParts(document: ZipPart): ZipPart[] {
  return [
    deflatedPart(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    deflatedPart(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    document,
  ];
}

/** A minimal Word document with one paragraph of `text`. */
export function smallDocx(
  text: string,
  options: Parameters<typeof zipArchive>[1] = {},
): Uint8Array {
  return zipArchive(
    docxParts(deflatedPart('word/document.xml', DOCUMENT_XML_HEAD + text + DOCUMENT_XML_TAIL)),
    options,
  );
}

const PAGE =
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> >>';

function pdfFile(pagesTree: string, more: string[], lines: number): Uint8Array {
  const text = Array.from(
    { length: lines },
    (_, i) =>
      `1 0 0 1 72 ${800 - (i % 60) * 12} Tm (Ke hoach phat trien ha tang, dong ${i + 1}) Tj`,
  ).join('\n');
  const content = `BT /F1 10 Tf\n${text}\nET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    pagesTree,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    ...more,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}

/**
 * A PDF of `pages` pages (objects 5…), all showing the same content stream of `linesPerPage`
 * lines: the file stays small however long it takes to read.
 */
export function pdf(options: { pages: number; linesPerPage?: number }): Uint8Array {
  const kids = Array.from({ length: options.pages }, (_, i) => `${5 + i} 0 R`).join(' ');
  return pdfFile(
    `<< /Type /Pages /Kids [${kids}] /Count ${options.pages} >>`,
    Array.from({ length: options.pages }, () => PAGE),
    options.linesPerPage ?? 1,
  );
}

/**
 * A PDF of `thousands` × 1,000 pages in about 12 KB: the page tree refers to one node of 1,000
 * pages again and again, and that node to one page. PDF.js counts them all (it checks that the
 * last page exists; the last node and page are distinct objects so that the walk to it is no cycle).
 */
export function manyPagesPdf(thousands: number): Uint8Array {
  const repeat = (s: string, n: number) => Array.from({ length: n }, () => s).join(' ');
  return pdfFile(
    `<< /Type /Pages /Kids [${repeat('5 0 R', thousands - 1)} 6 0 R] /Count ${thousands * 1000} >>`,
    [
      `<< /Type /Pages /Parent 2 0 R /Kids [${repeat('7 0 R', 1000)}] /Count 1000 >>`,
      `<< /Type /Pages /Parent 2 0 R /Kids [${repeat('7 0 R', 999)} 8 0 R] /Count 1000 >>`,
      PAGE,
      PAGE,
    ],
    1,
  );
}

/** The generated plan of bench/import.ts as text: ~3,000 characters a page, 8 tasks per group. */
export function planText(pages: number): string {
  const agencies = ['Sở Xây dựng', 'Sở Tài chính', 'Sở Nông nghiệp và Môi trường', 'Công an tỉnh'];
  const lines = [
    'UBND TỈNH LẠNG SƠN',
    'Số: 99/KH-UBND',
    'Lạng Sơn, ngày 10 tháng 2 năm 2026',
    'KẾ HOẠCH',
    'Phát triển hạ tầng năm 2026',
    'I. MỤC TIÊU',
    'II. NHIỆM VỤ, GIẢI PHÁP',
  ];
  let size = 0;
  for (let n = 1; size < pages * 3000; n++) {
    lines.push(`${n}. Nhóm nhiệm vụ số ${n} về phát triển hạ tầng`);
    for (let k = 0; k < 8; k++) {
      const line = `- ${agencies[(n + k) % agencies.length]} chủ trì, phối hợp với ${agencies[(n + k + 1) % agencies.length]} triển khai hạng mục ${k + 1} của nhóm ${n}, bảo đảm chất lượng, hiệu quả; hoàn thành trước ngày 30/6/2026.`;
      lines.push(line);
      size += line.length;
    }
  }
  lines.push('Nơi nhận:', '- Như trên;', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Nguyễn Văn An');
  return lines.join('\n');
}
