/**
 * Personal data export: everything the server holds about your account, as one JSON document, downloaded in a zip
 * archive together with the files it lists (your attachments and your avatar).
 */
import { z } from "zod";

export const ExportFileSchema = z
  .object({
    path: z.string().describe("Where the file is in the zip archive, e.g. files/attachments/<id>-photo.jpg"),
    kind: z.enum(["attachment", "avatar"]),
    /** The attachment id, or the avatar hash. */
    id: z.string(),
    message_id: z.string().nullable(),
    channel_id: z.string().nullable(),
    filename: z.string(),
    content_type: z.string(),
  })
  .meta({ id: "ExportFile" });

export type ExportFile = z.infer<typeof ExportFileSchema>;

export const DataExportSchema = z
  .object({
    format: z.literal("nexus-export-v1"),
    exported_at: z.string(),
    account: z.record(z.string(), z.unknown()),
    guilds: z.array(z.record(z.string(), z.unknown())),
    dm_channels: z.array(z.record(z.string(), z.unknown())),
    relationships: z.array(z.record(z.string(), z.unknown())),
    messages: z.array(z.record(z.string(), z.unknown())),
    /** The files in the archive beside this document; a file deleted after the export was made is left out. */
    files: z.array(ExportFileSchema),
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
