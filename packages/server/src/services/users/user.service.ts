/** Profiles: reading your own account, editing it, and viewing other people's public profiles. */
import type { CurrentUser, PublicUser, UpdateCurrentUser } from "@nexus/protocol";
import type { EventPublisher } from "../../bus/bus.js";
import { notFound } from "../../errors.js";
import { userTopic } from "../../events/domain-events.js";
import type { UserRepository } from "../../storage/repositories/user.repository.js";
import { toCurrentUser, toPublicUser } from "./user-presenter.js";

export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly events: EventPublisher,
  ) {}

  async getCurrent(userId: string): Promise<CurrentUser> {
    const row = await this.users.findById(userId);
    if (!row) throw notFound("User", "UNKNOWN_USER");
    return toCurrentUser(row);
  }

  async updateCurrent(userId: string, changes: UpdateCurrentUser): Promise<CurrentUser> {
    if (Object.keys(changes).length === 0) return this.getCurrent(userId);
    await this.users.update(userId, changes);
    const user = await this.getCurrent(userId);
    // Every session of this user learns the change (other devices update their profile view).
    await this.events.publish(userTopic(userId), { type: "USER_UPDATE", data: user });
    return user;
  }

  async getPublic(userId: string): Promise<PublicUser> {
    const row = await this.users.findById(userId);
    if (!row) throw notFound("User", "UNKNOWN_USER");
    return toPublicUser(row);
  }
}
