import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocumentNumber } from './document-number.js';

describe('parseDocumentNumber', () => {
  it.each([
    ['693/QĐ-TTg', '693/QĐ-TTg'],
    ['693/QĐ-TTG', '693/QĐ-TTg'],
    ['693/qđ-ttg', '693/QĐ-TTg'],
    ['72-KL/TW', '72-KL/TW'],
    ['72- KL/TW', '72-KL/TW'],
    ['13/NQ-TW', '13-NQ/TW'],
    ['111-Ctr/TU', '111-CTr/TU'],
    ['136- NQ/TU', '136-NQ/TU'],
    ['Số: 15/BC-UBND', '15/BC-UBND'],
    ['số 05/KH-UBND', '05/KH-UBND'],
    ['08-NQ/TW', '08-NQ/TW'],
    ['52/2025/QĐ-UBND', '52/2025/QĐ-UBND'],
    ['09/2019/NĐ-CP', '09/2019/NĐ-CP'],
    ['12/UBND-KT', '12/UBND-KT'],
  ])('%s is %s', (written, canonical) => {
    expect(parseDocumentNumber(written)?.canonical).toBe(canonical);
  });

  it('gives one key to the two shapes of the same party document', () => {
    expect(parseDocumentNumber('13/NQ-TW')?.key).toBe(parseDocumentNumber('13-NQ/TW')?.key);
    expect(parseDocumentNumber('08-NQ/TW')?.key).toBe(parseDocumentNumber('8-NQ/TW')?.key);
    expect(parseDocumentNumber('13-NQ/TW')?.key).not.toBe(parseDocumentNumber('13-NQ/TU')?.key);
    expect(parseDocumentNumber('693/QĐ-TTg')?.key).not.toBe(
      parseDocumentNumber('693/QĐ-UBND')?.key,
    );
    expect(parseDocumentNumber('52/2025/QĐ-UBND')?.key).not.toBe(
      parseDocumentNumber('52/QĐ-UBND')?.key,
    );
  });

  it('reads the type of a letter as CV', () => {
    expect(parseDocumentNumber('12/UBND-KT')).toMatchObject({ type: 'CV', issuer: 'UBND-KT' });
  });

  it.each(['', 'Quyết định', '693', 'QĐ-TTg', '693/', 'abc/QĐ-TTg'])('rejects %j', (text) => {
    expect(parseDocumentNumber(text)).toBeNull();
  });

  it('never throws, and a canonical form parses back to itself (property)', () => {
    const symbolPart = fc.constantFrom(
      'QĐ',
      'qđ',
      'NQ',
      'KL',
      'Ctr',
      'KH',
      'TTg',
      'TW',
      'TU',
      'UBND',
      'KT',
    );
    fc.assert(
      fc.property(
        fc.nat(99999),
        symbolPart,
        symbolPart,
        fc.constantFrom('/', '-', ' / ', '- '),
        fc.constantFrom('/', '-'),
        (n, a, b, s1, s2) => {
          const parsed = parseDocumentNumber(`${n}${s1}${a}${s2}${b}`);
          if (parsed) expect(parseDocumentNumber(parsed.canonical)?.key).toBe(parsed.key);
        },
      ),
    );
    fc.assert(
      fc.property(fc.string(), (s) => {
        parseDocumentNumber(s);
      }),
    );
  });
});
