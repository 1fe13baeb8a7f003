// The document's header as read, corrected in place: number, issuer, place, date, abstract.
import { AimOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Form, Input, Row } from 'antd';
import dayjs from 'dayjs';
import type { HeaderFields } from '../review-state';

type Props = {
  value: HeaderFields;
  onChange: (value: HeaderFields) => void;
  readOnly: boolean;
  selected: boolean;
  onShowSource: (() => void) | null;
};

export function DocumentFields({ value, onChange, readOnly, selected, onShowSource }: Props) {
  const set = (patch: Partial<HeaderFields>) => onChange({ ...value, ...patch });
  return (
    <Card
      size="small"
      title="Thông tin văn bản"
      data-testid="review-document"
      style={selected ? { borderColor: '#1677ff' } : undefined}
      extra={
        onShowSource && (
          <Button size="small" type="link" icon={<AimOutlined />} onClick={onShowSource}>
            Xem trong văn bản
          </Button>
        )
      }
    >
      <Form layout="vertical" component="div" disabled={readOnly}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item label="Số, ký hiệu" style={{ marginBottom: 12 }}>
              <Input
                data-testid="review-number"
                placeholder="Ví dụ: 15/KH-UBND"
                value={value.number ?? ''}
                status={value.number?.trim() ? undefined : 'warning'}
                onChange={(e) => set({ number: e.target.value || null })}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="Cơ quan ban hành" required style={{ marginBottom: 12 }}>
              <Input
                data-testid="review-issuer"
                placeholder="Ví dụ: UBND tỉnh …"
                value={value.issuer ?? ''}
                status={value.issuer?.trim() ? undefined : 'error'}
                onChange={(e) => set({ issuer: e.target.value || null })}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="Nơi ban hành" style={{ marginBottom: 12 }}>
              <Input
                data-testid="review-place"
                placeholder="Ví dụ: tên tỉnh, thành phố"
                value={value.place ?? ''}
                onChange={(e) => set({ place: e.target.value || null })}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="Ngày ban hành" style={{ marginBottom: 12 }}>
              <DatePicker
                data-testid="review-date"
                style={{ width: '100%' }}
                format="DD/MM/YYYY"
                placeholder="dd/mm/yyyy"
                value={value.date ? dayjs(value.date) : null}
                onChange={(d) => set({ date: d ? d.format('YYYY-MM-DD') : null })}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="Trích yếu" style={{ marginBottom: 0 }}>
              <Input.TextArea
                data-testid="review-title"
                autoSize={{ minRows: 2, maxRows: 6 }}
                value={value.title ?? ''}
                onChange={(e) => set({ title: e.target.value || null })}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
