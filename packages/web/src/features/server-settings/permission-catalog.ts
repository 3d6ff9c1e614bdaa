/** Every permission with a human name and what it allows, grouped as the settings screens show them. */
import type { PermissionName } from "@nexus/protocol";

export interface PermissionInfo {
  name: PermissionName;
  label: string;
  description: string;
}

export interface PermissionGroup {
  title: string;
  permissions: PermissionInfo[];
  /** Meaningful inside a channel (shown in the channel permission editor). */
  channel: boolean;
}

const p = (name: PermissionName, label: string, description: string): PermissionInfo => ({ name, label, description });

export const PERMISSION_GROUPS: PermissionGroup[] = [
  {
    title: "General server permissions",
    channel: false,
    permissions: [
      p("ADMINISTRATOR", "Administrator", "Every permission, in every channel. Overwrites can't take it away."),
      p(
        "MANAGE_GUILD",
        "Manage Server",
        "Change the server's name and description, list it in the directory, see invites.",
      ),
      p("MANAGE_ROLES", "Manage Roles", "Create and edit roles below their own highest role, and assign them."),
      p("VIEW_AUDIT_LOG", "View Audit Log", "Read the record of who changed what in this server."),
      p("MANAGE_EMOJIS", "Manage Emoji", "Add and remove the server's custom emoji."),
      p("MANAGE_WEBHOOKS", "Manage Webhooks", "Create, edit and delete webhooks."),
    ],
  },
  {
    title: "Channel management",
    channel: true,
    permissions: [
      p("VIEW_CHANNEL", "View Channels", "See channels. Without it a channel does not exist for them."),
      p("MANAGE_CHANNELS", "Manage Channels", "Create, edit, reorder and delete channels."),
    ],
  },
  {
    title: "Membership",
    channel: true,
    permissions: [
      p("CREATE_INVITE", "Create Invite", "Invite new people to this server."),
      p("CHANGE_NICKNAME", "Change Nickname", "Change their own nickname in this server."),
      p("MANAGE_NICKNAMES", "Manage Nicknames", "Change other members' nicknames."),
      p("KICK_MEMBERS", "Kick Members", "Remove members from the server; they can rejoin with an invite."),
      p("BAN_MEMBERS", "Ban Members", "Remove members for good and delete their recent messages."),
      p("MODERATE_MEMBERS", "Timeout Members", "Stop members from chatting, reacting and speaking for a while."),
    ],
  },
  {
    title: "Text channel permissions",
    channel: true,
    permissions: [
      p("SEND_MESSAGES", "Send Messages", "Post messages in text channels."),
      p("SEND_MESSAGES_IN_THREADS", "Send Messages in Threads", "Post messages in threads."),
      p("CREATE_THREADS", "Create Threads", "Start threads."),
      p("EMBED_LINKS", "Embed Links", "Links they post show a preview."),
      p("ATTACH_FILES", "Attach Files", "Upload files and images."),
      p("ADD_REACTIONS", "Add Reactions", "Add new reactions to messages."),
      p("USE_EXTERNAL_EMOJI", "Use External Emoji", "Use emoji from other servers."),
      p("MENTION_EVERYONE", "Mention @everyone, @here and All Roles", "Notify everyone in the channel at once."),
      p("MANAGE_MESSAGES", "Manage Messages", "Delete and pin other members' messages."),
      p("MANAGE_THREADS", "Manage Threads", "Rename, lock, archive and delete threads."),
      p("READ_MESSAGE_HISTORY", "Read Message History", "Read messages sent before they arrived."),
    ],
  },
  {
    title: "Voice channel permissions",
    channel: true,
    permissions: [
      p("CONNECT", "Connect", "Join voice channels."),
      p("SPEAK", "Speak", "Talk in voice channels."),
      p("STREAM", "Video", "Share their camera or screen."),
      p("USE_VAD", "Use Voice Activity", "Talk without push-to-talk."),
      p("PRIORITY_SPEAKER", "Priority Speaker", "Be heard more easily over others."),
      p("MUTE_MEMBERS", "Mute Members", "Mute others in voice channels."),
      p("DEAFEN_MEMBERS", "Deafen Members", "Deafen others in voice channels."),
      p("MOVE_MEMBERS", "Move Members", "Move others between voice channels."),
    ],
  },
];
