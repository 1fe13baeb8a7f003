import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SAMPLE_PDF } from '../../../test/support/multipart.js';
import { LocalFolderStorage } from '../../server/storage/local-folder.js';
import { cleanFileName, removeStored, storeEvidence } from './evidence-store.js';

describe('evidence files', () => {
  it('keep a recognisable name without path parts or control characters', () => {
    expect(cleanFileName('C:\\Users\\a\\Bie\u0302n ba\u0309n.pdf')).toBe('Biên bản.pdf');
    expect(cleanFileName('../../etc/pass\u0000wd\n.pdf')).toBe('passwd.pdf');
    expect(cleanFileName('\u0007')).toBe('minh-chung');
  });

  it('are stored once by checksum, checked by content, and removable after a failed write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-evidence-unit-'));
    const storage = new LocalFolderStorage(dir);
    const a = await storeEvidence(storage, 'a.pdf', Readable.from([SAMPLE_PDF]));
    const b = await storeEvidence(storage, 'b.pdf', Readable.from([SAMPLE_PDF]));
    expect(a.sha256).toBe(b.sha256);
    expect([a.created, b.created]).toEqual([true, false]);
    await expect(
      storeEvidence(storage, 'x.pdf', Readable.from([Buffer.from('PK\u0003\u0004')])),
    ).rejects.toMatchObject({
      code: 'file_type_not_allowed',
    });
    await removeStored(storage, [a, b]);
    expect(
      readdirSync(join(dir, 'evidence'), { recursive: true }).filter((f) => String(f).length > 2),
    ).toEqual([]);
  });
});
