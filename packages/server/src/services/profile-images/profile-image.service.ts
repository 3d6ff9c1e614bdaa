/**
 * Avatars, guild icons and banners: uploaded through the media pipeline, stored at standard sizes (animation kept),
 * named by a hash of their bytes, and announced with USER_UPDATE or GUILD_UPDATE.
 */
import type { CurrentUser, Guild } from "@nexus/protocol";
import type { AccessService } from "../../access/access.service.js";
import type { BlobStore, ByteSource } from "../../blobs/blob-store.js";
import type { EventPublisher } from "../../bus/bus.js";
import { notFound } from "../../errors.js";
import { userTopic } from "../../events/domain-events.js";
import { type IconShape, type IngestedIcon, ingestIcon } from "../../media/ingest.js";
import type { GuildRepository } from "../../storage/repositories/guild.repository.js";
import type {
  ImageKind,
  ImageOwner,
  ProfileImageRepository,
  StoredImage,
} from "../../storage/repositories/profile-image.repository.js";
import type { UserRepository } from "../../storage/repositories/user.repository.js";
import type { DownloadableFile } from "../attachments/attachment.service.js";
import type { CommunityEvents } from "../community-events.js";
import { toGuild } from "../guilds/community-presenter.js";
import { rethrowMediaError } from "../media-errors.js";
import { toCurrentUser } from "../users/user-presenter.js";
import type { ProfileImageJanitor } from "./profile-image-janitor.js";

export type GuildImageKind = Exclude<ImageKind, "avatar">;

export interface ProfileImageServiceDeps {
  images: ProfileImageRepository;
  janitor: ProfileImageJanitor;
  users: UserRepository;
  guilds: GuildRepository;
  access: AccessService;
  blobs: BlobStore;
  bus: EventPublisher;
  events: CommunityEvents;
  tempDir: string;
  maxBytes: number;
}

const SHAPES: Record<ImageKind, IconShape> = { avatar: "square", icon: "square", banner: "banner" };

/** "a_" marks animated images (clients may show a still until hovered), then 128 bits of the largest size's hash. */
function imageHash(icon: IngestedIcon): string {
  const largest = icon.variants.at(-1)?.blob.key ?? "";
  return `${icon.animated ? "a_" : ""}${largest.slice(0, 32)}`;
}

export class ProfileImageService {
  constructor(private readonly deps: ProfileImageServiceDeps) {}

  /** Sets (or with null, removes) the user's avatar. */
  async setAvatar(userId: string, source: ByteSource | null): Promise<CurrentUser> {
    await this.store({ kind: "avatar", id: userId }, source);
    const row = await this.deps.users.findById(userId);
    if (!row) throw notFound("User", "UNKNOWN_USER");
    const user = toCurrentUser(row);
    await this.deps.bus.publish(userTopic(userId), { type: "USER_UPDATE", data: user });
    return user;
  }

  /** MANAGE_GUILD; sets (or with null, removes) the guild's icon or banner. */
  async setGuildImage(
    userId: string,
    guildId: string,
    kind: GuildImageKind,
    source: ByteSource | null,
  ): Promise<Guild> {
    (await this.deps.access.member(guildId, userId)).require("MANAGE_GUILD");
    await this.store({ kind, id: guildId }, source);
    const row = await this.deps.guilds.findById(guildId);
    if (!row) throw notFound("Guild", "UNKNOWN_GUILD");
    const guild = toGuild(row);
    await this.deps.events.toGuild(guildId, "GUILD_UPDATE", guild);
    return guild;
  }

  /**
   * The current image at one of its standard sizes. Anyone may fetch it: its hash appears only in user and guild
   * objects shown to people who can see them, and 128 bits of it cannot be guessed.
   */
  async image(owner: ImageOwner, hash: string, size: number): Promise<DownloadableFile> {
    const key = await this.deps.images.find(owner, hash, size);
    const stat = key ? await this.deps.blobs.stat(key) : undefined;
    if (!key || !stat) throw notFound("Image");
    return {
      filename: `${hash}.webp`,
      contentType: "image/webp",
      size: stat.size,
      etag: key,
      open: (range) => this.deps.blobs.get(key, range),
    };
  }

  private async store(owner: ImageOwner, source: ByteSource | null): Promise<void> {
    await this.deps.janitor.replace(owner, source ? await this.ingest(source, SHAPES[owner.kind]) : null);
  }

  private async ingest(source: ByteSource, shape: IconShape): Promise<StoredImage> {
    try {
      const icon = await ingestIcon(
        source,
        { blobs: this.deps.blobs, tempDir: this.deps.tempDir },
        { maxBytes: this.deps.maxBytes, shape },
      );
      return { hash: imageHash(icon), variants: icon.variants.map((v) => ({ size: v.size, blobKey: v.blob.key })) };
    } catch (error) {
      rethrowMediaError(error, this.deps.maxBytes);
    }
  }
}
