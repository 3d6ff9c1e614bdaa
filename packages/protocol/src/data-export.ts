/** Personal data export: everything the server holds about your account, as one JSON document. */
import { z } from "zod";

export const DataExportSchema = z
  .object({
    format: z.literal("nexus-export-v1"),
    exported_at: z.string(),
    account: z.record(z.string(), z.unknown()),
    guilds: z.array(z.record(z.string(), z.unknown())),
    dm_channels: z.array(z.record(z.string(), z.unknown())),
    relationships: z.array(z.record(z.string(), z.unknown())),
    messages: z.array(z.record(z.string(), z.unknown())),
  })
  .meta({ id: "DataExport" });

export type DataExport = z.infer<typeof DataExportSchema>;

export const ExportTicketSchema = z
  .object({
    id: z.string(),
    url: z.string().describe("GET it with your access token to download the archive"),
    expires_at: z.string(),
  })
  .meta({ id: "ExportTicket" });
