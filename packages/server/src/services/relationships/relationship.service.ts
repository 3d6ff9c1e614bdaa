/** Friends, friend requests and blocks, and the DM privacy rule that decides who may open a DM with whom. */
import type { DmPrivacy, PrivacySettings, Relationship, RelationshipType } from "@nexus/protocol";
import type { EventPublisher } from "../../bus/bus.js";
import { DomainError, notFound } from "../../errors.js";
import { userTopic } from "../../events/domain-events.js";
import type { RelationshipRepository, RelationshipRow } from "../../storage/repositories/relationship.repository.js";
import type { UserRepository, UserRow } from "../../storage/repositories/user.repository.js";
import type { UserLookupRepository } from "../../storage/repositories/user-lookup.repository.js";
import { usernameKey } from "../auth/auth.service.js";
import { toPublicUser } from "../users/user-presenter.js";

export const DEFAULT_DM_PRIVACY: DmPrivacy = "server_members";

/** What one side of a pair sees; the other side's row is derived from it. */
const MIRROR: Partial<Record<RelationshipType, RelationshipType>> = {
  friend: "friend",
  outgoing_request: "incoming_request",
  incoming_request: "outgoing_request",
};

function present(row: RelationshipRow, user: UserRow): Relationship {
  return {
    id: row.target_id,
    type: row.type as RelationshipType,
    user: toPublicUser(user),
    since: new Date(row.created_at).toISOString(),
  };
}

export interface RelationshipDeps {
  relationships: RelationshipRepository;
  users: UserRepository;
  userLookup: UserLookupRepository;
  events: EventPublisher;
  /** Runs `work` in one transaction with repositories bound to it. */
  transaction: <T>(work: (relationships: RelationshipRepository) => Promise<T>) => Promise<T>;
  /** Whether two users share at least one guild (the server_members privacy level). */
  shareGuild: (a: string, b: string) => Promise<boolean>;
  /** A friend request was just accepted. */
  befriended: (a: string, b: string) => Promise<void>;
  /** A friendship just ended (removed, or by a block). */
  unfriended: (a: string, b: string) => Promise<void>;
}

export class RelationshipService {
  constructor(private readonly deps: RelationshipDeps) {}

  async list(userId: string): Promise<Relationship[]> {
    const rows = await this.deps.relationships.listFor(userId);
    const users = await this.deps.userLookup.findByIds(rows.map((r) => r.target_id));
    return rows.flatMap((row) => {
      const user = users.get(row.target_id);
      return user ? [present(row, user)] : [];
    });
  }

  async requestByUsername(userId: string, username: string): Promise<void> {
    const target = await this.deps.users.findByUsernameKey(usernameKey(username));
    if (!target) throw notFound("User", "UNKNOWN_USER");
    await this.befriend(userId, target.id);
  }

  /** Sends a friend request, or accepts the one the target sent. Idempotent. */
  async befriend(userId: string, targetId: string): Promise<void> {
    await this.requireOtherUser(userId, targetId);
    const now = Date.now();
    const outcome = await this.deps.transaction(async (relationships) => {
      const [mine, theirs] = await relationships.pair(userId, targetId);
      if (mine?.type === "blocked" || theirs?.type === "blocked") {
        throw new DomainError("FORBIDDEN", "You cannot send this user a friend request.");
      }
      if (mine?.type === "friend" || mine?.type === "outgoing_request") return undefined;
      const type: RelationshipType = mine?.type === "incoming_request" ? "friend" : "outgoing_request";
      await relationships.set(userId, targetId, type, now);
      await relationships.set(targetId, userId, MIRROR[type] ?? type, now);
      return type;
    });
    if (!outcome) return;
    await this.publishPair(userId, targetId);
    if (outcome === "friend") await this.deps.befriended(userId, targetId);
  }

  async block(userId: string, targetId: string): Promise<void> {
    await this.requireOtherUser(userId, targetId);
    const removedTheirs = await this.deps.transaction(async (relationships) => {
      const [mine, theirs] = await relationships.pair(userId, targetId);
      if (mine?.type === "blocked") return undefined;
      await relationships.set(userId, targetId, "blocked", Date.now());
      // A block ends any friendship or pending request; their own block of us (if any) stays.
      if (theirs && theirs.type !== "blocked") {
        await relationships.remove(targetId, userId);
        return theirs;
      }
      return null;
    });
    if (removedTheirs === undefined) return;
    await this.publishAdd(userId, targetId);
    if (removedTheirs) {
      await this.deps.events.publish(userTopic(targetId), {
        type: "RELATIONSHIP_REMOVE",
        data: { id: userId, type: removedTheirs.type as RelationshipType },
      });
      if (removedTheirs.type === "friend") await this.deps.unfriended(userId, targetId);
    }
  }

  /** Removes a friend, cancels or declines a request, or unblocks. */
  async remove(userId: string, targetId: string): Promise<void> {
    const removed = await this.deps.transaction(async (relationships) => {
      const [mine, theirs] = await relationships.pair(userId, targetId);
      if (!mine) return [];
      await relationships.remove(userId, targetId);
      const gone: [string, string, RelationshipRow][] = [[userId, targetId, mine]];
      if (mine.type !== "blocked" && theirs && theirs.type !== "blocked") {
        await relationships.remove(targetId, userId);
        gone.push([targetId, userId, theirs]);
      }
      return gone;
    });
    for (const [owner, other, row] of removed) {
      await this.deps.events.publish(userTopic(owner), {
        type: "RELATIONSHIP_REMOVE",
        data: { id: other, type: row.type as RelationshipType },
      });
    }
    if (removed[0]?.[2].type === "friend") await this.deps.unfriended(userId, targetId);
  }

  async getPrivacy(userId: string): Promise<PrivacySettings> {
    const settings = await this.deps.relationships.dmPrivacy([userId]);
    return { dm_privacy: (settings.get(userId) as DmPrivacy | undefined) ?? DEFAULT_DM_PRIVACY };
  }

  async updatePrivacy(userId: string, changes: Partial<PrivacySettings>): Promise<PrivacySettings> {
    if (changes.dm_privacy) await this.deps.relationships.setDmPrivacy(userId, changes.dm_privacy);
    return this.getPrivacy(userId);
  }

  /**
   * Throws unless `userId` may open a DM with (or add to a group) every one of `targetIds`: nobody blocked anybody,
   * and each target's privacy setting admits them (friends always pass except under "nobody").
   */
  async assertCanDm(userId: string, targetIds: string[]): Promise<void> {
    const refuse = () => new DomainError("CANNOT_MESSAGE_USER", "You cannot send messages to this user.");
    if (await this.deps.relationships.anyBlocked(userId, targetIds)) throw refuse();
    const privacy = await this.deps.relationships.dmPrivacy(targetIds);
    for (const targetId of targetIds) {
      const level = (privacy.get(targetId) as DmPrivacy | undefined) ?? DEFAULT_DM_PRIVACY;
      if (level === "nobody") throw refuse();
      const [mine] = await this.deps.relationships.pair(userId, targetId);
      if (mine?.type === "friend") continue;
      if (level === "friends" || !(await this.deps.shareGuild(userId, targetId))) throw refuse();
    }
  }

  /** Whether either of the two blocked the other (sending in an existing 1:1 DM stops then). */
  isBlockedEitherWay(a: string, b: string): Promise<boolean> {
    return this.deps.relationships.anyBlocked(a, [b]);
  }

  private async requireOtherUser(userId: string, targetId: string): Promise<void> {
    if (userId === targetId)
      throw new DomainError("VALIDATION_FAILED", "That is you.", { fields: { user_id: "is you" } });
    if (!(await this.deps.users.findById(targetId))) throw notFound("User", "UNKNOWN_USER");
  }

  private async publishAdd(owner: string, other: string): Promise<void> {
    const [row] = await this.deps.relationships.pair(owner, other);
    const user = await this.deps.users.findById(other);
    if (row && user) {
      await this.deps.events.publish(userTopic(owner), { type: "RELATIONSHIP_ADD", data: present(row, user) });
    }
  }

  private async publishPair(a: string, b: string): Promise<void> {
    await this.publishAdd(a, b);
    await this.publishAdd(b, a);
  }
}
