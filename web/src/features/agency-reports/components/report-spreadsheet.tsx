// The Excel round trip of a report: download the agency's template, fill it offline, upload it.
// The server takes the whole file or nothing; a refused file lists every problem with its sheet,
// cell and reason, shown here as is.
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { AgencyReportView } from '@features/agency-reports/schema';
import { Alert, Button, Card, Flex, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../app/api';
import { templateUrl, useUploadReport } from '../hooks/use-agency-report';
import { reportMessage } from '../messages';

const MAX_BYTES = 10 * 1024 * 1024;

export function ReportSpreadsheet({ report }: { report: AgencyReportView }) {
  const upload = useUploadReport(report.period.id, report.agency.id);
  const [local, setLocal] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const issues =
    upload.error instanceof ApiError ? upload.error.issues.map((i, key) => ({ ...i, key })) : [];

  const send = (file: File) => {
    setLocal(null);
    setDone(null);
    upload.reset();
    if (!file.name.toLowerCase().endsWith('.xlsx'))
      return setLocal(`Tệp “${file.name}” không phải tệp Excel .xlsx.`);
    if (file.size > MAX_BYTES) return setLocal(`Tệp “${file.name}” quá lớn (tối đa 10 MB).`);
    upload.mutate(file, { onSuccess: () => setDone(`Đã nạp “${file.name}” thành bản nháp.`) });
  };

  return (
    <Card title="Báo cáo bằng Excel" size="small" data-testid="report-spreadsheet">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          Tải mẫu của cơ quan cho kỳ này, điền vào các ô nền vàng rồi tải lên. Hệ thống kiểm tra
          từng ô; nếu có lỗi, không số liệu nào được lưu. Mẫu chỉ dùng cho phiên bản hiện tại của
          báo cáo: nếu báo cáo được lưu sau khi tải mẫu, hãy tải mẫu mới.
        </Typography.Text>
        <Flex gap={8} wrap>
          <Button
            icon={<DownloadOutlined />}
            href={templateUrl(report.period.id, report.agency.id)}
            download
            data-testid="report-template"
          >
            Tải mẫu Excel
          </Button>
          <Upload
            accept=".xlsx"
            multiple={false}
            showUploadList={false}
            disabled={upload.isPending}
            beforeUpload={(file) => {
              send(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button
              icon={<UploadOutlined />}
              loading={upload.isPending}
              data-testid="report-upload"
            >
              Tải lên tệp đã điền
            </Button>
          </Upload>
        </Flex>
        {local && <Alert type="error" showIcon title={local} />}
        {done && <Alert type="success" showIcon title={done} data-testid="report-upload-done" />}
        {upload.isError && (
          <Alert
            type="error"
            showIcon
            data-testid="report-upload-error"
            title={reportMessage(upload.error)}
            description={issues.length > 1 ? `${issues.length} lỗi.` : undefined}
          />
        )}
        {issues.length > 0 && (
          <Table
            size="small"
            rowKey="key"
            dataSource={issues}
            pagination={issues.length > 20 ? { pageSize: 20 } : false}
            data-testid="report-upload-issues"
            columns={[
              {
                title: 'Vị trí (trang!ô)',
                dataIndex: 'field',
                width: 170,
                render: (f: string) => (
                  <Typography.Text code>{f === 'file' ? 'Tệp' : f}</Typography.Text>
                ),
              },
              { title: 'Lỗi', dataIndex: 'message' },
            ]}
          />
        )}
      </Flex>
    </Card>
  );
}
