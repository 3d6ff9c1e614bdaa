/** Profiles: reading your own account, editing it, and viewing other people's public profiles. */
import type { CurrentUser, PublicUser, UpdateCurrentUser } from "@nexus/protocol";
import { notFound } from "../../errors.js";
import type { UserRepository } from "../../storage/repositories/user.repository.js";
import { toCurrentUser, toPublicUser } from "./user-presenter.js";

export class UserService {
  constructor(private readonly users: UserRepository) {}

  async getCurrent(userId: string): Promise<CurrentUser> {
    const row = await this.users.findById(userId);
    if (!row) throw notFound("User", "UNKNOWN_USER");
    return toCurrentUser(row);
  }

  async updateCurrent(userId: string, changes: UpdateCurrentUser): Promise<CurrentUser> {
    if (Object.keys(changes).length > 0) await this.users.update(userId, changes);
    return this.getCurrent(userId);
  }

  async getPublic(userId: string): Promise<PublicUser> {
    const row = await this.users.findById(userId);
    if (!row) throw notFound("User", "UNKNOWN_USER");
    return toPublicUser(row);
  }
}
