// The agency named in the address (?id=…), in a drawer over the registry; for those the server
// allows (abilities), editing it and ending it.
import { Button, Drawer, Flex, Grid, Skeleton } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../../app/query-state';
import { useAgency } from '../hooks/use-agencies';
import { AgencyDetail } from './agency-detail';
import { AgencyFormModal } from './agency-form-modal';
import { EndAgencyModal } from './end-agency-modal';

export function AgencyDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const agency = useAgency(id);
  const screens = Grid.useBreakpoint();
  const [dialog, setDialog] = useState<'edit' | 'end' | null>(null);
  const abilities = agency.data?.abilities;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title="Thông tin cơ quan, đơn vị"
      size={screens.md ? 640 : '100%'}
      destroyOnHidden
      data-testid="agency-drawer"
      extra={
        agency.data && (abilities?.update || abilities?.end) ? (
          <Flex gap={8}>
            {abilities.update && (
              <Button onClick={() => setDialog('edit')} data-testid="agency-edit">
                Sửa
              </Button>
            )}
            {abilities.end && (
              <Button danger onClick={() => setDialog('end')} data-testid="agency-end">
                Kết thúc hoạt động
              </Button>
            )}
          </Flex>
        ) : null
      }
    >
      {agency.isPending && id !== null && <Skeleton active paragraph={{ rows: 6 }} />}
      {agency.isError && <QueryError error={agency.error} onRetry={() => void agency.refetch()} />}
      {agency.data && <AgencyDetail agency={agency.data} />}
      {agency.data && dialog === 'edit' && (
        <AgencyFormModal agency={agency.data} onClose={() => setDialog(null)} />
      )}
      {agency.data && dialog === 'end' && (
        <EndAgencyModal agency={agency.data} onClose={() => setDialog(null)} />
      )}
    </Drawer>
  );
}
