/** Direct-message channels: one-to-one and group DMs (up to ten members, the owner manages the group). */
import { z } from "zod";
import { SnowflakeSchema } from "./ids.js";
import { PublicUserSchema } from "./users.js";

export const MAX_GROUP_DM_MEMBERS = 10;
export const GROUP_DM_NAME_MAX = 100;

export const DmChannelSchema = z
  .object({
    id: SnowflakeSchema,
    type: z.enum(["dm", "group_dm"]),
    name: z.string().nullable().describe("Group DMs only"),
    owner_id: SnowflakeSchema.nullable().describe("Group DMs only"),
    recipients: z.array(PublicUserSchema).describe("Everyone in the channel except you"),
    last_message_id: SnowflakeSchema.nullable(),
  })
  .meta({ id: "DmChannel" });

export type DmChannel = z.infer<typeof DmChannelSchema>;

export const CreateDmSchema = z
  .union([
    z.object({ recipient_id: SnowflakeSchema }).strict(),
    z
      .object({
        recipient_ids: z
          .array(SnowflakeSchema)
          .min(1)
          .max(MAX_GROUP_DM_MEMBERS - 1),
        name: z.string().trim().min(1).max(GROUP_DM_NAME_MAX).optional(),
      })
      .strict(),
  ])
  .meta({ id: "CreateDm", description: "{recipient_id} opens (or returns) a 1:1 DM; {recipient_ids} creates a group" });

export type CreateDm = z.infer<typeof CreateDmSchema>;

export const UpdateGroupDmSchema = z
  .object({ name: z.string().trim().min(1).max(GROUP_DM_NAME_MAX).nullable().optional() })
  .strict()
  .meta({ id: "UpdateGroupDm" });
