// The agency named in the address (?id=…), in a drawer over the registry.
import { Drawer, Grid, Skeleton } from 'antd';
import { QueryError } from '../../../app/query-state';
import { useAgency } from '../hooks/use-agencies';
import { AgencyDetail } from './agency-detail';

export function AgencyDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const agency = useAgency(id);
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title="Thông tin cơ quan, đơn vị"
      size={screens.md ? 640 : '100%'}
      destroyOnHidden
      data-testid="agency-drawer"
    >
      {agency.isPending && id !== null && <Skeleton active paragraph={{ rows: 6 }} />}
      {agency.isError && <QueryError error={agency.error} onRetry={() => void agency.refetch()} />}
      {agency.data && <AgencyDetail agency={agency.data} />}
    </Drawer>
  );
}
