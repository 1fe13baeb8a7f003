// The bell in the header: the number of unread notifications, and on click the latest ones.
// Opening one marks it read and goes where it leads; all can be marked read at once.
import { BellOutlined } from '@ant-design/icons';
import type { Notification } from '@features/notifications/schema';
import { Badge, Button, Empty, Flex, Popover, Spin, Tooltip, Typography, theme } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../app/api';
import { formatDateTime } from '../../../app/format';
import { useMarkAllRead, useMarkRead, useNotifications } from '../hooks/use-notifications';
import { notificationTarget, notificationTime } from '../links';

function NotificationItem({
  notification,
  onOpen,
}: {
  notification: Notification;
  onOpen: (n: Notification) => void;
}) {
  const { token } = theme.useToken();
  const [hover, setHover] = useState(false);
  const unread = notification.readAt === null;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a block with a title and text, not a plain button
    <div
      role="button"
      tabIndex={0}
      onClick={() => onOpen(notification)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(notification);
        }
      }}
      onMouseEnter={() => setHover(true)}
      onMouseLeave={() => setHover(false)}
      data-testid="notification-item"
      data-unread={unread ? 'true' : 'false'}
      style={{
        display: 'flex',
        gap: 10,
        padding: '10px 12px',
        cursor: 'pointer',
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        background: hover ? token.colorFillTertiary : unread ? token.colorPrimaryBg : undefined,
      }}
    >
      <span
        aria-hidden
        style={{
          flex: 'none',
          width: 8,
          height: 8,
          marginTop: 7,
          borderRadius: '50%',
          background: unread ? token.colorPrimary : 'transparent',
        }}
      />
      <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Typography.Text strong={unread} style={{ lineHeight: 1.4 }}>
          {notification.title}
        </Typography.Text>
        {notification.body && (
          <Typography.Paragraph
            type="secondary"
            ellipsis={{ rows: 2 }}
            style={{ margin: 0, fontSize: 13 }}
          >
            {notification.body}
          </Typography.Paragraph>
        )}
        <Tooltip title={formatDateTime(notification.createdAt)}>
          <Typography.Text type="secondary" style={{ fontSize: 12, alignSelf: 'start' }}>
            {notificationTime(notification.createdAt)}
          </Typography.Text>
        </Tooltip>
      </Flex>
    </div>
  );
}

function NotificationPanel({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const items = notifications.data?.items ?? [];
  const unreadCount = notifications.data?.unreadCount ?? 0;

  const open = (n: Notification) => {
    if (n.readAt === null) markRead.mutate(n.id);
    const target = notificationTarget(n.link);
    if (target) {
      onClose();
      void navigate(target);
    }
  };

  return (
    <div style={{ width: 380, maxWidth: 'calc(100vw - 32px)' }} data-testid="notification-panel">
      <Flex
        justify="space-between"
        align="center"
        gap={8}
        style={{ padding: '8px 12px', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}
      >
        <Typography.Text strong>Thông báo</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={unreadCount === 0}
          loading={markAllRead.isPending}
          onClick={() => markAllRead.mutate()}
          data-testid="notification-read-all"
          style={{ paddingInline: 0 }}
        >
          Đánh dấu tất cả đã đọc
        </Button>
      </Flex>
      <div style={{ maxHeight: 440, overflowY: 'auto' }}>
        {notifications.isPending ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        ) : notifications.isError && items.length === 0 ? (
          <Typography.Paragraph type="danger" style={{ padding: 12, margin: 0 }}>
            {errorMessage(notifications.error)}
          </Typography.Paragraph>
        ) : items.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description="Chưa có thông báo"
            style={{ padding: '16px 0' }}
            data-testid="notification-empty"
          />
        ) : (
          items.map((n) => <NotificationItem key={n.id} notification={n} onOpen={open} />)
        )}
      </div>
    </div>
  );
}

export function NotificationBell() {
  const notifications = useNotifications();
  const [open, setOpen] = useState(false);
  const unreadCount = notifications.data?.unreadCount ?? 0;
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void notifications.refetch();
      }}
      content={<NotificationPanel onClose={() => setOpen(false)} />}
      styles={{ container: { padding: 0 } }}
      arrow={false}
    >
      <Badge count={unreadCount} size="small" overflowCount={99} offset={[-4, 4]}>
        <Button
          type="text"
          shape="circle"
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          aria-label={
            unreadCount > 0 ? `Thông báo: ${unreadCount} chưa đọc` : 'Thông báo: không có mới'
          }
          data-testid="notification-bell"
        />
      </Badge>
    </Popover>
  );
}
