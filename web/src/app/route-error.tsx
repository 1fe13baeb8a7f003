// What a page shows when it fails to render instead of React Router's developer screen. A page
// open across a new version of the app asks for a page file that no longer exists (its name
// carries the old build's hash): that is not a fault of the person, so the page reloads once,
// fetching the new version; if it fails again, or for any other error, a message in Vietnamese
// with a button to reload.
import { WarningFilled } from '@ant-design/icons';
import { Button, Flex, Typography, theme } from 'antd';
import { useEffect } from 'react';
import { useRouteError } from 'react-router';

const RELOADED = 'tiendo:reloaded-after-new-version';

/** A failure to load a page's code (a new version was deployed since this page was opened). */
export function isStaleBuild(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error ?? '');
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported module/i.test(
    message,
  );
}

export function RouteError() {
  const error = useRouteError();
  const { token } = theme.useToken();
  const stale = isStaleBuild(error);
  // Reloaded for this reason in the last minute: the new version does not load either.
  const reloadedOnce = Number(sessionStorage.getItem(RELOADED) ?? 0) > Date.now() - 60_000;

  useEffect(() => {
    if (error) console.error('page failed to render', error);
    if (stale && !reloadedOnce) {
      sessionStorage.setItem(RELOADED, String(Date.now()));
      window.location.reload();
    }
  }, [error, stale, reloadedOnce]);

  if (stale && !reloadedOnce) return null;
  // Drawn with the layout's components, not antd's Result (its illustrations would weigh on every
  // first load): this must show even when a page's code cannot be loaded.
  return (
    <Flex
      vertical
      align="center"
      gap={16}
      style={{ padding: '48px 32px', textAlign: 'center' }}
      data-testid="route-error"
    >
      <WarningFilled style={{ fontSize: 72, color: token.colorWarning }} />
      <Typography.Title level={3} style={{ margin: 0 }}>
        {stale ? 'Ứng dụng vừa được cập nhật' : 'Trang gặp lỗi khi hiển thị'}
      </Typography.Title>
      <Typography.Text type="secondary">
        {stale
          ? 'Hãy tải lại trang để dùng phiên bản mới.'
          : 'Hãy tải lại trang. Nếu lỗi vẫn còn, hãy báo cho quản trị hệ thống.'}
      </Typography.Text>
      <Button
        type="primary"
        onClick={() => {
          sessionStorage.removeItem(RELOADED);
          window.location.reload();
        }}
        data-testid="route-error-reload"
      >
        Tải lại trang
      </Button>
    </Flex>
  );
}
