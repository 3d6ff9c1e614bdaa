/** Profiles: reading your own account, editing it, viewing other people's public profiles, erasing your account. */
import type { CurrentUser, PublicUser, UpdateCurrentUser } from "@nexus/protocol";
import type { EventPublisher } from "../../bus/bus.js";
import { DomainError, notFound } from "../../errors.js";
import { userTopic } from "../../events/domain-events.js";
import type { GuildRepository } from "../../storage/repositories/guild.repository.js";
import type { UserRepository } from "../../storage/repositories/user.repository.js";
import { TOMBSTONE_PREFIX } from "../auth/auth.service.js";
import type { IdentityVerifier } from "../auth/identity-verifier.js";
import type { SessionService } from "../auth/session.service.js";
import type { ProfileImageJanitor } from "../profile-images/profile-image-janitor.js";
import { toCurrentUser, toPublicUser } from "./user-presenter.js";

export interface UserServiceDeps {
  users: UserRepository;
  guilds: Pick<GuildRepository, "countOwnedBy">;
  identity: IdentityVerifier;
  sessions: SessionService;
  /** Deletes an erased account's avatar files. */
  images: Pick<ProfileImageJanitor, "removeAll">;
  events: EventPublisher;
  now: () => number;
}

export class UserService {
  constructor(private readonly deps: UserServiceDeps) {}

  async getCurrent(userId: string): Promise<CurrentUser> {
    const row = await this.deps.users.findById(userId);
    if (!row) throw notFound("User", "UNKNOWN_USER");
    return toCurrentUser(row);
  }

  async updateCurrent(userId: string, changes: UpdateCurrentUser): Promise<CurrentUser> {
    if (Object.keys(changes).length === 0) return this.getCurrent(userId);
    await this.deps.users.update(userId, changes);
    const user = await this.getCurrent(userId);
    await this.deps.events.publish(userTopic(userId), { type: "USER_UPDATE", data: user });
    return user;
  }

  async getPublic(userId: string): Promise<PublicUser> {
    const row = await this.deps.users.findById(userId);
    if (!row) throw notFound("User", "UNKNOWN_USER");
    return toPublicUser(row);
  }

  /**
   * Erases the account after the password (and second factor, if on): personal data goes, the row stays as a
   * tombstone named deleted_user_<id> so other people's data can still point at it, and the old username is
   * free for anyone to register again. Like Discord, an owner must first transfer or delete their servers: a
   * server without an owner could never be managed or deleted again.
   */
  async deleteCurrent(userId: string, password: string, totpCode: string | undefined): Promise<void> {
    const owned = await this.deps.guilds.countOwnedBy(userId);
    if (owned > 0) {
      throw new DomainError(
        "OWNS_GUILDS",
        `You own ${owned === 1 ? "a server" : `${owned} servers`}: transfer ownership or delete ${owned === 1 ? "it" : "them"} before deleting your account.`,
      );
    }
    const user = await this.deps.identity.confirm(userId, password, totpCode);
    const tombstone = { username: `${TOMBSTONE_PREFIX}${user.id}`, username_key: `${TOMBSTONE_PREFIX}${user.id}` };
    await this.deps.users.erase(user.id, tombstone, this.deps.now());
    await this.deps.images.removeAll([{ kind: "avatar", id: user.id }]);
    await this.deps.sessions.announceRevokedAll(user.id);
  }
}
