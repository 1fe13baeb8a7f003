// The plan's projection thresholds (the consolidating department's): the share of the expected
// change that still counts as "at risk" rather than "off track", and how far an "about" target may
// be from its path. Changing them re-projects every target of the plan.
import { SettingOutlined } from '@ant-design/icons';
import type { ProjectionSettingsView } from '@features/plans/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { apiGet, apiSend, errorMessage } from '../../../app/api';

type Values = { atRiskPercent: number; aboutPercent: number };

/** "0.8" → 80; 80 → "0.8" (whole percents: the thresholds need no finer grain). */
const toPercent = (share: string) => Math.round(Number(share) * 100);
const toShare = (percent: number) => (percent / 100).toFixed(2).replace(/\.?0+$/, '') || '0';

export function ProjectionSettingsButton({ planId }: { planId: string }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const url = `/api/plans/${encodeURIComponent(planId)}/projection-settings`;
  const settings = useQuery({
    queryKey: ['plans', 'projection-settings', planId],
    queryFn: ({ signal }) => apiGet<ProjectionSettingsView>(url, {}, signal),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      apiSend<ProjectionSettingsView>('PUT', url, {
        atRiskShare: toShare(values.atRiskPercent),
        aboutMargin: toShare(values.aboutPercent),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['plans', 'projection-settings', planId] });
      void queryClient.invalidateQueries({ queryKey: ['targets'] });
      void message.success('Đã lưu ngưỡng dự báo; các chỉ tiêu của kế hoạch đã được tính lại.');
      setOpen(false);
    },
  });
  if (!settings.data?.abilities.update) return null;
  const current = settings.data;

  return (
    <>
      <Button
        icon={<SettingOutlined />}
        onClick={() => {
          save.reset();
          form.setFieldsValue({
            atRiskPercent: toPercent(current.atRiskShare),
            aboutPercent: toPercent(current.aboutMargin),
          });
          setOpen(true);
        }}
        data-testid="projection-settings-open"
      >
        Ngưỡng dự báo
      </Button>
      <Modal
        open={open}
        title="Ngưỡng dự báo của kế hoạch"
        onCancel={() => setOpen(false)}
        okText="Lưu"
        cancelText="Hủy"
        confirmLoading={save.isPending}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(values) => save.mutate(values)}
          data-testid="projection-settings-form"
        >
          <Form.Item
            name="atRiskPercent"
            label="Có nguy cơ chậm khi đã đạt từ"
            extra="Phần trăm mức thay đổi cần có đến kỳ báo cáo; dưới mức này là chậm so với lộ trình."
            rules={[{ required: true, message: 'Cần nhập ngưỡng' }]}
          >
            <InputNumber<number>
              min={0}
              max={100}
              precision={0}
              suffix="%"
              style={{ width: 140 }}
            />
          </Form.Item>
          <Form.Item
            name="aboutPercent"
            label="Chỉ tiêu “khoảng”: lệch tối đa vẫn là đạt"
            rules={[{ required: true, message: 'Cần nhập ngưỡng' }]}
          >
            <InputNumber<number> min={0} max={50} precision={0} suffix="%" style={{ width: 140 }} />
          </Form.Item>
          {save.isError && <Alert type="error" showIcon title={errorMessage(save.error)} />}
          <Flex>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              Lưu ngưỡng mới sẽ tính lại dự báo của mọi chỉ tiêu trong kế hoạch.
            </Typography.Text>
          </Flex>
        </Form>
      </Modal>
    </>
  );
}
