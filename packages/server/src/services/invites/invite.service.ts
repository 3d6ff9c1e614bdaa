/** Invites: create for a channel, preview without signing in, join with one, list per guild, revoke. */
import type { CreateInvite, Guild, Invite, InvitePreview } from "@nexus/protocol";
import type { AccessService } from "../../access/access.service.js";
import { missingPermission } from "../../access/member-access.js";
import { DomainError } from "../../errors.js";
import type { SnowflakeGenerator } from "../../ids/snowflake.js";
import type { InviteRow } from "../../storage/repositories/invite.repository.js";
import type { Repositories, Store } from "../../storage/store.js";
import { type Actor, auditEntry, createdChanges } from "../audit/audit-entry.js";
import type { CommunityEvents } from "../community-events.js";
import { toInvite } from "../guilds/community-presenter.js";
import type { MembershipService } from "../members/membership.service.js";
import { newInviteCode } from "./invite-codes.js";
import { noOnlineCounter, type OnlineCounter } from "./online-counter.js";

export interface InviteServiceDeps {
  store: Store;
  access: AccessService;
  events: CommunityEvents;
  membership: MembershipService;
  ids: SnowflakeGenerator;
  now: () => number;
  onlineCounter?: OnlineCounter;
}

/** Expired, used-up, revoked and never-existing invites all answer 404; the message says which when it is known. */
const notFoundInvite = (why: string) =>
  new DomainError("UNKNOWN_INVITE", why ? `This invite ${why}.` : "Invite was not found.");

export class InviteService {
  private onlineCounter: OnlineCounter;

  constructor(private readonly deps: InviteServiceDeps) {
    this.onlineCounter = deps.onlineCounter ?? noOnlineCounter;
  }

  /** Replaces where online counts come from (the composition root passes the presence store's by default). */
  useOnlineCounter(counter: OnlineCounter): void {
    this.onlineCounter = counter;
  }

  /** CREATE_INVITE in a channel the actor can see. */
  async create(actor: Actor, channelId: string, input: CreateInvite): Promise<Invite> {
    const access = await this.deps.access.channel(channelId, actor.userId, "CREATE_INVITE");
    const guildId = access.guild.id;
    const now = this.deps.now();
    const row: InviteRow = {
      code: newInviteCode(),
      guild_id: guildId,
      channel_id: channelId,
      inviter_id: actor.userId,
      max_age_seconds: input.max_age_seconds,
      max_uses: input.max_uses,
      uses: 0,
      created_at: now,
      expires_at: input.max_age_seconds > 0 ? now + input.max_age_seconds * 1000 : null,
    };
    await this.deps.store.transaction(async (repos) => {
      await repos.invites.insert(row);
      const { code, max_age_seconds, max_uses } = row;
      await repos.auditLog.insert(
        auditEntry(this.deps.ids, {
          guildId,
          actor,
          action: "invite_create",
          targetId: code,
          changes: createdChanges({ code, channel_id: channelId, max_age_seconds, max_uses }),
          now,
        }),
      );
    });
    const invite = await this.present(this.deps.store.repos, [row]).then((list) => list[0]);
    if (!invite) throw notFoundInvite("");
    await this.deps.events.toGuild(guildId, "INVITE_CREATE", invite, { channelId, permission: "MANAGE_CHANNELS" });
    return invite;
  }

  /** Anyone with the code, signed in or not: what they are invited to. */
  async preview(code: string): Promise<InvitePreview> {
    const { repos } = this.deps.store;
    const row = await this.usable(code);
    const [guild, channel, memberCount, online] = await Promise.all([
      repos.guilds.findById(row.guild_id),
      repos.channels.findById(row.channel_id),
      repos.members.count(row.guild_id),
      this.onlineCounter.countOnline(row.guild_id),
    ]);
    if (!guild || !channel) throw notFoundInvite("");
    return {
      code: row.code,
      guild: { id: guild.id, name: guild.name, icon: guild.icon, description: guild.description },
      channel: { id: channel.id, name: channel.name, type: channel.type as InvitePreview["channel"]["type"] },
      expires_at: row.expires_at === null ? null : new Date(row.expires_at).toISOString(),
      approximate_member_count: memberCount,
      approximate_presence_count: online,
    };
  }

  /** Join with the code: refused when banned (403), expired or used up (404); one use counted atomically. */
  async accept(userId: string, code: string): Promise<Guild> {
    const row = await this.usable(code);
    return this.deps.membership.join(row.guild_id, userId, async (repos) => {
      if (!(await repos.invites.claimUse(code, this.deps.now()))) throw notFoundInvite("has expired or been used up");
    });
  }

  /** MANAGE_GUILD. Only invites that still work: expired and used-up ones drop out (and answer 404). */
  async listForGuild(userId: string, guildId: string): Promise<Invite[]> {
    await this.deps.access.require(guildId, userId, "MANAGE_GUILD");
    const { repos } = this.deps.store;
    return this.present(repos, await repos.invites.listByGuild(guildId, this.deps.now()));
  }

  /** MANAGE_CHANNELS in a channel the caller can see; like the guild list, only invites that still work. */
  async listForChannel(userId: string, channelId: string): Promise<Invite[]> {
    await this.deps.access.channel(channelId, userId, "MANAGE_CHANNELS");
    const { repos } = this.deps.store;
    return this.present(repos, await repos.invites.listByChannel(channelId, this.deps.now()));
  }

  /** MANAGE_GUILD, or MANAGE_CHANNELS in the invite's channel. Non-members cannot tell the invite exists. */
  async revoke(actor: Actor, code: string): Promise<void> {
    const row = await this.deps.store.repos.invites.findByCode(code);
    if (!row) throw notFoundInvite("");
    const access = await this.deps.access.memberOrUndefined(row.guild_id, actor.userId);
    if (!access) throw notFoundInvite("");
    if (!access.has("MANAGE_GUILD") && !access.has("MANAGE_CHANNELS", row.channel_id)) {
      throw missingPermission("MANAGE_CHANNELS");
    }
    await this.deps.store.transaction(async (repos) => {
      if (!(await repos.invites.delete(code))) throw notFoundInvite("");
      await repos.auditLog.insert(
        auditEntry(this.deps.ids, {
          guildId: row.guild_id,
          actor,
          action: "invite_delete",
          targetId: code,
          changes: [
            { key: "code", old_value: code },
            { key: "channel_id", old_value: row.channel_id },
            { key: "uses", old_value: row.uses },
          ],
          now: this.deps.now(),
        }),
      );
    });
    await this.deps.events.toGuild(
      row.guild_id,
      "INVITE_DELETE",
      { code, guild_id: row.guild_id, channel_id: row.channel_id },
      { channelId: row.channel_id, permission: "MANAGE_CHANNELS" },
    );
  }

  private async usable(code: string): Promise<InviteRow> {
    const row = await this.deps.store.repos.invites.findByCode(code);
    if (!row) throw notFoundInvite("");
    if (row.expires_at !== null && row.expires_at <= this.deps.now()) throw notFoundInvite("has expired");
    if (row.max_uses > 0 && row.uses >= row.max_uses) throw notFoundInvite("has been used up");
    return row;
  }

  /** Invites with their guild, channel and inviter, in a fixed number of queries plus one per distinct inviter. */
  private async present(repos: Repositories, rows: InviteRow[]): Promise<Invite[]> {
    if (rows.length === 0) return [];
    const guildId = rows[0]?.guild_id ?? "";
    const guild = await repos.guilds.findById(guildId);
    if (!guild) return [];
    const channels = new Map((await repos.channels.listByGuild(guildId)).map((c) => [c.id, c]));
    const inviters = new Map();
    for (const id of new Set(rows.map((r) => r.inviter_id).filter((id): id is string => id !== null))) {
      inviters.set(id, await repos.users.findById(id));
    }
    return rows.flatMap((row) => {
      const channel = channels.get(row.channel_id);
      return channel ? [toInvite(row, guild, channel, row.inviter_id ? inviters.get(row.inviter_id) : undefined)] : [];
    });
  }
}
