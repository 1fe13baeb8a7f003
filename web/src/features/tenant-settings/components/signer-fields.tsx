// Who signs a document: the collective line (TM.), the signing-for line (KT.), the position and
// the name. The server takes a signer as a whole: all four empty → the default titles; any of them
// filled → exactly what is filled (an empty title line is not printed).
import type { Signer } from '@features/tenant-settings/schema';
import { Button, Col, Form, type FormInstance, Input, Row } from 'antd';

/** No title typed: the documents print the default titles (and the name, when one is typed). */
export const isBlankSigner = (s: Partial<Signer> | undefined) =>
  !s || ![s.authority, s.deputy, s.position].some((v) => v?.trim());

const TITLES = [
  {
    key: 'authority',
    label: 'Dòng thay mặt tập thể (TM.)',
    example: 'TM. ỦY BAN NHÂN DÂN',
    max: 80,
  },
  { key: 'deputy', label: 'Dòng ký thay (KT.)', example: 'KT. CHỦ TỊCH', max: 80 },
  { key: 'position', label: 'Chức vụ người ký', example: 'PHÓ CHỦ TỊCH', max: 80 },
] as const;

export function SignerFields({
  name,
  form,
  defaults,
  disabled,
  testId,
}: {
  name: 'reportSigner' | 'urgingSigner';
  form: FormInstance;
  /** The titles printed when the signer is left empty; null when not known (one is saved). */
  defaults: Signer | null;
  disabled: boolean;
  testId: string;
}) {
  const current = Form.useWatch([name], form) as Partial<Signer> | undefined;
  // No title typed: the default titles are printed (above the name, when one is typed).
  const blank =
    !current?.authority?.trim() && !current?.deputy?.trim() && !current?.position?.trim();
  const placeholder = (key: (typeof TITLES)[number]['key'], example: string) => {
    if (!blank) return 'Để trống: không in dòng này';
    if (!defaults) return `Mặc định của tỉnh, ví dụ: ${example}`;
    return defaults[key] || 'Mặc định: không in dòng này';
  };

  return (
    <div data-testid={testId}>
      <Row gutter={12}>
        {TITLES.map((t) => (
          <Col key={t.key} xs={24} md={8}>
            <Form.Item name={[name, t.key]} label={t.label}>
              <Input
                placeholder={placeholder(t.key, t.example)}
                maxLength={t.max}
                data-testid={`${testId}-${t.key}`}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Form.Item
        name={[name, 'name']}
        label="Họ và tên người ký"
        extra={
          <>
            {blank
              ? current?.name?.trim()
                ? 'Chưa nhập chức danh: in các dòng chức danh mặc định và họ tên đã nhập.'
                : 'Để trống cả bốn ô: in các dòng chức danh mặc định, không in họ tên.'
              : 'Đã nhập chức danh: văn bản in đúng các ô đã nhập, ô chức danh để trống không được in.'}
            {defaults && !disabled && !blank && !current?.position?.trim() && (
              <Button
                type="link"
                size="small"
                onClick={() =>
                  form.setFieldValue(name, {
                    ...defaults,
                    name: current?.name ?? '',
                  })
                }
              >
                Điền chức danh mặc định
              </Button>
            )}
          </>
        }
      >
        <Input placeholder="Ví dụ: Nguyễn Văn A" maxLength={120} data-testid={`${testId}-name`} />
      </Form.Item>
    </div>
  );
}
