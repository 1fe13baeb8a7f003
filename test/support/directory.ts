// A small agency directory for parser tests: a merge, a split, an abolished district, two agencies
// sharing a name across a merge, and a few provinces.
import type { AgencyDirectory } from '../../src/domain/plan-import/agencies.js';

export function smallDirectory(): AgencyDirectory {
  const agency = (
    code: string,
    name: string,
    shortName: string | null,
    kind: string,
    inForceFrom: string | null,
    inForceTo: string | null,
    aliases: string[] = [],
  ) => ({
    code,
    name,
    shortName,
    kind,
    inForceFrom,
    inForceTo,
    aliases,
  });
  return {
    provinceName: 'Cao Bằng',
    provinceNames: ['Tỉnh Cao Bằng', 'Tỉnh Lạng Sơn', 'Thành phố Hà Nội'],
    agencies: [
      agency('STC', 'Sở Tài chính', 'Sở TC', 'department', '2025-03-01', null),
      agency('STC-OLD', 'Sở Tài chính', 'Sở TC', 'department', null, '2025-03-01'),
      agency('SKHDT', 'Sở Kế hoạch và Đầu tư', 'Sở KH&ĐT', 'department', null, '2025-03-01'),
      agency('SXD', 'Sở Xây dựng', 'Sở XD', 'department', '2025-03-01', null),
      agency('SKHCN', 'Sở Khoa học và Công nghệ', 'Sở KH&CN', 'department', '2025-03-01', null),
      agency(
        'SVHTTDL',
        'Sở Văn hóa, Thể thao và Du lịch',
        'Sở VHTT&DL',
        'department',
        '2025-03-01',
        null,
      ),
      agency('STTTT', 'Sở Thông tin và Truyền thông', 'Sở TT&TT', 'department', null, '2025-03-01'),
      agency(
        'UBND-H1',
        'Ủy ban nhân dân huyện Hòa An',
        'UBND huyện Hòa An',
        'district',
        null,
        '2025-07-01',
      ),
      agency(
        'UBND-X1',
        'Ủy ban nhân dân xã Hòa An',
        'UBND xã Hòa An',
        'commune',
        '2025-07-01',
        null,
      ),
      agency(
        'UBND-X2',
        'Ủy ban nhân dân xã Nam Tuấn',
        'UBND xã Nam Tuấn',
        'commune',
        '2025-07-01',
        null,
      ),
    ],
    successions: [
      {
        predecessorCode: 'SKHDT',
        kind: 'merge',
        effectiveOn: '2025-03-01',
        successorCodes: ['STC'],
      },
      {
        predecessorCode: 'STC-OLD',
        kind: 'merge',
        effectiveOn: '2025-03-01',
        successorCodes: ['STC'],
      },
      {
        predecessorCode: 'STTTT',
        kind: 'split',
        effectiveOn: '2025-03-01',
        successorCodes: ['SKHCN', 'SVHTTDL'],
      },
      {
        predecessorCode: 'UBND-H1',
        kind: 'abolish',
        effectiveOn: '2025-07-01',
        successorCodes: ['UBND-X1', 'UBND-X2'],
      },
    ],
  };
}
