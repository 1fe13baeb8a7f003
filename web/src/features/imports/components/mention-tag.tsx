// An agency as the document writes it, and what it resolves to in the registry today:
// "Sở Kế hoạch và Đầu tư → nay: Sở Tài chính", "Sở Thông tin và Truyền thông – cần chọn".
import type { AgencySummary } from '@features/agencies/schema';
import type { Mention } from '@features/imports/schema';
import { Tag, Tooltip } from 'antd';
import { useAgencyDirectory } from '../hooks/use-agency-lookup';
import { CHOICE_REASONS, GROUP_LABELS } from '../labels';

const nameOf = (agencies: ReadonlyMap<string, AgencySummary>, code: string) =>
  agencies.get(code)?.name ?? code;

/** Whether the words as written already say the registry's name ("Ủy ban … tỉnh Lạng Sơn"). */
const says = (written: string, name: string) =>
  written.toLocaleLowerCase('vi').includes(name.toLocaleLowerCase('vi'));

function describe(
  mention: Mention,
  agencies: ReadonlyMap<string, AgencySummary>,
): { color: string; text: string; tip: string; status: string } {
  const w = mention.as_written;
  switch (mention.kind) {
    case 'agency': {
      const today = nameOf(agencies, mention.agency_code);
      if (mention.named_code !== mention.agency_code) {
        return {
          color: 'blue',
          text: `${w} → nay: ${today}`,
          tip: `Văn bản ghi “${w}” (${nameOf(agencies, mention.named_code)}); nay do ${today} đảm nhận.`,
          status: 'successor',
        };
      }
      return {
        color: 'blue',
        text: says(w, today) ? w : `${w} (${today})`,
        tip: `${today} – mã ${mention.agency_code}`,
        status: 'agency',
      };
    }
    case 'choose': {
      const names = mention.candidates.map((c) => nameOf(agencies, c));
      return {
        color: 'warning',
        text: `${w} – cần chọn`,
        tip:
          names.length > 0
            ? `${w} ${CHOICE_REASONS[mention.reason]}: cần chọn một trong ${names.join(', ')}`
            : `${w} ${CHOICE_REASONS[mention.reason]}: cần chọn đơn vị thực hiện`,
        status: 'choose',
      };
    }
    case 'group': {
      const group = GROUP_LABELS[mention.group] ?? mention.group;
      const count = mention.members.length > 0 ? ` (${mention.members.length} đơn vị)` : '';
      return {
        color: 'purple',
        text: `${w} · nhóm`,
        tip: `Nhóm: ${group}${count}`,
        status: 'group',
      };
    }
    case 'external':
      return {
        color: 'cyan',
        text: `${w} · ngoài tỉnh`,
        tip: 'Đơn vị ngoài tỉnh: không giao trong danh mục của tỉnh',
        status: 'external',
      };
    case 'unknown':
      return {
        color: 'red',
        text: `${w} · chưa có trong danh mục`,
        tip: 'Danh mục cơ quan không có đơn vị này: hãy chọn cơ quan trong danh mục',
        status: 'unknown',
      };
  }
}

type Props = { mention: Mention; onClose?: () => void };

export function MentionTag({ mention, onClose }: Props) {
  const agencies = useAgencyDirectory();
  const { color, text, tip, status } = describe(mention, agencies);
  return (
    <Tooltip title={tip}>
      <Tag
        color={color}
        data-testid="mention-tag"
        data-kind={status}
        closable={Boolean(onClose)}
        onClose={(event) => {
          event.preventDefault();
          onClose?.();
        }}
        style={{ whiteSpace: 'normal', marginBlock: 2, maxWidth: '100%' }}
      >
        {text}
      </Tag>
    </Tooltip>
  );
}
