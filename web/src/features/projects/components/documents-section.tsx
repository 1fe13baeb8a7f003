// The project's own documents (decisions, drawings, reports): a list to download, and for the
// consolidator and the owner agency's staff, files to add (the same rules as evidence files).
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { ProjectDetail } from '@features/projects/schema';
import { Alert, App, Button, Flex, List, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../../app/format';
import { EVIDENCE_ACCEPT, evidenceProblem, MAX_EVIDENCE_FILES } from '../../tasks/evidence';
import { useAddDocuments } from '../hooks/use-project-mutations';
import { projectMessage } from '../messages';
import { ProjectSection } from './project-section';

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export function DocumentsSection({ project }: { project: ProjectDetail }) {
  const { message } = App.useApp();
  const add = useAddDocuments(project.id);
  const [files, setFiles] = useState<UploadFile[]>([]);

  const send = () => {
    add.mutate(
      {
        version: project.version,
        files: files.flatMap((f) => (f.originFileObj ? [f.originFileObj] : [])),
      },
      {
        onSuccess: () => {
          void message.success('Đã thêm tài liệu vào dự án.');
          setFiles([]);
        },
      },
    );
  };

  return (
    <ProjectSection title="Tài liệu dự án" testId="project-documents">
      {project.documents.length === 0 ? (
        <Typography.Text type="secondary">Chưa có tài liệu nào.</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={project.documents}
          renderItem={(d) => (
            <List.Item>
              <Flex gap={8} align="center" wrap>
                <PaperClipOutlined />
                <a href={d.url} data-testid="project-document-link">
                  {d.fileName}
                </a>
                <Typography.Text type="secondary">
                  {size(d.size)} · {formatDateTime(d.createdAt)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {project.abilities.addDocuments && (
        <Flex vertical gap={8} style={{ marginTop: 16 }}>
          <Upload
            multiple
            accept={EVIDENCE_ACCEPT}
            fileList={files}
            onChange={({ fileList }) => setFiles(fileList.slice(0, MAX_EVIDENCE_FILES))}
            beforeUpload={(file) => {
              const problem = evidenceProblem(file);
              if (problem) {
                void message.error(problem);
                return Upload.LIST_IGNORE;
              }
              return false;
            }}
            data-testid="project-document-files"
          >
            <Button icon={<UploadOutlined />}>Chọn tệp</Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            PDF, Word, Excel, ảnh JPG/PNG, ZIP; tối đa 20 MB mỗi tệp, {MAX_EVIDENCE_FILES} tệp mỗi
            lần.
          </Typography.Text>
          {add.isError && <Alert type="error" showIcon title={projectMessage(add.error)} />}
          <div>
            <Button
              type="primary"
              disabled={files.length === 0}
              loading={add.isPending}
              onClick={send}
              data-testid="project-document-submit"
            >
              Thêm tài liệu
            </Button>
          </div>
        </Flex>
      )}
    </ProjectSection>
  );
}
