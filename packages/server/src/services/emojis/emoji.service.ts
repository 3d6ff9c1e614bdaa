/**
 * Custom emoji of a guild: list, upload (MANAGE_EMOJIS; 100 static + 100 animated), rename and delete. Every change
 * is audited and announced as GUILD_EMOJIS_UPDATE carrying the guild's whole list.
 */

import type { Readable } from "node:stream";
import {
  type CreateEmoji,
  type Emoji,
  MAX_ANIMATED_EMOJIS,
  MAX_STATIC_EMOJIS,
  type UpdateEmoji,
} from "@nexus/protocol";
import type { AccessService } from "../../access/access.service.js";
import { DomainError, invalidField, notFound } from "../../errors.js";
import type { SnowflakeGenerator } from "../../ids/snowflake.js";
import type { EmojiRow } from "../../storage/repositories/emoji.repository.js";
import type { Repositories, Store } from "../../storage/store.js";
import { type Actor, auditEntry, createdChanges, deletedChanges, diffChanges } from "../audit/audit-entry.js";
import type { CommunityEvents } from "../community-events.js";

/** Turns uploaded bytes into stored emoji images; throws DomainError for anything that is not an acceptable image. */
export interface EmojiImageStore {
  store(bytes: Buffer): Promise<{ animated: boolean; imageKey: string; webpKey: string }>;
  open(key: string): Promise<{ stream: Readable; size: number }>;
}

export type EmojiImageFormat = "png" | "gif" | "webp";

export interface EmojiImage {
  stream: Readable;
  size: number;
  contentType: string;
  /** The blob's SHA-256: the bytes behind an id never change, so it is a strong validator. */
  etag: string;
}

export interface EmojiServiceDeps {
  store: Store;
  access: AccessService;
  events: CommunityEvents;
  images: EmojiImageStore;
  ids: SnowflakeGenerator;
  now: () => number;
}

export const unknownEmoji = () => notFound("Emoji", "NOT_FOUND");

export function toEmoji(row: EmojiRow): Emoji {
  return {
    id: row.id,
    guild_id: row.guild_id,
    name: row.name,
    animated: row.animated === 1,
    creator_id: row.creator_id,
    created_at: new Date(row.created_at).toISOString(),
  };
}

export class EmojiService {
  constructor(private readonly deps: EmojiServiceDeps) {}

  /** Any member may list them (they use them). */
  async list(userId: string, guildId: string): Promise<Emoji[]> {
    await this.deps.access.member(guildId, userId);
    return (await this.deps.store.repos.emojis.listByGuild(guildId)).map(toEmoji);
  }

  async get(userId: string, guildId: string, emojiId: string): Promise<Emoji> {
    await this.deps.access.member(guildId, userId);
    const row = await this.deps.store.repos.emojis.findLive(guildId, emojiId);
    if (!row) throw unknownEmoji();
    return toEmoji(row);
  }

  /**
   * The image behind /media/emojis/{id}.{format}: public (emoji are shown to anyone who sees a message), and still
   * served after deletion so old reactions keep rendering. PNG is for static emoji, GIF for animated, WebP for both.
   */
  async image(emojiId: string, format: EmojiImageFormat): Promise<EmojiImage> {
    const row = await this.deps.store.repos.emojis.findAny(emojiId);
    if (!row || (format === "png" && row.animated === 1) || (format === "gif" && row.animated === 0)) {
      throw unknownEmoji();
    }
    const key = format === "webp" ? row.webp_key : row.image_key;
    const { stream, size } = await this.deps.images.open(key);
    return { stream, size, contentType: `image/${format}`, etag: key };
  }

  /** The image is processed before the transaction (it is slow); the limit and name are checked inside it. */
  async create(actor: Actor, guildId: string, input: CreateEmoji & { bytes: Buffer }): Promise<Emoji> {
    await this.deps.access.require(guildId, actor.userId, "MANAGE_EMOJIS");
    await this.requireRoom(this.deps.store.repos, guildId, undefined);
    const image = await this.deps.images.store(input.bytes);
    const row: EmojiRow = {
      id: this.deps.ids.next(),
      guild_id: guildId,
      name: input.name,
      animated: image.animated ? 1 : 0,
      creator_id: actor.userId,
      image_key: image.imageKey,
      webp_key: image.webpKey,
      created_at: this.deps.now(),
      deleted_at: null,
    };
    const emojis = await this.deps.store.transaction(async (repos) => {
      await this.requireRoom(repos, guildId, image.animated);
      await requireFreeName(repos, guildId, input.name);
      await repos.emojis.insert(row);
      // Blobs are shared by content: this keeps an identical attachment's deletion from taking the image along.
      await repos.blobRefs.add(`emoji:${row.id}`, [row.image_key, row.webp_key]);
      const { id: _id, guild_id: _g, created_at: _c, ...fields } = toEmoji(row);
      await this.audit(repos, actor, guildId, "emoji_create", row.id, createdChanges(fields));
      return repos.emojis.listByGuild(guildId);
    });
    await this.announce(guildId, emojis);
    return toEmoji(row);
  }

  async update(actor: Actor, guildId: string, emojiId: string, input: UpdateEmoji): Promise<Emoji> {
    await this.deps.access.require(guildId, actor.userId, "MANAGE_EMOJIS");
    const { updated, emojis } = await this.deps.store.transaction(async (repos) => {
      const row = await repos.emojis.findLive(guildId, emojiId);
      if (!row) throw unknownEmoji();
      if (row.name === input.name) return { updated: row, emojis: undefined };
      await requireFreeName(repos, guildId, input.name);
      await repos.emojis.rename(emojiId, input.name);
      const updated = { ...row, name: input.name };
      await this.audit(repos, actor, guildId, "emoji_update", emojiId, diffChanges(row, updated, ["name"]));
      return { updated, emojis: await repos.emojis.listByGuild(guildId) };
    });
    if (emojis) await this.announce(guildId, emojis);
    return toEmoji(updated);
  }

  /** Reactions made with it stay, still showing its name and image (as on Discord); it can no longer be used. */
  async delete(actor: Actor, guildId: string, emojiId: string): Promise<void> {
    await this.deps.access.require(guildId, actor.userId, "MANAGE_EMOJIS");
    const emojis = await this.deps.store.transaction(async (repos) => {
      const row = await repos.emojis.findLive(guildId, emojiId);
      if (!row) throw unknownEmoji();
      await repos.emojis.markDeleted(emojiId, this.deps.now());
      const { id: _id, guild_id: _g, created_at: _c, ...fields } = toEmoji(row);
      await this.audit(repos, actor, guildId, "emoji_delete", emojiId, deletedChanges(fields));
      return repos.emojis.listByGuild(guildId);
    });
    await this.announce(guildId, emojis);
  }

  /** 400 MAX_EMOJIS_REACHED when the guild has no room of that kind (of either kind when `animated` is unknown). */
  private async requireRoom(repos: Repositories, guildId: string, animated: boolean | undefined): Promise<void> {
    const live = await repos.emojis.listByGuild(guildId);
    const animatedCount = live.filter((e) => e.animated === 1).length;
    const staticFull = live.length - animatedCount >= MAX_STATIC_EMOJIS;
    const animatedFull = animatedCount >= MAX_ANIMATED_EMOJIS;
    const full = animated === undefined ? staticFull && animatedFull : animated ? animatedFull : staticFull;
    if (!full) return;
    const kind = animated === undefined ? "" : animated ? "animated " : "static ";
    const max = animated ? MAX_ANIMATED_EMOJIS : MAX_STATIC_EMOJIS;
    throw new DomainError("MAX_EMOJIS_REACHED", `This server already has ${max} ${kind}emoji; delete one first.`, {
      fields: { image: `no room for another ${kind}emoji` },
    });
  }

  private async announce(guildId: string, rows: EmojiRow[]): Promise<void> {
    await this.deps.events.toGuild(guildId, "GUILD_EMOJIS_UPDATE", { guild_id: guildId, emojis: rows.map(toEmoji) });
  }

  private async audit(
    repos: Repositories,
    actor: Actor,
    guildId: string,
    action: "emoji_create" | "emoji_update" | "emoji_delete",
    targetId: string,
    changes: ReturnType<typeof createdChanges>,
  ): Promise<void> {
    const entry = auditEntry(this.deps.ids, { guildId, actor, action, targetId, changes, now: this.deps.now() });
    await repos.auditLog.insert(entry);
  }
}

/** Names are unique among a guild's live emoji, so `:name:` in the composer means one emoji. */
async function requireFreeName(repos: Repositories, guildId: string, name: string): Promise<void> {
  const live = await repos.emojis.listByGuild(guildId);
  if (live.some((e) => e.name.toLowerCase() === name.toLowerCase())) {
    throw invalidField("name", "another emoji in this server already has this name");
  }
}
