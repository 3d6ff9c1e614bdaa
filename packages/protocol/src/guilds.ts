/** Guilds (called servers in the UI): the wire shapes, request bodies, limits and the public directory. */
import { z } from "zod";
import { ChannelSchema } from "./channels.js";
import { EmojiSchema } from "./emojis.js";
import { SnowflakeSchema } from "./ids.js";
import { RoleSchema } from "./roles.js";

export const GUILD_NAME_MIN = 2;
export const GUILD_NAME_MAX = 100;
export const GUILD_DESCRIPTION_MAX = 300;
/** How many guilds one user may own or belong to. */
export const MAX_GUILDS_PER_USER = 200;

const GuildName = z.string().trim().min(GUILD_NAME_MIN).max(GUILD_NAME_MAX);

export const GuildSchema = z
  .object({
    id: SnowflakeSchema,
    name: z.string(),
    icon: z.string().nullable().describe("Hash of the icon: /media/icons/{guild id}/{hash}?size=128|512"),
    banner: z.string().nullable().describe("Hash of the banner: /media/banners/{guild id}/{hash}?size=480|960"),
    description: z.string().nullable(),
    owner_id: SnowflakeSchema,
    discoverable: z.boolean().describe("Listed in the public directory; anyone may join without an invite"),
    created_at: z.string().describe("ISO 8601"),
  })
  .meta({ id: "Guild" });

export type Guild = z.infer<typeof GuildSchema>;

/** A guild with everything a client needs to render it (GET /guilds/{id}, the GUILD_CREATE dispatch). */
export const GuildSnapshotSchema = GuildSchema.extend({
  roles: z.array(RoleSchema),
  channels: z.array(ChannelSchema).describe("Only channels the recipient can view"),
  member_count: z.number().int(),
  emojis: z.array(EmojiSchema).describe("Custom emoji, deleted ones excluded"),
}).meta({ id: "GuildSnapshot" });

export type GuildSnapshot = z.infer<typeof GuildSnapshotSchema>;

export const CreateGuildSchema = z.object({ name: GuildName }).strict().meta({ id: "CreateGuild" });

export type CreateGuild = z.infer<typeof CreateGuildSchema>;

export const UpdateGuildSchema = z
  .object({
    name: GuildName.optional(),
    description: z.string().trim().max(GUILD_DESCRIPTION_MAX).nullable().optional(),
    discoverable: z.boolean().optional().describe("Needs a description"),
    owner_id: SnowflakeSchema.optional().describe("Transfer ownership to this member (owner only)"),
  })
  .strict()
  .meta({ id: "UpdateGuild" });

export type UpdateGuild = z.infer<typeof UpdateGuildSchema>;

export const DirectoryQuerySchema = z.object({
  query: z.string().trim().max(100).default(""),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

export const DirectoryEntrySchema = z
  .object({
    id: SnowflakeSchema,
    name: z.string(),
    icon: z.string().nullable(),
    description: z.string().nullable(),
    member_count: z.number().int(),
  })
  .meta({ id: "DirectoryEntry" });

export const DirectoryPageSchema = z
  .object({ guilds: z.array(DirectoryEntrySchema), total: z.number().int() })
  .meta({ id: "DirectoryPage" });

export type DirectoryEntry = z.infer<typeof DirectoryEntrySchema>;
export type DirectoryPage = z.infer<typeof DirectoryPageSchema>;
