// The evidence (minh chứng) field of a report form — task progress, a target's actual, a project's
// monthly update: files checked as they are chosen (type, size), at most MAX_EVIDENCE_FILES, sent
// with the form as the form's `evidence` value.
import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Form, Upload, type UploadFile } from 'antd';
import { EVIDENCE_ACCEPT, evidenceProblem, MAX_EVIDENCE_FILES } from '../evidence';

export function EvidenceField({ testId }: { testId: string }) {
  const { message } = App.useApp();
  return (
    <Form.Item
      name="evidence"
      label="Minh chứng"
      valuePropName="fileList"
      getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
      extra={`PDF, Word, Excel, ảnh JPG/PNG, ZIP; tối đa 20 MB mỗi tệp, ${MAX_EVIDENCE_FILES} tệp mỗi lần.`}
      rules={[
        {
          validator: (_, files: UploadFile[] | undefined) =>
            (files?.length ?? 0) > MAX_EVIDENCE_FILES
              ? Promise.reject(new Error(`Tối đa ${MAX_EVIDENCE_FILES} tệp minh chứng mỗi lần`))
              : Promise.resolve(),
        },
      ]}
    >
      <Upload
        multiple
        accept={EVIDENCE_ACCEPT}
        beforeUpload={(file) => {
          const problem = evidenceProblem(file);
          if (problem) {
            void message.error(problem);
            return Upload.LIST_IGNORE;
          }
          return false;
        }}
        data-testid={testId}
      >
        <Button icon={<UploadOutlined />}>Chọn tệp</Button>
      </Upload>
    </Form.Item>
  );
}
