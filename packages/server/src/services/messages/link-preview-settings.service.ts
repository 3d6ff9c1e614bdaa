/** The link-preview switches: a server's (MANAGE_GUILD turns it off for every message there) and each author's own. */
import type { LinkPreviewSettings } from "@nexus/protocol";
import type { AccessService } from "../../access/access.service.js";
import type { EventPublisher } from "../../bus/bus.js";
import { guildTopic, userTopic } from "../../events/domain-events.js";
import type { LinkPreviewRepository } from "../../storage/repositories/link-preview.repository.js";

export interface LinkPreviewSettingsServiceDeps {
  settings: LinkPreviewRepository;
  access: AccessService;
  events: EventPublisher;
}

export class LinkPreviewSettingsService {
  constructor(private readonly deps: LinkPreviewSettingsServiceDeps) {}

  async forUser(userId: string): Promise<LinkPreviewSettings> {
    return this.read(userId);
  }

  async setForUser(userId: string, input: LinkPreviewSettings): Promise<LinkPreviewSettings> {
    await this.deps.settings.setEnabled(userId, input.enabled);
    await this.deps.events.publish(userTopic(userId), {
      type: "LINK_PREVIEW_SETTINGS_UPDATE",
      data: { scope: "user", id: userId, enabled: input.enabled },
    });
    return input;
  }

  /** Any member may read it (the client explains why links show no preview). */
  async forGuild(userId: string, guildId: string): Promise<LinkPreviewSettings> {
    await this.deps.access.member(guildId, userId);
    return this.read(guildId);
  }

  async setForGuild(userId: string, guildId: string, input: LinkPreviewSettings): Promise<LinkPreviewSettings> {
    await this.deps.access.require(guildId, userId, "MANAGE_GUILD");
    await this.deps.settings.setEnabled(guildId, input.enabled);
    await this.deps.events.publish(guildTopic(guildId), {
      type: "LINK_PREVIEW_SETTINGS_UPDATE",
      guild_id: guildId,
      permission: "MANAGE_GUILD",
      data: { scope: "guild", id: guildId, enabled: input.enabled },
    });
    return input;
  }

  private async read(scopeId: string): Promise<LinkPreviewSettings> {
    return { enabled: (await this.deps.settings.disabledAmong([scopeId])).length === 0 };
  }
}
