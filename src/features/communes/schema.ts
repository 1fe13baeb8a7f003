// /api/communes: the communes (xã, phường) of the tenant's province, as they are since 1/7/2025;
// shared by server (validation, OpenAPI) and web client (the project form's place picker).
import { z } from 'zod';

export const communeSchema = z.object({ code: z.string(), name: z.string() });

export const communeListSchema = z.object({ items: z.array(communeSchema) });

export type Commune = z.infer<typeof communeSchema>;
export type CommuneList = z.infer<typeof communeListSchema>;
