import { ApiError } from './api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids of the API are UUIDs; anything else in an address cannot name a record. */
export function assertRecordId(id: string): void {
  if (!UUID.test(id)) throw new ApiError(404, 'not_found');
}
