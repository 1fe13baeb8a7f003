// Signing in (/dang-nhap): back to the page the user came from (?tiep=…) afterwards.
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { Link, Navigate, useSearchParams } from 'react-router';
import { PageLoading, QueryError } from '../../../app/query-state';
import { TenantSubtitle } from '../../tenants/components/tenant-subtitle';
import { currentLoginNotice, useLogin, useSession } from '../hooks/use-session';
import { signInErrorMessage } from '../labels';
import { RETURN_PARAM, safeReturnPath } from '../redirect';

type Fields = { username: string; password: string };

export function LoginPage() {
  const session = useSession();
  const login = useLogin();
  const [params] = useSearchParams();
  const { token } = theme.useToken();
  const target = safeReturnPath(params.get(RETURN_PARAM));
  const notice = currentLoginNotice();

  if (session.isPending) return <PageLoading />;
  // Signed in (just now, or already in another tab): on to the page the user wanted.
  if (session.data?.user) return <Navigate to={target} replace />;

  const onFinish = (fields: Fields) => login.mutate(fields);

  return (
    <Flex
      justify="center"
      align="center"
      style={{ minHeight: '100vh', padding: 16, background: token.colorBgLayout }}
      data-testid="login-page"
    >
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Flex vertical gap={4} style={{ marginBottom: 24, textAlign: 'center' }}>
          <Typography.Title level={2} style={{ margin: 0 }}>
            Tiến Độ
          </Typography.Title>
          <TenantSubtitle />
        </Flex>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          Đăng nhập
        </Typography.Title>
        {session.isError && (
          <div style={{ marginBottom: 16 }}>
            <QueryError error={session.error} onRetry={() => void session.refetch()} />
          </div>
        )}
        {notice && !login.isError && (
          <Alert
            type="info"
            showIcon
            title={notice}
            style={{ marginBottom: 16 }}
            data-testid="login-notice"
          />
        )}
        {login.isError && (
          <Alert
            type="error"
            showIcon
            title={signInErrorMessage(login.error)}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form<Fields>
          layout="vertical"
          requiredMark={false}
          onFinish={onFinish}
          onValuesChange={() => login.isError && login.reset()}
          disabled={login.isPending}
        >
          <Form.Item
            label="Tên đăng nhập"
            name="username"
            rules={[{ required: true, whitespace: true, message: 'Hãy nhập tên đăng nhập.' }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item
            label="Mật khẩu"
            name="password"
            rules={[{ required: true, message: 'Hãy nhập mật khẩu.' }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={login.isPending}
            data-testid="login-submit"
          >
            Đăng nhập
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
          <Link to="/cong-khai" data-testid="public-link">
            Xem thông tin công khai về tiến độ thực hiện kế hoạch
          </Link>
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}
