// The province's settings as a form: every value the documents print, with the default (derived
// from the province) shown in the empty boxes, a preview of what will print, and saving with the
// version the form was opened on.
import type {
  Signer,
  TenantSettingsUpdate,
  TenantSettingsView,
} from '@features/tenant-settings/schema';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError } from '../../../app/api';
import { useSaveTenantSettings } from '../hooks/use-tenant-settings';
import { fieldErrors, settingsMessage } from '../messages';
import { type AgencyRef, ConsolidatingAgencyField } from './consolidating-agency-field';
import { DocumentPreview, type PreviewValues } from './document-preview';
import { isBlankSigner, SignerFields } from './signer-fields';

type Values = {
  authorityName: string;
  place: string;
  consolidatingAgencyId: string | null;
  reportSymbol: string;
  reportSigner: Signer;
  recipients: string;
  urgingSymbol: string;
  urgingSigner: Signer;
};

const FIELDS = [
  'authorityName',
  'place',
  'consolidatingAgencyId',
  'reportSymbol',
  'reportSigner',
  'recipients',
  'urgingSymbol',
  'urgingSigner',
];
const MAX_RECIPIENTS = 30;

/** What the documents print when a box is left empty; null where the page cannot know it. */
function defaultsOf(view: TenantSettingsView) {
  const s = view.settings;
  const r = view.resolved;
  const text = (stored: string, resolved: string) => (stored.trim() ? null : resolved);
  return {
    authorityName: text(s.authorityName, r.authorityName),
    place: text(s.place, r.place),
    reportSymbol: text(s.reportSymbol, r.reportSymbol),
    urgingSymbol: text(s.urgingSymbol, r.urgingSymbol),
    reportSigner: isBlankSigner(s.reportSigner) ? r.reportSigner : null,
    urgingSigner: isBlankSigner(s.urgingSigner) ? r.urgingSigner : null,
    recipients: s.recipients.length ? null : r.recipients,
    /** undefined: an agency is saved, so the derived one is not known. */
    agency: s.consolidatingAgencyId ? undefined : r.consolidatingAgency,
  };
}

/** One recipient a line, without the "- " and the ";" the document adds. */
const recipientLines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) =>
      l
        .trim()
        .replace(/^[-–•+]\s*/, '')
        .replace(/;$/, '')
        .trim(),
    )
    .filter(Boolean);

const trimSigner = (s: Partial<Signer> | undefined): Signer => ({
  authority: s?.authority?.trim() ?? '',
  deputy: s?.deputy?.trim() ?? '',
  position: s?.position?.trim() ?? '',
  name: s?.name?.trim() ?? '',
});

/** The default titles (when known) over the name typed, as the server resolves a signer. */
const withName = <T extends Signer | null>(defaults: T, typed: Partial<Signer> | undefined) =>
  defaults && typed?.name?.trim() ? { ...defaults, name: typed.name.trim() } : defaults;

function initialValues(view: TenantSettingsView): Values {
  const s = view.settings;
  return {
    authorityName: s.authorityName,
    place: s.place,
    consolidatingAgencyId: s.consolidatingAgencyId,
    reportSymbol: s.reportSymbol,
    reportSigner: s.reportSigner,
    recipients: s.recipients.join('\n'),
    urgingSymbol: s.urgingSymbol,
    urgingSigner: s.urgingSigner,
  };
}

/** 'STC-2' (a successor's numbered code) → 'STC', as the server makes symbols of codes. */
const symbolCode = (code: string) => code.replace(/-\d+$/, '');

export function SettingsForm({
  view,
  onSaved,
  onReload,
}: {
  /** The settings the form was opened on (its version goes with the save). */
  view: TenantSettingsView;
  onSaved: (view: TenantSettingsView) => void;
  onReload: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const save = useSaveTenantSettings();
  const [problems, setProblems] = useState<string[]>([]);
  const [picked, setPicked] = useState<AgencyRef | null>(null);
  const canEdit = view.abilities.update;
  const defaults = useMemo(() => defaultsOf(view), [view]);
  const initial = useMemo(() => initialValues(view), [view]);
  const savedAgency = view.settings.consolidatingAgencyId
    ? view.resolved.consolidatingAgency
    : null;
  const watched = Form.useWatch((v: Values) => v, form) ?? initial;

  // The agency the documents will name: the one chosen on the form, else the derived one.
  const agencyId = watched.consolidatingAgencyId ?? null;
  const agency: AgencyRef | null | undefined = agencyId
    ? ([picked, savedAgency].find((a) => a?.id === agencyId) ?? undefined)
    : defaults.agency;
  const or = (typed: string | undefined, fallback: string | null) =>
    typed?.trim() ? typed.trim() : fallback;
  const authorityName = or(watched.authorityName, defaults.authorityName);
  const urgingDefault =
    agencyId === view.settings.consolidatingAgencyId
      ? defaults.urgingSymbol
      : agency
        ? `${symbolCode(agency.code)}-KH`
        : agency === null
          ? ''
          : null;
  const lines = recipientLines(watched.recipients);
  const preview: PreviewValues = {
    authorityName,
    authorityShortName:
      authorityName?.replace(/^(Ủy ban nhân dân|Uỷ ban nhân dân)/iu, 'UBND') ?? null,
    place: or(watched.place, defaults.place),
    agencyName: agency?.name ?? null,
    reportSymbol: or(watched.reportSymbol, defaults.reportSymbol),
    urgingSymbol: or(watched.urgingSymbol, urgingDefault),
    reportSigner: isBlankSigner(watched.reportSigner)
      ? withName(defaults.reportSigner, watched.reportSigner)
      : trimSigner(watched.reportSigner),
    urgingSigner: isBlankSigner(watched.urgingSigner)
      ? withName(defaults.urgingSigner, watched.urgingSigner)
      : trimSigner(watched.urgingSigner),
    recipients: lines.length ? lines : defaults.recipients,
    draftingUnit: agency ? symbolCode(agency.code) : null,
  };

  const hint = (fallback: string | null, otherwise: string) =>
    fallback ? `Mặc định: ${fallback}` : otherwise;

  const submit = (v: Values) => {
    setProblems([]);
    const body: TenantSettingsUpdate = {
      version: view.version,
      authorityName: v.authorityName?.trim() ?? '',
      place: v.place?.trim() ?? '',
      consolidatingAgencyId: v.consolidatingAgencyId ?? null,
      reportSymbol: v.reportSymbol?.trim() ?? '',
      reportSigner: trimSigner(v.reportSigner),
      recipients: recipientLines(v.recipients),
      urgingSymbol: v.urgingSymbol?.trim() ?? '',
      urgingSigner: trimSigner(v.urgingSigner),
    };
    save.mutate(body, {
      onSuccess: (saved) => {
        void message.success('Đã lưu cài đặt của tỉnh.');
        onSaved(saved);
      },
      onError: (error) => {
        const { fields, rest } = fieldErrors(error, FIELDS);
        form.setFields(fields as Parameters<typeof form.setFields>[0]);
        setProblems(rest);
      },
    });
  };

  const stale = save.error instanceof ApiError && save.error.code === 'stale_version';

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initial}
      disabled={!canEdit}
      onFinish={submit}
      onFinishFailed={() =>
        void message.error('Có giá trị chưa hợp lệ: hãy sửa các ô được đánh dấu đỏ.')
      }
      scrollToFirstError
      data-testid="settings-form"
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Card title="Cơ quan ban hành" size="small">
              <Form.Item
                name="authorityName"
                label="Tên cơ quan ban hành (dòng đầu quốc hiệu)"
                extra={`In ở góc trái, trên số và ký hiệu của báo cáo tổng hợp. ${hint(
                  defaults.authorityName,
                  'Để trống để dùng tên suy ra từ tên tỉnh (Ủy ban nhân dân tỉnh …).',
                )}`}
              >
                <Input
                  placeholder={defaults.authorityName ?? 'Ủy ban nhân dân tỉnh …'}
                  maxLength={200}
                  data-testid="settings-authority-name"
                />
              </Form.Item>
              <Form.Item
                name="place"
                label="Địa danh (dòng ngày tháng)"
                extra={`In trước ngày tháng: "${preview.place ?? '…'}, ngày … tháng … năm …". ${hint(
                  defaults.place,
                  'Để trống để dùng tên tỉnh làm địa danh.',
                )}`}
              >
                <Input
                  placeholder={defaults.place ?? 'Tên tỉnh'}
                  maxLength={100}
                  data-testid="settings-place"
                />
              </Form.Item>
              <Form.Item
                name="consolidatingAgencyId"
                label="Cơ quan tổng hợp"
                extra={`Cơ quan giúp UBND tỉnh theo dõi, tổng hợp (thường là Sở Tài chính): ký công văn đôn đốc, có ký hiệu trên dòng “Lưu” của báo cáo.${
                  canEdit ? ' Chọn trong danh mục cơ quan.' : ''
                }`}
              >
                <ConsolidatingAgencyField
                  saved={savedAgency}
                  derived={defaults.agency}
                  onPicked={setPicked}
                  disabled={!canEdit}
                />
              </Form.Item>
            </Card>

            <Card title="Báo cáo tổng hợp của UBND tỉnh" size="small">
              <Form.Item
                name="reportSymbol"
                label="Ký hiệu văn bản"
                extra={`In sau số: "Số: …/${preview.reportSymbol ?? '…'}". ${hint(
                  defaults.reportSymbol,
                  'Để trống để dùng ký hiệu mặc định.',
                )}`}
              >
                <Input
                  placeholder={defaults.reportSymbol ?? 'Ví dụ: BC-UBND'}
                  maxLength={40}
                  style={{ maxWidth: 240 }}
                  data-testid="settings-report-symbol"
                />
              </Form.Item>
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                Chức danh người ký
              </Typography.Title>
              <SignerFields
                name="reportSigner"
                form={form}
                defaults={defaults.reportSigner}
                disabled={!canEdit}
                testId="settings-report-signer"
              />
              <Form.Item
                name="recipients"
                label="Nơi nhận"
                extra={`Mỗi dòng một nơi nhận, không cần gạch đầu dòng; dòng “Lưu: VT, …” được thêm tự động. ${
                  defaults.recipients
                    ? 'Để trống: dùng danh sách mặc định (hiện mờ trong ô).'
                    : 'Để trống để dùng danh sách mặc định.'
                }`}
                rules={[
                  {
                    validator: (_, text: string | undefined) => {
                      const list = recipientLines(text);
                      if (list.length > MAX_RECIPIENTS)
                        return Promise.reject(new Error(`Tối đa ${MAX_RECIPIENTS} nơi nhận.`));
                      const long = list.findIndex((l) => l.length > 200);
                      if (long >= 0)
                        return Promise.reject(
                          new Error(`Nơi nhận thứ ${long + 1} quá dài (tối đa 200 ký tự).`),
                        );
                      if (list.some((l) => /^lưu\s*:/iu.test(l)))
                        return Promise.reject(
                          new Error('Bỏ dòng “Lưu: …”: dòng này được thêm tự động.'),
                        );
                      return Promise.resolve();
                    },
                  },
                ]}
              >
                <Input.TextArea
                  autoSize={{ minRows: 4, maxRows: 14 }}
                  placeholder={defaults.recipients?.join('\n') ?? 'Mỗi dòng một nơi nhận'}
                  data-testid="settings-recipients"
                />
              </Form.Item>
            </Card>

            <Card title="Công văn đôn đốc của cơ quan tổng hợp" size="small">
              <Form.Item
                name="urgingSymbol"
                label="Ký hiệu văn bản"
                extra={
                  urgingDefault
                    ? `Mặc định: ${urgingDefault} (mã của cơ quan tổng hợp và “-KH”).`
                    : 'Để trống để dùng mã của cơ quan tổng hợp và “-KH”.'
                }
              >
                <Input
                  placeholder={urgingDefault || 'Ví dụ: STC-KH'}
                  maxLength={40}
                  style={{ maxWidth: 240 }}
                  data-testid="settings-urging-symbol"
                />
              </Form.Item>
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                Chức danh người ký
              </Typography.Title>
              <SignerFields
                name="urgingSigner"
                form={form}
                defaults={defaults.urgingSigner}
                disabled={!canEdit}
                testId="settings-urging-signer"
              />
            </Card>

            {canEdit && (
              <Card size="small">
                {stale ? (
                  <Alert
                    type="warning"
                    showIcon
                    title={settingsMessage(save.error)}
                    description="Tải lại sẽ bỏ các thay đổi chưa lưu trên trang này."
                    action={
                      <Button size="small" onClick={onReload}>
                        Tải lại
                      </Button>
                    }
                    style={{ marginBottom: 12 }}
                    data-testid="settings-stale"
                  />
                ) : save.isError ? (
                  <Alert
                    type="error"
                    showIcon
                    title={settingsMessage(save.error)}
                    description={
                      problems.length ? (
                        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                          {problems.map((p) => (
                            <li key={p}>{p}</li>
                          ))}
                        </ul>
                      ) : undefined
                    }
                    style={{ marginBottom: 12 }}
                    data-testid="settings-error"
                  />
                ) : null}
                <Flex gap={8} justify="flex-end" wrap>
                  <Button
                    onClick={() => {
                      form.resetFields();
                      setPicked(null);
                      setProblems([]);
                      save.reset();
                    }}
                    data-testid="settings-reset"
                  >
                    Hoàn tác thay đổi
                  </Button>
                  <Button
                    type="primary"
                    htmlType="submit"
                    loading={save.isPending}
                    disabled={stale}
                    data-testid="settings-save"
                  >
                    Lưu cài đặt
                  </Button>
                </Flex>
              </Card>
            )}
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Card
            title="Văn bản sẽ in"
            size="small"
            style={{ position: 'sticky', top: 56 }}
            data-testid="settings-preview-card"
          >
            <DocumentPreview v={preview} />
          </Card>
        </Col>
      </Row>
    </Form>
  );
}
