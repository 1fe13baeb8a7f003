// The consolidator's capital spreadsheet: download the template of a month (every project with its
// capital plan by source for the year and the month's disbursement), fill it in, load it. The server
// takes all of it or nothing: a refused file lists every problem with its sheet, cell and reason.
import { DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import type { CapitalImportResult } from '@features/projects/schema';
import {
  Alert,
  Button,
  Flex,
  Modal,
  Select,
  Table,
  type TableColumnsType,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { ApiError, type ApiIssue } from '../../../app/api';
import { capitalTemplateUrl, useCapitalImport } from '../hooks/use-project-mutations';
import { projectMessage } from '../messages';
import { yearOptions } from './project-filters';

const MAX_BYTES = 10 * 1024 * 1024;

const monthOptions = Array.from({ length: 12 }, (_, i) => ({
  value: i + 1,
  label: `Tháng ${i + 1}`,
}));

const issueColumns: TableColumnsType<ApiIssue & { key: number }> = [
  {
    title: 'Vị trí (trang!ô)',
    dataIndex: 'field',
    width: 170,
    render: (field: string) => <Typography.Text code>{field || '—'}</Typography.Text>,
  },
  { title: 'Lỗi', dataIndex: 'message' },
];

function Result({ result }: { result: CapitalImportResult }) {
  return (
    <Alert
      type="success"
      showIcon
      data-testid="capital-import-result"
      title="Đã nạp tệp kế hoạch vốn / giải ngân."
      description={`Năm ${result.year}: ${result.capitalPlans} dòng kế hoạch vốn; tháng ${result.month}/${result.year}: ${result.disbursements} dòng giải ngân đã được ghi.`}
    />
  );
}

export function CapitalSpreadsheet() {
  const now = new Date();
  const [open, setOpen] = useState(false);
  const [year, setYear] = useState(now.getFullYear());
  const [month, setMonth] = useState(now.getMonth() + 1);
  const [fileName, setFileName] = useState<string | null>(null);
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  const load = useCapitalImport();
  const issues =
    load.error instanceof ApiError ? load.error.issues.map((i, key) => ({ ...i, key })) : [];

  const send = (file: File) => {
    setFileName(file.name);
    setLocalProblem(null);
    load.reset();
    if (!file.name.toLowerCase().endsWith('.xlsx')) {
      setLocalProblem(`Tệp "${file.name}" không phải tệp Excel .xlsx.`);
      return;
    }
    if (file.size > MAX_BYTES) {
      setLocalProblem(`Tệp "${file.name}" quá lớn (tối đa 10 MB).`);
      return;
    }
    load.mutate(file);
  };

  const close = () => {
    setOpen(false);
    setFileName(null);
    setLocalProblem(null);
    load.reset();
  };

  return (
    <>
      <Button icon={<FileExcelOutlined />} onClick={() => setOpen(true)} data-testid="capital-open">
        Kế hoạch vốn / giải ngân (Excel)
      </Button>
      <Modal
        open={open}
        title="Tải mẫu và nạp kế hoạch vốn / giải ngân"
        onCancel={close}
        footer={<Button onClick={close}>Đóng</Button>}
        width={760}
        destroyOnHidden
      >
        <Flex vertical gap={16} data-testid="capital-dialog">
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            Tải mẫu của tháng cần báo cáo: tệp có mọi dự án trọng điểm, kế hoạch vốn năm theo nguồn
            và số giải ngân của tháng. Điền số liệu (tỷ đồng), rồi tải tệp lên. Hệ thống kiểm tra
            từng ô: nếu có lỗi, không dữ liệu nào được ghi.
          </Typography.Paragraph>
          <Flex gap={12} wrap align="center">
            <Select<number>
              aria-label="Năm"
              value={year}
              onChange={setYear}
              options={yearOptions(year)}
              style={{ width: 130 }}
              data-testid="capital-year"
            />
            <Select<number>
              aria-label="Tháng"
              value={month}
              onChange={setMonth}
              options={monthOptions}
              style={{ width: 130 }}
              data-testid="capital-month"
            />
            <Button
              icon={<DownloadOutlined />}
              href={capitalTemplateUrl(year, month)}
              download
              data-testid="capital-template"
            >
              Tải mẫu kế hoạch vốn / giải ngân
            </Button>
          </Flex>
          <Upload.Dragger
            accept=".xlsx"
            multiple={false}
            showUploadList={false}
            disabled={load.isPending}
            beforeUpload={(file) => {
              send(file);
              return Upload.LIST_IGNORE;
            }}
            data-testid="capital-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">Bấm để chọn tệp hoặc kéo tệp Excel vào đây</p>
            <p className="ant-upload-hint">Tệp .xlsx theo mẫu, tối đa 10 MB</p>
          </Upload.Dragger>
          {fileName && (
            <Typography.Text type="secondary">
              {load.isPending ? `Đang kiểm tra và nạp "${fileName}"…` : `Tệp: ${fileName}`}
            </Typography.Text>
          )}
          {localProblem && <Alert type="error" showIcon title={localProblem} />}
          {load.data && <Result result={load.data} />}
          {load.isError && (
            <Alert
              type="error"
              showIcon
              data-testid="capital-import-error"
              title={projectMessage(load.error)}
              description={issues.length > 1 ? `${issues.length} lỗi.` : undefined}
            />
          )}
          {issues.length > 0 && (
            <Table
              size="small"
              columns={issueColumns}
              dataSource={issues}
              pagination={issues.length > 20 ? { pageSize: 20 } : false}
              data-testid="capital-import-issues"
            />
          )}
        </Flex>
      </Modal>
    </>
  );
}
