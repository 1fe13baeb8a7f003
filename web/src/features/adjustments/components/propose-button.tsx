// "Đề xuất điều chỉnh" on a task's or a target's page: for the staff of the agency that leads the
// task or answers for the target today (the server checks again).
import { Button, Flex } from 'antd';
import { useState } from 'react';
import { useCurrentUser } from '../../auth/hooks/use-session';
import { ProposeForm, type ProposeSubject } from './propose-form';

type Props = {
  subject: Exclude<ProposeSubject, { type: 'plan' }>;
  /** The agency leading the task / responsible for the target today. */
  agencyId: string | null | undefined;
};

export function ProposeAdjustmentButton({ subject, agencyId }: Props) {
  const user = useCurrentUser();
  const [open, setOpen] = useState(false);
  const staff = user.role === 'agency_head' || user.role === 'agency_officer';
  if (!staff || !agencyId || user.agency?.id !== agencyId) return null;
  return (
    <Flex justify="flex-end">
      <Button onClick={() => setOpen(true)} data-testid="propose-adjustment">
        Đề xuất điều chỉnh
      </Button>
      {open && <ProposeForm subject={subject} open onClose={() => setOpen(false)} />}
    </Flex>
  );
}
