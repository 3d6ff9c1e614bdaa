import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  ALL_PERMISSIONS,
  canManageRolePosition,
  computeBasePermissions,
  computeChannelPermissions,
  hasPermission,
  highestRolePosition,
  outranks,
  PERMISSION_NAMES,
  type PermissionName,
  Permissions,
  type ResolverGuild,
  type ResolverMember,
  type ResolverOverwrite,
  type ResolverRole,
} from "./permissions.js";

/**
 * A deliberately naive second implementation, written from the rules in the issue one permission at a time with
 * booleans, sharing no code with the resolver under test.
 */
const naive = {
  roleHas(role: ResolverRole | undefined, p: PermissionName): boolean {
    return role !== undefined && (role.permissions & Permissions[p]) !== 0n;
  },
  rolesOf(guild: ResolverGuild, member: ResolverMember): ResolverRole[] {
    const roles: ResolverRole[] = [];
    const everyone = guild.roles.get(guild.id);
    if (everyone) roles.push(everyone);
    for (const id of member.role_ids) {
      const role = guild.roles.get(id);
      if (role) roles.push(role);
    }
    return roles;
  },
  isAllPowerful(guild: ResolverGuild, member: ResolverMember): boolean {
    if (member.user_id === guild.owner_id) return true;
    return naive.rolesOf(guild, member).some((r) => naive.roleHas(r, "ADMINISTRATOR"));
  },
  timedOut(member: ResolverMember, now: number): boolean {
    return typeof member.timeout_until === "number" && member.timeout_until > now;
  },
  survivesTimeout(p: PermissionName): boolean {
    return p === "VIEW_CHANNEL" || p === "READ_MESSAGE_HISTORY";
  },
  base(guild: ResolverGuild, member: ResolverMember, p: PermissionName, now: number): boolean {
    if (naive.isAllPowerful(guild, member)) return true;
    if (naive.timedOut(member, now) && !naive.survivesTimeout(p)) return false;
    return naive.rolesOf(guild, member).some((r) => naive.roleHas(r, p));
  },
  /** Overwrites applied in the order, for one permission, before the channel-level implications. */
  raw(guild: ResolverGuild, member: ResolverMember, overwrites: ResolverOverwrite[], p: PermissionName, now: number) {
    let has = naive.rolesOf(guild, member).some((r) => naive.roleHas(r, p));
    const bit = Permissions[p];
    for (const o of overwrites) {
      if (o.type === "role" && o.id === guild.id) {
        if (o.deny & bit) has = false;
        if (o.allow & bit) has = true;
      }
    }
    let roleDenied = false;
    let roleAllowed = false;
    for (const o of overwrites) {
      if (o.type !== "role" || o.id === guild.id || !member.role_ids.includes(o.id)) continue;
      if (o.deny & bit) roleDenied = true;
      if (o.allow & bit) roleAllowed = true;
    }
    if (roleDenied) has = false;
    if (roleAllowed) has = true;
    for (const o of overwrites) {
      if (o.type === "member" && o.id === member.user_id) {
        if (o.deny & bit) has = false;
        if (o.allow & bit) has = true;
      }
    }
    if (naive.timedOut(member, now) && !naive.survivesTimeout(p)) has = false;
    return has;
  },
  channel(
    guild: ResolverGuild,
    member: ResolverMember,
    overwrites: ResolverOverwrite[],
    p: PermissionName,
    now: number,
  ) {
    if (naive.isAllPowerful(guild, member)) return true;
    if (!naive.raw(guild, member, overwrites, "VIEW_CHANNEL", now)) return false;
    const needsSend = p === "MENTION_EVERYONE" || p === "ATTACH_FILES" || p === "EMBED_LINKS";
    if (needsSend && !naive.raw(guild, member, overwrites, "SEND_MESSAGES", now)) return false;
    return naive.raw(guild, member, overwrites, p, now);
  },
  highest(guild: ResolverGuild, member: ResolverMember): number {
    if (member.user_id === guild.owner_id) return Number.POSITIVE_INFINITY;
    let best = 0;
    for (const role of naive.rolesOf(guild, member)) if (role.position > best) best = role.position;
    return best;
  },
};

const NOW = 1_800_000_000_000;
const GUILD_ID = "100";

/** Bits drawn from the whole catalogue, with ADMINISTRATOR kept rare so most guilds exercise overwrites. */
const bitsArb = fc
  .tuple(fc.subarray(PERMISSION_NAMES.filter((p) => p !== "ADMINISTRATOR")), fc.integer({ min: 0, max: 19 }))
  .map(([names, dice]) => names.reduce((all, n) => all | Permissions[n], dice === 0 ? Permissions.ADMINISTRATOR : 0n));

const guildArb = fc
  .record({
    rolePerms: fc.array(bitsArb, { minLength: 1, maxLength: 6 }),
    memberCount: fc.integer({ min: 1, max: 5 }),
    seed: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 64, maxLength: 64 }),
    positions: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 6, maxLength: 6 }),
    timeouts: fc.array(fc.constantFrom<number | null>(null, NOW - 1, NOW, NOW + 60_000), {
      minLength: 5,
      maxLength: 5,
    }),
    channelOverwrites: fc.array(
      fc.array(fc.record({ target: fc.integer({ min: 0, max: 12 }), allow: bitsArb, deny: bitsArb }), { maxLength: 6 }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ rolePerms, memberCount, seed, positions, timeouts, channelOverwrites }) => {
    const roles = new Map<string, ResolverRole>();
    rolePerms.forEach((permissions, i) => {
      const id = i === 0 ? GUILD_ID : String(200 + i);
      roles.set(id, { id, permissions, position: i === 0 ? 0 : (positions[i] ?? 1) });
    });
    const roleIds = [...roles.keys()].filter((id) => id !== GUILD_ID);
    const members: ResolverMember[] = Array.from({ length: memberCount }, (_, m) => ({
      user_id: String(300 + m),
      role_ids: roleIds.filter((_, r) => ((seed[m * 8 + r] ?? 0) & 1) === 1),
      timeout_until: timeouts[m] ?? null,
    }));
    // Targets: @everyone, each role, each member and a stranger; types follow the target (ids never collide).
    const targets: { id: string; type: "role" | "member" }[] = [
      { id: GUILD_ID, type: "role" },
      ...roleIds.map((id) => ({ id, type: "role" as const })),
      ...members.map((m) => ({ id: m.user_id, type: "member" as const })),
      { id: "999", type: "member" },
    ];
    const channels = channelOverwrites.map((list) => {
      const byTarget = new Map<string, ResolverOverwrite>();
      for (const o of list) {
        const target = targets[o.target % targets.length];
        if (target) byTarget.set(target.id, { ...target, allow: o.allow, deny: o.deny });
      }
      return [...byTarget.values()];
    });
    const ownerIndex = (seed[63] ?? 0) % 4; // sometimes no member is the owner
    const guild: ResolverGuild = { id: GUILD_ID, owner_id: String(300 + ownerIndex), roles };
    return { guild, members, channels };
  });

describe("permission resolver", () => {
  it("keeps Discord's bit positions", () => {
    const expected: Partial<Record<PermissionName, number>> = {
      CREATE_INVITE: 0,
      KICK_MEMBERS: 1,
      BAN_MEMBERS: 2,
      ADMINISTRATOR: 3,
      MANAGE_CHANNELS: 4,
      MANAGE_GUILD: 5,
      ADD_REACTIONS: 6,
      VIEW_AUDIT_LOG: 7,
      PRIORITY_SPEAKER: 8,
      STREAM: 9,
      VIEW_CHANNEL: 10,
      SEND_MESSAGES: 11,
      MANAGE_MESSAGES: 13,
      EMBED_LINKS: 14,
      ATTACH_FILES: 15,
      READ_MESSAGE_HISTORY: 16,
      MENTION_EVERYONE: 17,
      USE_EXTERNAL_EMOJI: 18,
      CONNECT: 20,
      SPEAK: 21,
      MUTE_MEMBERS: 22,
      DEAFEN_MEMBERS: 23,
      MOVE_MEMBERS: 24,
      USE_VAD: 25,
      CHANGE_NICKNAME: 26,
      MANAGE_NICKNAMES: 27,
      MANAGE_ROLES: 28,
      MANAGE_WEBHOOKS: 29,
      MANAGE_EMOJIS: 30,
      MANAGE_THREADS: 34,
      CREATE_THREADS: 35,
      SEND_MESSAGES_IN_THREADS: 38,
      MODERATE_MEMBERS: 40,
    };
    for (const name of PERMISSION_NAMES) assert.equal(Permissions[name], 1n << BigInt(expected[name] ?? -1), name);
    assert.equal(PERMISSION_NAMES.length, Object.keys(expected).length);
  });

  it("agrees with the naive reference on every (member, channel, permission) of thousands of random guilds", () => {
    let triples = 0;
    fc.assert(
      fc.property(guildArb, ({ guild, members, channels }) => {
        for (const member of members) {
          const base = computeBasePermissions(guild, member, NOW);
          for (const p of PERMISSION_NAMES) {
            assert.equal(hasPermission(base, p), naive.base(guild, member, p, NOW), `base ${p} of ${member.user_id}`);
          }
          channels.forEach((overwrites, c) => {
            const bits = computeChannelPermissions(guild, member, overwrites, NOW);
            assert.equal(bits & ~ALL_PERMISSIONS, 0n);
            for (const p of PERMISSION_NAMES) {
              triples++;
              const expected = naive.channel(guild, member, overwrites, p, NOW);
              assert.equal(hasPermission(bits, p), expected, `${p} of ${member.user_id} in channel ${c}`);
            }
          });
        }
      }),
      { numRuns: 3_000 },
    );
    assert.ok(triples > 100_000, `checked ${triples} triples`);
  });

  it("agrees with the naive reference on the role hierarchy", () => {
    fc.assert(
      fc.property(guildArb, fc.integer({ min: 0, max: 9 }), ({ guild, members }, position) => {
        for (const actor of members) {
          const highest = naive.highest(guild, actor);
          assert.equal(highestRolePosition(guild, actor), highest);
          assert.equal(canManageRolePosition(guild, actor, position), position < highest);
          for (const target of members) {
            const expected = target.user_id !== guild.owner_id && highest > naive.highest(guild, target);
            assert.equal(outranks(guild, actor, target), expected);
          }
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it("follows the documented examples", () => {
    const roles = new Map<string, ResolverRole>([
      [GUILD_ID, { id: GUILD_ID, permissions: Permissions.VIEW_CHANNEL | Permissions.SEND_MESSAGES, position: 0 }],
      ["201", { id: "201", permissions: 0n, position: 1 }],
    ]);
    const guild: ResolverGuild = { id: GUILD_ID, owner_id: "1", roles };
    const member: ResolverMember = { user_id: "300", role_ids: ["201"] };
    const hideFromEveryone: ResolverOverwrite = {
      id: GUILD_ID,
      type: "role",
      allow: 0n,
      deny: Permissions.VIEW_CHANNEL,
    };
    const showToRole: ResolverOverwrite = { id: "201", type: "role", allow: Permissions.VIEW_CHANNEL, deny: 0n };
    const muteMember: ResolverOverwrite = { id: "300", type: "member", allow: 0n, deny: Permissions.SEND_MESSAGES };
    const view = (ow: ResolverOverwrite[], m = member) => computeChannelPermissions(guild, m, ow, NOW);
    assert.equal(view([hideFromEveryone]), 0n, "no VIEW_CHANNEL means nothing at all");
    assert.equal(view([hideFromEveryone, showToRole]), Permissions.VIEW_CHANNEL | Permissions.SEND_MESSAGES);
    assert.equal(view([hideFromEveryone, showToRole, muteMember]), Permissions.VIEW_CHANNEL);
    const timedOut = { ...member, timeout_until: NOW + 1 };
    assert.equal(view([], timedOut), Permissions.VIEW_CHANNEL, "a timed-out member keeps only view and history");
    assert.equal(view([], { ...member, timeout_until: NOW }), Permissions.VIEW_CHANNEL | Permissions.SEND_MESSAGES);
    assert.equal(view([hideFromEveryone], { ...member, user_id: "1" }), ALL_PERMISSIONS, "the owner has everything");
  });
});
