// "Nhập văn bản kế hoạch": pick or drop a .docx, .pdf, .txt or .md; it is sent with its progress
// shown, read by the server, and opened for review at /nhap/:id.
import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Modal, Progress, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { importKey } from '../hooks/use-imports';
import {
  ACCEPTED_EXTENSIONS,
  rejectBeforeUpload,
  type UploadTask,
  uploadErrorMessage,
  uploadImport,
} from '../upload';

type Phase =
  | { kind: 'idle' }
  | { kind: 'sending'; fileName: string; percent: number }
  | { kind: 'reading'; fileName: string }
  | { kind: 'failed'; fileName: string; message: string };

export function ImportUpload() {
  const [open, setOpen] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const current = useRef<UploadTask | null>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const busy = phase.kind === 'sending' || phase.kind === 'reading';

  // Leaving the page cancels an upload under way.
  useEffect(() => () => current.current?.abort(), []);

  const start = (file: File) => {
    const refused = rejectBeforeUpload(file);
    if (refused) {
      setPhase({ kind: 'failed', fileName: file.name, message: uploadErrorMessage(refused) });
      return;
    }
    setPhase({ kind: 'sending', fileName: file.name, percent: 0 });
    const task = uploadImport(file, {
      onProgress: (percent) => setPhase((p) => (p.kind === 'sending' ? { ...p, percent } : p)),
      onSent: () => setPhase({ kind: 'reading', fileName: file.name }),
    });
    current.current = task;
    task.promise.then(
      (draft) => {
        if (current.current !== task) return;
        current.current = null;
        queryClient.setQueryData(importKey(draft.id), draft);
        setOpen(false);
        setPhase({ kind: 'idle' });
        navigate(`/nhap/${draft.id}`);
      },
      (error: unknown) => {
        if (current.current !== task) return;
        current.current = null;
        setPhase({ kind: 'failed', fileName: file.name, message: uploadErrorMessage(error) });
      },
    );
  };

  const close = () => {
    const task = current.current;
    current.current = null;
    task?.abort();
    setOpen(false);
    setPhase({ kind: 'idle' });
  };

  return (
    <>
      <Button
        type="primary"
        icon={<UploadOutlined />}
        onClick={() => setOpen(true)}
        data-testid="import-upload"
      >
        Nhập văn bản kế hoạch
      </Button>
      <Modal
        open={open}
        title="Nhập văn bản kế hoạch"
        onCancel={close}
        mask={{ closable: !busy }}
        footer={
          <Button onClick={close} data-testid="import-cancel">
            {busy ? 'Hủy tải lên' : 'Đóng'}
          </Button>
        }
        destroyOnHidden
      >
        <Flex vertical gap={16} data-testid="import-dialog">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            Chọn tệp văn bản kế hoạch đã ban hành. Hệ thống đọc tệp, tách các nhiệm vụ, chỉ tiêu và
            dự án để bạn rà soát trước khi tạo kế hoạch.
          </Typography.Paragraph>
          <Upload.Dragger
            accept={ACCEPTED_EXTENSIONS.join(',')}
            multiple={false}
            maxCount={1}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file) => {
              start(file);
              return Upload.LIST_IGNORE;
            }}
            data-testid="import-dropzone"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">Bấm để chọn tệp hoặc kéo tệp vào đây</p>
            <p className="ant-upload-hint">
              Tệp .docx, .pdf (có lớp chữ), .txt, .md – tối đa 20 MB
            </p>
          </Upload.Dragger>
          {busy && (
            <div>
              <Typography.Text ellipsis style={{ display: 'block' }}>
                {phase.fileName}
              </Typography.Text>
              <Progress
                data-testid="import-progress"
                percent={phase.kind === 'sending' ? phase.percent : 100}
                status="active"
                showInfo={phase.kind === 'sending'}
              />
              <Typography.Text type="secondary" data-testid="import-phase">
                {phase.kind === 'sending' ? 'Đang tải tệp lên…' : 'Đang đọc văn bản…'}
              </Typography.Text>
            </div>
          )}
          {phase.kind === 'failed' && (
            <Alert
              type="error"
              showIcon
              data-testid="import-error"
              title={phase.message}
              description={`Tệp: ${phase.fileName}`}
            />
          )}
        </Flex>
      </Modal>
    </>
  );
}
