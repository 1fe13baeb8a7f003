// Shown on every page to a demo account, so nobody mistakes the demo database for the real one.
import { Alert } from 'antd';

export function DemoBanner() {
  return (
    <Alert
      banner
      type="warning"
      title="Đây là cơ sở dữ liệu dùng thử với các tài khoản mẫu: không nhập dữ liệu thật."
      data-testid="demo-banner"
    />
  );
}
