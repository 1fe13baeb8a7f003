// The narrative of the report, one text per part, saved with the version it was read at. When
// someone else saved first (a 409, or a newer version loaded while this one has unsaved edits),
// the edits are kept on screen and the page offers to load the newer version; leaving the page
// with unsaved edits asks first.
import type { ConsolidatedReportView, Narrative } from '@features/consolidated-report/schema';
import { Alert, App, Button, Card, Flex, Input, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useBlocker } from 'react-router';
import { formatDateTime } from '../../../app/format';
import { useSaveNarrative } from '../hooks/use-consolidated-report';
import { consolidatedMessage, isStale, NARRATIVE_PARTS, STALE_MESSAGE } from '../messages';

const sameNarrative = (a: Narrative, b: Narrative) =>
  NARRATIVE_PARTS.every(({ key }) => a[key] === b[key]);

function savedNote(view: ConsolidatedReportView): string {
  return view.version === 0 || !view.updatedAt
    ? 'Thuyết minh chưa được lưu lần nào.'
    : `Lưu lần cuối lúc ${formatDateTime(view.updatedAt)} (lần sửa thứ ${view.version}).`;
}

export function NarrativeEditor({ view }: { view: ConsolidatedReportView }) {
  const { message, modal } = App.useApp();
  const save = useSaveNarrative(view.period.id);
  const editable = view.abilities.edit;
  // The version the draft was started from, and the draft.
  const [base, setBase] = useState({ version: view.version, narrative: view.narrative });
  const [draft, setDraft] = useState<Narrative>(view.narrative);
  const dirty = !sameNarrative(draft, base.narrative);

  // A newer version from the server (a save, someone else's save): taken over when nothing is
  // lost by it; otherwise the edits stay and the conflict is shown.
  if (view.version !== base.version && (!dirty || sameNarrative(draft, view.narrative))) {
    setBase({ version: view.version, narrative: view.narrative });
    setDraft(view.narrative);
  }
  const newer = view.version !== base.version;

  const reload = () => {
    save.reset();
    setBase({ version: view.version, narrative: view.narrative });
    setDraft(view.narrative);
  };

  const submit = () =>
    save.mutate(
      { version: base.version, narrative: draft },
      {
        onSuccess: (saved) => {
          setBase({ version: saved.version, narrative: saved.narrative });
          setDraft(saved.narrative);
          void message.success('Đã lưu thuyết minh của báo cáo.');
        },
      },
    );

  // Unsaved edits: ask before leaving the page, in the application or the browser.
  const block = useRef(false);
  block.current = editable && dirty;
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      block.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: 'Rời trang khi chưa lưu?',
      content: 'Các sửa đổi chưa lưu của thuyết minh sẽ mất.',
      okText: 'Rời trang',
      okButtonProps: { danger: true },
      cancelText: 'Ở lại',
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal]);
  useEffect(() => {
    if (!editable || !dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [editable, dirty]);

  const stale = newer || isStale(save.error);
  const failure = save.error && !isStale(save.error) ? consolidatedMessage(save.error) : null;

  return (
    <Card title="Thuyết minh của báo cáo" data-testid="consolidated-narrative">
      <Flex vertical gap={16}>
        {editable && (
          <Typography.Text type="secondary">
            Số liệu được tính tự động từ dữ liệu; phần thuyết minh do cơ quan tổng hợp, lãnh đạo
            viết và được in vào báo cáo ở vị trí tương ứng. Mỗi đoạn xuống dòng là một đoạn văn của
            báo cáo.
          </Typography.Text>
        )}
        {stale && (
          <Alert
            type="warning"
            showIcon
            data-testid="narrative-stale"
            title={STALE_MESSAGE}
            description="Nội dung bạn đang sửa vẫn còn trên màn hình: hãy sao chép phần cần giữ trước khi tải bản mới."
            action={
              <Button size="small" onClick={reload} data-testid="narrative-reload">
                Tải bản mới
              </Button>
            }
          />
        )}
        {NARRATIVE_PARTS.map(({ key, label, hint, maxLength }) => (
          <div key={key}>
            <Typography.Text strong>{label}</Typography.Text>
            {editable ? (
              <>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {hint}
                  </Typography.Text>
                </div>
                <Input.TextArea
                  aria-label={label}
                  data-testid={`narrative-${key}`}
                  autoSize={{ minRows: 3, maxRows: 16 }}
                  maxLength={maxLength}
                  value={draft[key]}
                  onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))}
                  style={{ marginTop: 4 }}
                />
              </>
            ) : (
              <Typography.Paragraph
                style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}
                data-testid={`narrative-${key}`}
              >
                {draft[key] || (
                  <Typography.Text type="secondary">
                    (chưa viết, dùng nội dung tự động)
                  </Typography.Text>
                )}
              </Typography.Paragraph>
            )}
          </div>
        ))}
        {failure && <Alert type="error" showIcon title={failure} data-testid="narrative-error" />}
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text type="secondary" data-testid="narrative-saved">
            {savedNote(view)}
            {editable && dirty && ' Có sửa đổi chưa lưu: bản .docx tải về dùng nội dung đã lưu.'}
          </Typography.Text>
          {editable && (
            <Flex gap={8}>
              <Button disabled={!dirty || save.isPending} onClick={reload}>
                Bỏ sửa đổi
              </Button>
              <Button
                type="primary"
                loading={save.isPending}
                disabled={!dirty || stale}
                onClick={submit}
                data-testid="narrative-save"
              >
                Lưu thuyết minh
              </Button>
            </Flex>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}
