import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

export function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="Không tìm thấy trang"
      subTitle="Địa chỉ này không tồn tại. Vui lòng kiểm tra lại đường dẫn."
      extra={
        <Button type="primary" onClick={() => navigate('/ke-hoach')}>
          Về danh sách kế hoạch
        </Button>
      }
      data-testid="not-found-page"
    />
  );
}
