// Fields shared by creating and changing an account: name, e-mail, role, agency.
import { Form, Input, Select } from 'antd';
import { ROLE_LABELS, ROLE_ORDER, type Role } from '../../auth/labels';
import { AgencyPicker } from './agency-picker';

export const roleOptions = ROLE_ORDER.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** Every role works for an agency except the administrator's. */
export const needsAgency = (role: Role | undefined) => role !== 'administrator';

type Props = {
  role: Role | undefined;
  currentAgency?: { id: string; name: string } | null;
};

export function UserFields({ role, currentAgency }: Props) {
  return (
    <>
      <Form.Item
        label="Họ và tên"
        name="displayName"
        rules={[
          { required: true, whitespace: true, message: 'Hãy nhập họ và tên.' },
          { max: 200, message: 'Họ và tên dài quá 200 ký tự.' },
        ]}
      >
        <Input autoComplete="off" data-testid="user-display-name" />
      </Form.Item>
      <Form.Item
        label="Thư điện tử"
        name="email"
        rules={[
          { type: 'email', message: 'Địa chỉ thư điện tử không hợp lệ.' },
          { max: 200, message: 'Địa chỉ thư điện tử dài quá 200 ký tự.' },
        ]}
        extra="Để nhận thông báo; có thể bỏ trống."
      >
        <Input autoComplete="off" inputMode="email" data-testid="user-email" />
      </Form.Item>
      <Form.Item
        label="Vai trò"
        name="role"
        rules={[{ required: true, message: 'Hãy chọn vai trò.' }]}
      >
        <Select options={roleOptions} data-testid="user-role-select" />
      </Form.Item>
      <Form.Item
        label="Cơ quan"
        name="agencyId"
        dependencies={['role']}
        rules={[
          {
            required: needsAgency(role),
            message: 'Vai trò này cần gắn với một cơ quan.',
          },
        ]}
        extra={needsAgency(role) ? undefined : 'Quản trị hệ thống không bắt buộc gắn với cơ quan.'}
      >
        <AgencyPicker current={currentAgency ?? null} />
      </Form.Item>
    </>
  );
}
