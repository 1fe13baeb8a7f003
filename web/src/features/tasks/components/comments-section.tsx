// "Ý kiến chỉ đạo và trao đổi": the provincial leadership's directions, set apart in red, then the
// discussion between agencies. "@tên đăng nhập" mentions someone (they are notified).
import type { CommentView, TaskDetail } from '@features/tasks/schema';
import { Alert, App, Button, Flex, Form, Mentions, Radio, Typography, theme } from 'antd';
import { Fragment, useState } from 'react';
import { formatDateTime } from '../../../app/format';
import { useDebouncedValue } from '../../../app/use-debounced-value';
import { useUserDirectory } from '../hooks/use-lookups';
import { useAddComment } from '../hooks/use-task-mutations';
import { taskMessage } from '../messages';
import { TaskSection } from './task-section';

const MENTION = /(@[\p{L}\p{N}._-]+)/u;

/** The body with its mentions marked (a trailing full stop is not part of a user name). */
function Body({ comment }: { comment: CommentView }) {
  const { token } = theme.useToken();
  const mentioned = new Set(comment.mentions.map((m) => m.toLowerCase()));
  const parts = comment.body.split(MENTION);
  return (
    <Typography.Paragraph style={{ whiteSpace: 'pre-line', margin: '4px 0 0' }}>
      {parts.map((part, i) => {
        const name = part.startsWith('@') ? part.slice(1).replace(/[.]+$/, '') : null;
        if (name && mentioned.has(name.toLowerCase())) {
          const rest = part.slice(name.length + 1);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts of one text, in order
            <Fragment key={i}>
              <span style={{ color: token.colorPrimary, fontWeight: 500 }} data-testid="mention">
                {`@${name}`}
              </span>
              {rest}
            </Fragment>
          );
        }
        // biome-ignore lint/suspicious/noArrayIndexKey: parts of one text, in order
        return <Fragment key={i}>{part}</Fragment>;
      })}
    </Typography.Paragraph>
  );
}

function Author({ comment }: { comment: CommentView }) {
  const { author } = comment;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      <Typography.Text strong style={{ fontSize: 12 }}>
        {author.displayName}
      </Typography.Text>
      {author.agency && ` – ${author.agency.name}`}
      {` · ${formatDateTime(comment.createdAt)}`}
    </Typography.Text>
  );
}

function Direction({ comment }: { comment: CommentView }) {
  const { token } = theme.useToken();
  return (
    <div
      data-testid="direction-item"
      style={{
        border: `1px solid ${token.colorError}`,
        borderLeftWidth: 4,
        borderRadius: token.borderRadiusLG,
        background: token.colorErrorBg,
        padding: '10px 14px',
      }}
    >
      <Flex gap={8} wrap align="baseline">
        <Typography.Text strong style={{ color: token.colorError }}>
          Ý kiến chỉ đạo
        </Typography.Text>
        <Author comment={comment} />
      </Flex>
      <Body comment={comment} />
    </div>
  );
}

function Comment({ comment }: { comment: CommentView }) {
  const { token } = theme.useToken();
  return (
    <div
      data-testid="comment-item"
      style={{ borderBottom: `1px solid ${token.colorBorderSecondary}`, paddingBlock: 8 }}
    >
      <Author comment={comment} />
      <Body comment={comment} />
    </div>
  );
}

type Kind = CommentView['kind'];
type Values = { kind: Kind; body: string };

function CommentForm({ task }: { task: TaskDetail }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const add = useAddComment(task.id);
  const [search, setSearch] = useState<string | null>(null);
  const debounced = useDebouncedValue(search ?? '', 200);
  const directory = useUserDirectory(debounced, search !== null);
  const kind = Form.useWatch('kind', form) ?? 'comment';
  const options = (directory.data?.items ?? []).map((u) => ({
    key: u.username,
    value: u.username,
    label: (
      <span>
        {u.displayName}
        <Typography.Text type="secondary">
          {` @${u.username}${u.agency ? ` – ${u.agency.name}` : ''}`}
        </Typography.Text>
      </span>
    ),
  }));
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      data-testid="comment-form"
      initialValues={{ kind: task.abilities.direct ? 'direction' : 'comment', body: '' }}
      disabled={add.isPending}
      onFinish={(v) =>
        add.mutate(
          { kind: task.abilities.direct ? v.kind : 'comment', body: v.body.trim() },
          {
            onSuccess: () => {
              form.resetFields(['body']);
              void message.success(
                v.kind === 'direction' ? 'Đã gửi ý kiến chỉ đạo.' : 'Đã gửi ý kiến.',
              );
            },
          },
        )
      }
      style={{ marginTop: 12 }}
    >
      {task.abilities.direct && (
        <Form.Item name="kind" style={{ marginBottom: 8 }}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'direction', label: 'Ý kiến chỉ đạo' },
              { value: 'comment', label: 'Trao đổi' },
            ]}
            data-testid="comment-kind"
          />
        </Form.Item>
      )}
      <Form.Item
        name="body"
        rules={[{ required: true, whitespace: true, message: 'Cần nhập nội dung' }]}
        extra="Gõ @ để nhắc đến một người (người đó sẽ nhận được thông báo)."
      >
        <Mentions
          rows={3}
          maxLength={10_000}
          placeholder={kind === 'direction' ? 'Nội dung chỉ đạo…' : 'Nội dung trao đổi…'}
          options={options}
          loading={directory.isFetching}
          filterOption={false}
          onSearch={(text) => setSearch(text)}
          notFoundContent={directory.isFetching ? 'Đang tìm…' : 'Không tìm thấy người dùng'}
          data-testid="comment-body"
        />
      </Form.Item>
      {add.isError && (
        <Alert type="error" showIcon title={taskMessage(add.error)} style={{ marginBottom: 12 }} />
      )}
      <Flex justify="flex-end">
        <Button
          type="primary"
          htmlType="submit"
          danger={kind === 'direction' && task.abilities.direct}
          loading={add.isPending}
          data-testid="comment-submit"
        >
          {kind === 'direction' && task.abilities.direct ? 'Gửi ý kiến chỉ đạo' : 'Gửi'}
        </Button>
      </Flex>
    </Form>
  );
}

export function CommentsSection({ task }: { task: TaskDetail }) {
  const directions = task.comments
    .filter((c) => c.kind === 'direction')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const comments = task.comments
    .filter((c) => c.kind === 'comment')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return (
    <TaskSection title="Ý kiến chỉ đạo và trao đổi" testId="comments-section">
      {directions.length > 0 && (
        <Flex vertical gap={8} style={{ marginBottom: 12 }}>
          {directions.map((c) => (
            <Direction key={c.id} comment={c} />
          ))}
        </Flex>
      )}
      {comments.length > 0 ? (
        <div>
          {comments.map((c) => (
            <Comment key={c.id} comment={c} />
          ))}
        </div>
      ) : (
        directions.length === 0 && (
          <Typography.Text type="secondary">Chưa có ý kiến nào.</Typography.Text>
        )
      )}
      {task.abilities.comment && <CommentForm task={task} />}
    </TaskSection>
  );
}
