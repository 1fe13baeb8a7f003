// Correcting a task the importer read, or adding one it missed: its wording, lead and coordinating
// agencies (picked from the registry), deadline and expected output.
import type { AgencySummary } from '@features/agencies/schema';
import type { ExtractedTask, Mention } from '@features/imports/schema';
import { Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useAgencyDirectory } from '../hooks/use-agency-lookup';
import { type CoreDeadline, type Deadline, describeDeadline } from '../labels';
import { AgencySelect } from './agency-select';
import { DeadlineField, type DeadlineInput, inputOf, toDeadline } from './deadline-field';
import { MentionTag } from './mention-tag';

/** The mention a person's pick makes: the agency itself, named as the registry names it. */
export function agencyMention(agency: AgencySummary): Mention {
  return {
    kind: 'agency',
    as_written: agency.name,
    agency_code: agency.code,
    named_code: agency.code,
    succession: null,
  };
}

export function emptyTask(): ExtractedTask {
  return {
    title: '',
    text: '',
    section: null,
    lead: [],
    coordinators: [],
    coordination_note: null,
    deadline: { kind: 'none' },
    output: null,
    source: null,
  };
}

const agencyCode = (m: Mention) => (m.kind === 'agency' ? m.agency_code : null);

function sameDeadline(a: CoreDeadline, b: Deadline): boolean {
  const { as_written: _w, source: _s, ...core } = b;
  return JSON.stringify(inputOf(a as Deadline)) === JSON.stringify(inputOf(core as Deadline));
}

type MentionsProps = {
  mentions: Mention[];
  onChange: (mentions: Mention[]) => void;
  empty: string;
  testId: string;
};

/** The mentions of one role, each removable; those that need a choice offer their candidates. */
function MentionList({ mentions, onChange, empty, testId }: MentionsProps) {
  const agencies = useAgencyDirectory();
  if (mentions.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {empty}
      </Typography.Text>
    );
  }
  return (
    <Flex vertical gap={4} data-testid={testId}>
      <div>
        {mentions.map((m, i) => (
          <MentionTag
            // biome-ignore lint/suspicious/noArrayIndexKey: mentions have no id; the list is short
            key={`${i}-${m.as_written}`}
            mention={m}
            onClose={() => onChange(mentions.filter((_, j) => j !== i))}
          />
        ))}
      </div>
      {mentions.map((m, i) =>
        m.kind === 'choose' && m.candidates.length > 0 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <Flex key={`choose-${i}`} gap={6} wrap align="center">
            <Typography.Text type="warning">{`Thay “${m.as_written}” bằng:`}</Typography.Text>
            {m.candidates.flatMap((code) => {
              const agency = agencies.get(code);
              return agency
                ? [
                    <Button
                      key={code}
                      size="small"
                      data-testid="mention-candidate"
                      onClick={() =>
                        onChange(mentions.map((x, j) => (j === i ? agencyMention(agency) : x)))
                      }
                    >
                      {agency.name}
                    </Button>,
                  ]
                : [];
            })}
          </Flex>
        ) : null,
      )}
    </Flex>
  );
}

type Props = {
  /** The task as it stands, or null to add one. */
  task: ExtractedTask | null;
  defaultYear: number;
  onCancel: () => void;
  onSave: (task: ExtractedTask) => void;
};

export function TaskEditModal({ task, defaultYear, onCancel, onSave }: Props) {
  const adding = task === null;
  const [draft, setDraft] = useState<ExtractedTask>(() => task ?? emptyTask());
  const [deadline, setDeadline] = useState<DeadlineInput>(() => inputOf(draft.deadline));
  const [submitted, setSubmitted] = useState(false);
  const set = (patch: Partial<ExtractedTask>) => setDraft((d) => ({ ...d, ...patch }));

  const titleError = draft.title.trim() ? null : 'Hãy nhập nội dung nhiệm vụ.';
  const deadlineResult = toDeadline(deadline);
  const deadlineError = 'error' in deadlineResult ? deadlineResult.error : null;

  const pickLead = (agency: AgencySummary) =>
    set({
      lead: [agencyMention(agency)],
      // The same agency is not also a coordinator.
      coordinators: draft.coordinators.filter((m) => agencyCode(m) !== agency.code),
    });
  const addCoordinator = (agency: AgencySummary) => {
    const taken = [...draft.lead, ...draft.coordinators].some((m) => agencyCode(m) === agency.code);
    if (!taken) set({ coordinators: [...draft.coordinators, agencyMention(agency)] });
  };

  const save = () => {
    setSubmitted(true);
    if (titleError || !('deadline' in deadlineResult)) return;
    const core = deadlineResult.deadline;
    const title = draft.title.trim();
    onSave({
      ...draft,
      title,
      // An added task has no sentence of the document: its title is its text.
      text: draft.source === null ? title : draft.text,
      deadline: sameDeadline(core, draft.deadline)
        ? draft.deadline
        : { ...core, as_written: null, source: null },
    });
  };

  return (
    <Modal
      open
      title={adding ? 'Thêm nhiệm vụ' : 'Sửa nhiệm vụ'}
      okText={adding ? 'Thêm nhiệm vụ' : 'Cập nhật'}
      cancelText="Hủy"
      onOk={save}
      onCancel={onCancel}
      width={720}
      okButtonProps={{ 'data-testid': 'task-edit-ok' } as Record<string, string>}
    >
      <Form layout="vertical" component="div" data-testid="task-edit-form">
        <Form.Item
          label="Nội dung nhiệm vụ"
          required
          validateStatus={submitted && titleError ? 'error' : undefined}
          help={submitted ? titleError : undefined}
        >
          <Input.TextArea
            data-testid="task-title"
            autoSize={{ minRows: 2, maxRows: 6 }}
            value={draft.title}
            onChange={(e) => set({ title: e.target.value })}
          />
        </Form.Item>
        {!adding && draft.text && draft.text !== draft.title && (
          <Typography.Paragraph
            type="secondary"
            ellipsis={{
              rows: 3,
              expandable: 'collapsible',
              symbol: (o) => (o ? 'Thu gọn' : 'Xem thêm'),
            }}
            style={{ marginTop: -12, fontSize: 13 }}
          >
            {`Văn bản gốc: ${draft.text}`}
          </Typography.Paragraph>
        )}
        <Form.Item label="Cơ quan chủ trì">
          <Flex vertical gap={8}>
            <MentionList
              testId="task-lead"
              mentions={draft.lead}
              onChange={(lead) => set({ lead })}
              empty="Chưa có cơ quan chủ trì"
            />
            <AgencySelect
              testId="task-lead-select"
              placeholder="Tìm và chọn cơ quan chủ trì (thay cho cơ quan hiện có)…"
              onPick={pickLead}
            />
          </Flex>
        </Form.Item>
        <Form.Item label="Cơ quan phối hợp">
          <Flex vertical gap={8}>
            <MentionList
              testId="task-coordinators"
              mentions={draft.coordinators}
              onChange={(coordinators) => set({ coordinators })}
              empty="Không có cơ quan phối hợp"
            />
            <AgencySelect
              testId="task-coordinator-select"
              placeholder="Thêm cơ quan phối hợp…"
              onPick={addCoordinator}
            />
            <Input
              aria-label="Đơn vị phối hợp khác"
              placeholder="Đơn vị phối hợp khác (ví dụ: các đơn vị liên quan)"
              value={draft.coordination_note ?? ''}
              onChange={(e) => set({ coordination_note: e.target.value || null })}
            />
          </Flex>
        </Form.Item>
        <Form.Item
          label="Thời hạn"
          validateStatus={submitted && deadlineError ? 'error' : undefined}
          help={
            submitted && deadlineError
              ? deadlineError
              : draft.deadline.as_written
                ? `Văn bản ghi: “${draft.deadline.as_written}” (${describeDeadline(draft.deadline)})`
                : undefined
          }
        >
          <DeadlineField value={deadline} onChange={setDeadline} defaultYear={defaultYear} />
        </Form.Item>
        <Form.Item label="Sản phẩm">
          <Input
            data-testid="task-output"
            placeholder="Ví dụ: Báo cáo, Kế hoạch, Quyết định phê duyệt…"
            value={draft.output ?? ''}
            onChange={(e) => set({ output: e.target.value || null })}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
