/** Field rules that depend on the channel type, and channel name normalization. */
import type { ChannelType } from "@nexus/protocol";
import { DomainError } from "../../errors.js";

/** Text-like channel names are lower-case with dashes, like #general; voice and categories keep their case. */
export function normalizeChannelName(type: ChannelType, name: string): string {
  if (type === "voice" || type === "category") return name;
  return name.toLowerCase().replace(/\s+/g, "-");
}

export interface TypedFields {
  topic?: string | null;
  bitrate?: number;
  user_limit?: number;
  slowmode_seconds?: number;
  nsfw?: boolean;
  parent_id?: string | null;
}

/** Rejects fields that mean nothing for the type, all at once. */
export function assertFieldsFitType(type: ChannelType, input: TypedFields): void {
  const fields: Record<string, string> = {};
  if (type !== "voice") {
    if (input.bitrate !== undefined) fields.bitrate = "only applies to voice channels";
    if (input.user_limit !== undefined) fields.user_limit = "only applies to voice channels";
  }
  if ((type === "voice" || type === "category") && input.topic) fields.topic = `does not apply to ${type} channels`;
  if (type === "category") {
    if (input.slowmode_seconds) fields.slowmode_seconds = "does not apply to categories";
    if (input.parent_id) fields.parent_id = "a category cannot be inside another category";
  }
  if (Object.keys(fields).length > 0) {
    throw new DomainError("VALIDATION_FAILED", `Invalid fields for a ${type} channel.`, { fields });
  }
}
