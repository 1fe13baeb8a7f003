// Cài đặt của tỉnh (/quan-tri/cai-dat): what the province's documents say of it — the authority,
// the place, the consolidating department, who signs, the symbols, the recipients. The
// administrator changes them; the consolidating department and leadership read them.
import type { TenantSettingsView } from '@features/tenant-settings/schema';
import { Alert, Button, Flex, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { PageLoading, QueryError } from '../../../app/query-state';
import { SettingsForm } from '../components/settings-form';
import { useTenantSettings } from '../hooks/use-tenant-settings';

export function SettingsPage() {
  const query = useTenantSettings();
  // The settings the form was opened on: a later reload does not overwrite what is being edited.
  const [base, setBase] = useState<TenantSettingsView | null>(null);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    if (!base && query.data) setBase(query.data);
  }, [base, query.data]);

  const reload = () =>
    void query.refetch().then((r) => {
      if (r.data) setBase(r.data);
      setReloads((n) => n + 1);
    });

  const shown = base ?? query.data;
  if (!shown) {
    if (query.isError)
      return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
    return <PageLoading />;
  }
  const newer = query.data && query.data.version !== shown.version;

  return (
    <div data-testid="settings-page">
      <Flex vertical gap={4} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Cài đặt của tỉnh
        </Typography.Title>
        <Typography.Text type="secondary">
          {`${shown.province.name}: thông tin in trên báo cáo tổng hợp và công văn đôn đốc. Ô để trống dùng giá trị mặc định suy ra từ tỉnh, hiện mờ trong ô.`}
        </Typography.Text>
      </Flex>
      {!shown.abilities.update && (
        <Alert
          type="info"
          showIcon
          title="Bạn chỉ xem được các cài đặt này: chỉ quản trị hệ thống được thay đổi."
          style={{ marginBottom: 16 }}
          data-testid="settings-read-only"
        />
      )}
      {newer && (
        <Alert
          type="warning"
          showIcon
          title="Cài đặt vừa được thay đổi ở nơi khác."
          description="Tải lại để xem bản mới nhất (các thay đổi chưa lưu trên trang này sẽ mất)."
          action={
            <Button size="small" onClick={reload}>
              Tải lại
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <SettingsForm
        key={`${shown.version}-${reloads}`}
        view={shown}
        onSaved={setBase}
        onReload={reload}
      />
    </div>
  );
}
