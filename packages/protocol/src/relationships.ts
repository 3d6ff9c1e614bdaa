/** Friends, friend requests, blocks and who may open a direct message with you. */
import { z } from "zod";
import { SnowflakeSchema } from "./ids.js";
import { PublicUserSchema } from "./users.js";

export const RELATIONSHIP_TYPES = ["friend", "incoming_request", "outgoing_request", "blocked"] as const;
export const RelationshipTypeSchema = z.enum(RELATIONSHIP_TYPES).meta({ id: "RelationshipType" });
export type RelationshipType = z.infer<typeof RelationshipTypeSchema>;

export const RelationshipSchema = z
  .object({
    id: SnowflakeSchema.describe("The other user's id"),
    type: RelationshipTypeSchema,
    user: PublicUserSchema,
    since: z.string().describe("ISO 8601"),
  })
  .meta({ id: "Relationship" });

export type Relationship = z.infer<typeof RelationshipSchema>;

export const PutRelationshipSchema = z
  .object({
    type: z
      .enum(["friend", "blocked"])
      .default("friend")
      .describe("friend: send a request, or accept theirs; blocked: block the user"),
  })
  .strict()
  .meta({ id: "PutRelationship" });

export const FriendRequestByNameSchema = z
  .object({ username: z.string().min(1).max(64) })
  .strict()
  .meta({ id: "FriendRequestByName" });

/** Who may start a direct message (or add you to a group) with you. */
export const DM_PRIVACY_LEVELS = ["server_members", "friends", "nobody"] as const;
export const DmPrivacySchema = z
  .enum(DM_PRIVACY_LEVELS)
  .describe("server_members: anyone sharing a server (and friends); friends: friends only; nobody")
  .meta({ id: "DmPrivacy" });
export type DmPrivacy = z.infer<typeof DmPrivacySchema>;

export const PrivacySettingsSchema = z.object({ dm_privacy: DmPrivacySchema }).meta({ id: "PrivacySettings" });
export type PrivacySettings = z.infer<typeof PrivacySettingsSchema>;

export const UpdatePrivacySettingsSchema = z
  .object({ dm_privacy: DmPrivacySchema.optional() })
  .strict()
  .meta({ id: "UpdatePrivacySettings" });
