// "Việc của tôi": what the user's agency owes and what waits for the user (GET /api/my-work).
import type { MyWork } from '@features/tasks/schema';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api';

export function useMyWork() {
  return useQuery({
    queryKey: ['my-work'],
    queryFn: ({ signal }) => apiGet<MyWork>('/api/my-work', undefined, signal),
  });
}
