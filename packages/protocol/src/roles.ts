/** Roles: named permission sets ordered by position (@everyone, whose id is the guild id, is always 0). */
import { z } from "zod";
import { SnowflakeSchema } from "./ids.js";
import { PermissionBitsSchema } from "./permissions.js";

export const ROLE_NAME_MAX = 100;
/** Including @everyone. */
export const MAX_ROLES_PER_GUILD = 250;

export const RoleSchema = z
  .object({
    id: SnowflakeSchema,
    guild_id: SnowflakeSchema,
    name: z.string(),
    color: z.number().int().describe("0xRRGGBB; 0 is no colour"),
    hoist: z.boolean().describe("Shown separately in the member list"),
    mentionable: z.boolean(),
    permissions: PermissionBitsSchema,
    position: z.number().int(),
  })
  .meta({ id: "Role" });

export type Role = z.infer<typeof RoleSchema>;

const RoleName = z.string().trim().min(1).max(ROLE_NAME_MAX);
const Color = z.number().int().min(0).max(0xffffff);

export const CreateRoleSchema = z
  .object({
    name: RoleName.default("new role"),
    color: Color.optional(),
    hoist: z.boolean().optional(),
    mentionable: z.boolean().optional(),
    permissions: PermissionBitsSchema.optional(),
  })
  .strict()
  .meta({ id: "CreateRole" });

export type CreateRole = z.infer<typeof CreateRoleSchema>;

export const UpdateRoleSchema = z
  .object({
    name: RoleName.optional(),
    color: Color.optional(),
    hoist: z.boolean().optional(),
    mentionable: z.boolean().optional(),
    permissions: PermissionBitsSchema.optional(),
  })
  .strict()
  .meta({ id: "UpdateRole" });

export type UpdateRole = z.infer<typeof UpdateRoleSchema>;

export const RolePositionsSchema = z
  .array(z.object({ id: SnowflakeSchema, position: z.number().int().min(1).max(MAX_ROLES_PER_GUILD) }).strict())
  .min(1)
  .max(MAX_ROLES_PER_GUILD)
  .meta({ id: "RolePositions" });

export type RolePositions = z.infer<typeof RolePositionsSchema>;
