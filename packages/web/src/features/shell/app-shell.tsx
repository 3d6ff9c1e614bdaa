/** The signed-in layout: server rail, channel sidebar, chat pane and member list; drawers below 768 px. */
import { lazy, Suspense, useEffect, useState } from "react";
import { Navigate, useLocation, useParams } from "react-router";
import { communityStore } from "../../state/community.js";
import { loadMembers } from "../../state/community-actions.js";
import { can } from "../../state/permissions.js";
import { connectionStore } from "../../state/realtime.js";
import { sessionStore } from "../../state/session.js";
import { useStore } from "../../state/store.js";
import { useTitle } from "../../ui/use-title.js";
import { ChatTools } from "../chat/chat-tools.js";
import { dmName, dmStore } from "../dms/dm-store.js";
import { NotificationMenu } from "../notifications/notification-menu.js";
import { SearchBox } from "../search/search-box.js";
import { channelAdminFor } from "../server-settings/channel-admin.js";
import { LayerHost } from "../settings/layer-host.js";
import { ChannelSidebar } from "./channel-sidebar.js";
import { ChatHeader, EmptyState } from "./chat-pane.js";
import { CreateServerDialog } from "./create-server-dialog.js";
import { InviteDialog } from "./invite-dialog.js";
import { JoinServerDialog } from "./join-server-dialog.js";
import { MemberList } from "./member-list.js";
import { ServerRail } from "./server-rail.js";

// The message pane (list, markdown, composer) loads after the shell, keeping the first download small.
const ChatView = lazy(() => import("../chat/chat-view.js"));
const DmView = lazy(() => import("../dms/dm-view.js"));
const FriendsPage = lazy(() => import("../dms/friends-page.js"));

type Layer = "none" | "navigation" | "members" | "create" | "join" | "invite";

const NARROW = "(max-width: 768px)";

export function AppShell() {
  const { guildId = "@me", channelId } = useParams();
  const location = useLocation();
  const session = useStore(sessionStore, (s) => s);
  const community = useStore(communityStore, (s) => s);
  const connection = useStore(connectionStore, (s) => s);
  const dm = useStore(dmStore, (s) => (guildId === "@me" && channelId ? s.channels[channelId] : undefined));
  const [layer, setLayer] = useState<Layer>("none");
  const [membersShown, setMembersShown] = useState(() => !window.matchMedia(NARROW).matches);
  const [moveError, setMoveError] = useState<string>();

  const entry = community.guilds[guildId];
  const guild = entry?.guild ?? null;
  const channels = entry?.channels ?? [];
  const channel = channels.find((c) => c.id === channelId);
  const firstText = channels.filter((c) => c.type === "text").sort((a, b) => a.position - b.position)[0];
  const guilds = community.order.flatMap((id) => community.guilds[id]?.guild ?? []);

  const homeTitle = dm ? dmName(dm) : "Friends";
  useTitle(channel ? `#${channel.name}` : guild ? guild.name : homeTitle, channel && guild ? guild.name : null);

  useEffect(() => {
    if (guild && !community.members[guild.id]) void loadMembers(guild.id).catch(() => undefined);
  }, [guild, community.members]);

  // Moving somewhere closes whatever drawer was open (on phones the drawer covers the page).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => setLayer("none"), [location.pathname]);

  // A refused channel move is reported for a few seconds, long enough to read.
  useEffect(() => {
    if (!moveError) return;
    const timer = setTimeout(() => setMoveError(undefined), 6000);
    return () => clearTimeout(timer);
  }, [moveError]);

  useEffect(() => {
    if (layer !== "navigation" && layer !== "members") return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") setLayer("none");
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [layer]);

  if (session.status !== "signed-in") return null;
  const { user } = session;
  if (guild && !channel && firstText) return <Navigate to={`/channels/${guild.id}/${firstText.id}`} replace />;
  if (guildId !== "@me" && community.status === "ready" && !guild) return <Navigate to="/channels/@me" replace />;

  const narrow = () => window.matchMedia(NARROW).matches;
  const toggleMembers = () => {
    if (narrow()) setLayer(layer === "members" ? "none" : "members");
    else setMembersShown(!membersShown);
  };
  const membersVisible = narrow() ? layer === "members" : membersShown;
  const inviteChannel = channel ?? firstText;
  const mayInvite = entry && inviteChannel ? can(entry, user.id, "CREATE_INVITE", inviteChannel) : false;

  return (
    <div className="app-shell" data-layer={layer} data-members={membersVisible ? "shown" : "hidden"}>
      <a className="skip-link" href="#chat-main">
        Skip to conversation
      </a>
      <div className="nav-drawer">
        <ServerRail
          guilds={guilds}
          activeGuildId={guildId}
          onCreate={() => setLayer("create")}
          onJoin={() => setLayer("join")}
        />
        <ChannelSidebar
          user={user}
          guild={guild}
          channels={channels}
          activeChannelId={channelId}
          onInvite={mayInvite ? () => setLayer("invite") : undefined}
          admin={entry ? channelAdminFor(entry, user.id, setMoveError) : undefined}
          notice={moveError}
        />
      </div>
      <button
        type="button"
        className="drawer-scrim"
        aria-label="Close panel"
        tabIndex={-1}
        onClick={() => setLayer("none")}
      />
      <main className="chat-pane" id="chat-main" tabIndex={-1}>
        <ChatHeader
          title={channel ? channel.name : guild ? guild.name : homeTitle}
          icon={channel ? "hash" : dm ? "at" : "members"}
          topic={channel?.topic}
          membersOpen={membersVisible}
          onOpenNavigation={() => setLayer("navigation")}
          onToggleMembers={toggleMembers}
          tools={
            <>
              {channel ? <ChatTools /> : null}
              {channel ? (
                <NotificationMenu scope="channel" id={channel.id} label="Notification settings" noun="channel" />
              ) : null}
              <SearchBox guildId={guild?.id ?? null} />
            </>
          }
        />
        {connection === "reconnecting" || connection === "offline" ? (
          <p className="connection-banner" role="status">
            {connection === "offline" ? "You're offline. Waiting for the network…" : "Reconnecting…"}
          </p>
        ) : null}
        <div className="chat-body">
          {entry && channel ? (
            <Suspense fallback={<p className="message-list-loading">Loading messages…</p>}>
              <ChatView entry={entry} channel={channel} user={user} members={community.members[entry.guild.id]} />
            </Suspense>
          ) : dm ? (
            <Suspense fallback={<p className="message-list-loading">Loading messages…</p>}>
              <DmView channel={dm} me={user} />
            </Suspense>
          ) : guild ? (
            <EmptyState title="No text channels">
              <p>This server has no channel you can read yet.</p>
            </EmptyState>
          ) : (
            <Suspense fallback={null}>
              <FriendsPage
                welcome={
                  guilds.length === 0 ? (
                    <EmptyState
                      title="Welcome to Nexus"
                      art={<img src="/favicon.svg" alt="" width={96} height={96} className="empty-state-art" />}
                    >
                      <p>Create a server for your friends or join one with an invite link.</p>
                      <div className="empty-state-actions">
                        <button type="button" className="btn btn-primary" onClick={() => setLayer("create")}>
                          Create a server
                        </button>
                        <button type="button" className="btn btn-secondary" onClick={() => setLayer("join")}>
                          Join a server
                        </button>
                      </div>
                    </EmptyState>
                  ) : null
                }
              />
            </Suspense>
          )}
        </div>
      </main>
      {membersVisible ? (
        guild && entry ? (
          <MemberList members={community.members[guild.id]} presences={community.presences} roles={entry.roles} />
        ) : (
          <aside className="member-list" aria-label="Active now">
            <h2 className="member-group-title">Active now</h2>
            <p className="member-quiet">It's quiet for now. When friends start chatting, you'll see them here.</p>
          </aside>
        )
      ) : null}
      <CreateServerDialog open={layer === "create"} onClose={() => setLayer("none")} username={user.username} />
      <JoinServerDialog open={layer === "join"} onClose={() => setLayer("none")} />
      {guild && inviteChannel ? (
        <InviteDialog
          open={layer === "invite"}
          onClose={() => setLayer("none")}
          guild={guild}
          channel={inviteChannel}
        />
      ) : null}
      <LayerHost />
    </div>
  );
}
