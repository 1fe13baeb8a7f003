// Before a draft becomes a plan: each gap the reviewer leaves (no number, no date, a task without
// lead) is accepted by ticking it; the plan is created only when every one is ticked.
import type { ImportDraft } from '@features/imports/schema';
import { Alert, Checkbox, Flex, List, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';

type Gap = ImportDraft['review']['gaps'][number];

const GAP_TEXT: Record<Gap['kind'], string> = {
  missing_number: 'Văn bản chưa có số, ký hiệu',
  missing_date: 'Văn bản chưa có ngày ban hành',
  task_without_lead: 'Nhiệm vụ chưa có cơ quan chủ trì',
};

type Props = {
  gaps: Gap[] | null;
  confirming: boolean;
  onCancel: () => void;
  onAccept: (keys: string[]) => void;
};

export function ReviewGapsModal({ gaps, confirming, onCancel, onAccept }: Props) {
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (gaps) setTicked(new Set());
  }, [gaps]);
  const list = gaps ?? [];
  const all = list.length > 0 && list.every((g) => ticked.has(g.key));
  const tasks = list.filter((g) => g.kind === 'task_without_lead');
  const toggle = (key: string, on: boolean) =>
    setTicked((s) => {
      const next = new Set(s);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  return (
    <Modal
      open={gaps !== null}
      title="Xác nhận các điểm còn thiếu"
      okText="Xác nhận tạo kế hoạch"
      cancelText="Quay lại sửa"
      okButtonProps={{
        disabled: !all,
        ...({ 'data-testid': 'gaps-accept' } as Record<string, string>),
      }}
      confirmLoading={confirming}
      onCancel={onCancel}
      onOk={() => onAccept(list.map((g) => g.key))}
      width={680}
      destroyOnHidden
    >
      <Flex vertical gap={12} data-testid="review-gaps">
        <Alert
          type="warning"
          showIcon
          title="Kế hoạch còn thiếu thông tin"
          description="Có thể quay lại để bổ sung, hoặc đánh dấu từng điểm dưới đây để xác nhận rằng kế hoạch được tạo khi còn thiếu. Việc xác nhận được ghi vào nhật ký."
        />
        {tasks.length > 1 && (
          <Checkbox
            data-testid="gaps-all-tasks"
            checked={tasks.every((g) => ticked.has(g.key))}
            indeterminate={
              tasks.some((g) => ticked.has(g.key)) && !tasks.every((g) => ticked.has(g.key))
            }
            onChange={(e) =>
              setTicked((s) => {
                const next = new Set(s);
                for (const g of tasks) {
                  if (e.target.checked) next.add(g.key);
                  else next.delete(g.key);
                }
                return next;
              })
            }
          >
            Chọn cả {tasks.length} nhiệm vụ chưa có cơ quan chủ trì
          </Checkbox>
        )}
        <List
          size="small"
          bordered
          style={{ maxHeight: 360, overflow: 'auto' }}
          dataSource={list}
          renderItem={(g) => (
            <List.Item data-gap={g.key}>
              <Checkbox
                data-testid={`gap-${g.key}`}
                checked={ticked.has(g.key)}
                onChange={(e) => toggle(g.key, e.target.checked)}
              >
                {GAP_TEXT[g.kind]}
                {g.title && (
                  <Typography.Text type="secondary">
                    {' '}
                    – nhiệm vụ {(g.task ?? 0) + 1}: {g.title}
                  </Typography.Text>
                )}
              </Checkbox>
            </List.Item>
          )}
        />
      </Flex>
    </Modal>
  );
}
