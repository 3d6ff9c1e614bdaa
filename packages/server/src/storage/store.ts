/** The community repositories as one unit of work: services run multi-table writes in one transaction. */
import type { Db } from "./database.js";
import { AuditLogRepository } from "./repositories/audit-log.repository.js";
import { BanRepository } from "./repositories/ban.repository.js";
import { BlobRefRepository } from "./repositories/blob-ref.repository.js";
import { ChannelRepository } from "./repositories/channel.repository.js";
import { EmojiRepository } from "./repositories/emoji.repository.js";
import { GuildRepository } from "./repositories/guild.repository.js";
import { InviteRepository } from "./repositories/invite.repository.js";
import { MemberRepository } from "./repositories/member.repository.js";
import { RoleRepository } from "./repositories/role.repository.js";
import { UserRepository } from "./repositories/user.repository.js";

export interface Repositories {
  guilds: GuildRepository;
  channels: ChannelRepository;
  roles: RoleRepository;
  members: MemberRepository;
  bans: BanRepository;
  invites: InviteRepository;
  auditLog: AuditLogRepository;
  users: UserRepository;
  emojis: EmojiRepository;
  blobRefs: BlobRefRepository;
}

function repositories(db: Db): Repositories {
  return {
    guilds: new GuildRepository(db),
    channels: new ChannelRepository(db),
    roles: new RoleRepository(db),
    members: new MemberRepository(db),
    bans: new BanRepository(db),
    invites: new InviteRepository(db),
    auditLog: new AuditLogRepository(db),
    users: new UserRepository(db),
    emojis: new EmojiRepository(db),
    blobRefs: new BlobRefRepository(db),
  };
}

export class Store {
  /** Repositories outside any transaction (reads, single-statement writes). */
  readonly repos: Repositories;

  constructor(private readonly db: Db) {
    this.repos = repositories(db);
  }

  /** Runs `work` in one transaction; everything commits or nothing does. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(repositories(trx)));
  }
}
