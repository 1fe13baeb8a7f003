// The tenant as the web client shows it (login page, header), and the agency registry template a
// province fills in to start (tiendo tenant create --registry). Shared by server and client.
import { z } from 'zod';

export const tenantViewSchema = z.object({
  code: z.string(),
  /** 'Tỉnh Đồng Tháp' */
  name: z.string(),
  province: z.object({ code: z.string(), name: z.string() }),
});
export type TenantView = z.infer<typeof tenantViewSchema>;
