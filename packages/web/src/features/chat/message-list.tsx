/**
 * The conversation: a virtualized list (only what is on screen is rendered, so 10,000 loaded messages scroll
 * smoothly) that loads older pages when scrolled to the top, follows new messages while at the bottom, marks the
 * channel read there, and remembers where you were when you come back.
 */
import { forwardRef, type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { type ItemProps, type ListProps, Virtuoso, type VirtuosoHandle } from "react-virtuoso";
import { ackChannel, clearFocus, jumpToPresent, loadNewer, loadOlder } from "./message-actions.js";
import { MessageItem } from "./message-item.js";
import { type ChannelMessages, type ChatMessage, compareIds, isLocal, newestConfirmed } from "./message-store.js";
import { useReadState } from "./read-states.js";
import { useStickToBottom } from "./stick-to-bottom.js";

/** Grouped under one header: same author, within 7 minutes, same day. */
const GROUP_WINDOW_MS = 7 * 60 * 1000;
/** Virtuoso counts prepended rows down from here (it must stay positive). */
const START_INDEX = 10_000_000;
/** Within this many pixels of the end counts as at the bottom. */
const AT_BOTTOM_PX = 48;

interface Row {
  message: ChatMessage;
  grouped: boolean;
  /** A day divider above this row ("March 3, 2026"), or null. */
  day: string | null;
  /** The "new messages" divider sits above this row. */
  firstUnread: boolean;
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "long" });

/** The local calendar day as a number: comparing these costs nothing next to formatting every message's date. */
function localDay(time: number): number {
  const date = new Date(time);
  return date.getFullYear() * 512 + date.getMonth() * 32 + date.getDate();
}

/** `skipId`: whose messages the "new messages" divider never sits on (yours, unless you marked one unread). */
function buildRows(messages: ChatMessage[], unreadAfterId: string | null, skipId: string | null): Row[] {
  let previous: { authorId: string; time: number; day: number } | undefined;
  let unreadMarked = unreadAfterId === null;
  return messages.map((message) => {
    const time = Date.parse(message.created_at);
    const day = localDay(time);
    const newDay = previous?.day !== day;
    const firstUnread =
      !unreadMarked &&
      !isLocal(message) &&
      message.author.id !== skipId &&
      compareIds(message.id, unreadAfterId ?? "") > 0;
    if (firstUnread) unreadMarked = true;
    const grouped =
      !!previous &&
      !newDay &&
      !firstUnread &&
      !message.reply_to &&
      previous.authorId === message.author.id &&
      time - previous.time < GROUP_WINDOW_MS;
    previous = { authorId: message.author.id, time, day };
    return { message, grouped, day: newDay ? dayFormat.format(time) : null, firstUnread };
  });
}

/**
 * The rows last built for each message window. A channel's window is the same array until it changes, so switching
 * back to a cached channel reuses its rows instead of rebuilding one per message (10,000 after a long scroll up).
 */
const builtRows = new WeakMap<ChatMessage[], { unreadAfterId: string | null; skipId: string | null; rows: Row[] }>();

function rowsOf(messages: ChatMessage[], unreadAfterId: string | null, skipId: string | null): Row[] {
  const built = builtRows.get(messages);
  if (built && built.unreadAfterId === unreadAfterId && built.skipId === skipId) return built.rows;
  const rows = buildRows(messages, unreadAfterId, skipId);
  builtRows.set(messages, { unreadAfterId, skipId, rows });
  return rows;
}

/** Where each channel was scrolled to: at the bottom, or the message at the top of the view. */
const positions = new Map<string, { atBottom: boolean; topId: string | null }>();

/**
 * Virtuoso keeps the view still when rows are prepended if firstItemIndex drops by exactly their number. This
 * works that out from the previous window; when the window was replaced (a jump), the list remounts instead.
 */
function useFirstItemIndex(messages: ChatMessage[]): { firstItemIndex: number; generation: number } {
  const memory = useRef({ ids: [] as string[], firstItemIndex: START_INDEX, generation: 0 });
  const ids = messages.map((m) => m.id);
  const m = memory.current;
  if (ids[0] !== m.ids[0]) {
    const prepended = m.ids[0] === undefined ? -1 : ids.indexOf(m.ids[0]);
    const removed = ids[0] === undefined ? -1 : m.ids.indexOf(ids[0]);
    if (m.ids.length === 0) m.firstItemIndex = START_INDEX;
    else if (prepended > 0) m.firstItemIndex -= prepended;
    else if (removed > 0) m.firstItemIndex += removed;
    else {
      m.generation += 1;
      m.firstItemIndex = START_INDEX;
    }
  }
  m.ids = ids;
  return { firstItemIndex: m.firstItemIndex, generation: m.generation };
}

const List = forwardRef<HTMLOListElement, ListProps>(function List(props, ref) {
  return <ol {...props} ref={ref} className="message-rows" />;
});

function Item({ item: _item, ...props }: ItemProps<Row>) {
  return <li {...props} className="message-row" />;
}

interface ListContext {
  hasOlder: boolean;
  loadingOlder: boolean;
  intro: ReactNode;
}

function Header({ context }: { context: ListContext }) {
  if (!context.hasOlder) return context.intro;
  return (
    <div className="history-loading" aria-hidden={!context.loadingOlder}>
      {context.loadingOlder ? "Loading older messages…" : ""}
    </div>
  );
}

function Footer() {
  return <div className="message-list-end" />;
}

function RowView({ row, highlighted }: { row: Row; highlighted: boolean }) {
  return (
    <>
      {row.day ? (
        // biome-ignore lint/a11y/useSemanticElements: a divider with visible text, which <hr> cannot hold
        <div
          className={`divider${row.firstUnread ? " divider-unread" : ""}`}
          role="separator"
          aria-label={row.firstUnread ? `${row.day}, new messages` : row.day}
        >
          <span>{row.day}</span>
          {row.firstUnread ? <span className="divider-new">New</span> : null}
        </div>
      ) : row.firstUnread ? (
        // biome-ignore lint/a11y/useSemanticElements: a divider with visible text, which <hr> cannot hold
        <div className="divider divider-unread" role="separator" aria-label="New messages">
          <span className="divider-new">New messages</span>
        </div>
      ) : null}
      <MessageItem message={row.message} grouped={row.grouped} highlighted={highlighted} />
    </>
  );
}

export interface MessageListProps {
  channelId: string;
  label: string;
  channel: ChannelMessages;
  myId: string;
  /** The read marker when the channel was opened: the "new messages" divider goes after it. */
  unreadAfterId: string | null;
  /** The divider was placed by Mark Unread: it goes on the marked message even if it is yours. */
  markedUnread: boolean;
  /** Shown above the first message once the start of history is reached. */
  intro: ReactNode;
}

export function MessageList(props: MessageListProps) {
  const { channelId, label, channel, myId, unreadAfterId, markedUnread, intro } = props;
  const handle = useRef<VirtuosoHandle>(null);
  const skipId = markedUnread ? null : myId;
  const rows = useMemo(
    () => rowsOf(channel.messages, unreadAfterId, skipId),
    [channel.messages, unreadAfterId, skipId],
  );
  const { firstItemIndex, generation } = useFirstItemIndex(channel.messages);
  const saved = useRef(positions.get(channelId));
  const [atBottom, setAtBottom] = useState(saved.current?.atBottom ?? true);
  const stick = useStickToBottom(atBottom && !channel.focusId, AT_BOTTOM_PX);
  const topId = useRef<string | null>(saved.current?.topId ?? null);
  const readState = useReadState(channelId);
  const newest = newestConfirmed(channel);
  const [highlightId, setHighlightId] = useState<string | null>(null);

  // Remember the position for the next visit: the intent, not where measuring rows may have nudged the view.
  const intent = stick.intent;
  useEffect(
    () => () => {
      positions.set(channelId, { atBottom: intent.current, topId: topId.current });
    },
    [channelId, intent],
  );

  const initialFocus = useRef<string | null>(null);
  // Only the first render of each list generation uses it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: computed once per mount
  const initialIndex = useMemo(() => {
    initialFocus.current = channel.focusId;
    const target = channel.focusId ?? (saved.current && !saved.current.atBottom ? saved.current.topId : null);
    const index = target ? rows.findIndex((row) => row.message.id === target) : -1;
    stick.intent.current = index < 0;
    if (index >= 0) return { index, align: channel.focusId ? ("center" as const) : ("start" as const) };
    return { index: Math.max(0, rows.length - 1), align: "end" as const };
  }, [generation]);

  // A jump target: scroll to it and highlight it for a moment.
  useEffect(() => {
    const focusId = channel.focusId;
    if (!focusId) return;
    // A list that just mounted already starts there (initialIndex); scrolling it again would fight that.
    const index = rows.findIndex((row) => row.message.id === focusId);
    if (index >= 0 && focusId !== initialFocus.current) {
      intent.current = false;
      handle.current?.scrollToIndex({ index, align: "center" });
    }
    initialFocus.current = null;
    setHighlightId(focusId);
    clearFocus(channelId);
  }, [channel.focusId, rows, channelId, intent]);
  useEffect(() => {
    if (!highlightId) return;
    const timer = setTimeout(() => setHighlightId(null), 3000);
    return () => clearTimeout(timer);
  }, [highlightId]);

  // At the bottom, or meant to be there while rows being measured nudge the view.
  const following = atBottom || intent.current;

  // Viewing the newest message marks the channel read (locally at once, then on the server), unless it was just
  // marked unread by hand: then it stays unread until you leave it or write in it.
  useEffect(() => {
    if (!following || channel.hasNewer || !newest || readState?.held) return;
    const acked = readState?.server_read_id;
    if (acked && compareIds(acked, newest.id) >= 0) return;
    const ack = () => {
      if (document.visibilityState === "visible") ackChannel(channelId, newest.id);
    };
    const timer = setTimeout(ack, 300);
    document.addEventListener("visibilitychange", ack);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", ack);
    };
  }, [following, channel.hasNewer, newest, readState?.server_read_id, readState?.held, channelId]);

  if (channel.loading === "initial" && rows.length === 0) {
    return (
      <div className="message-list message-list-loading" role="status">
        Loading messages…
      </div>
    );
  }

  const showJump = channel.hasNewer || !following;
  return (
    <div className="message-list" role="log" aria-label={label} aria-busy={channel.loading !== "idle"}>
      <Virtuoso<Row, ListContext>
        key={generation}
        ref={handle}
        scrollerRef={stick.scrollerRef}
        className="message-scroller"
        data={rows}
        firstItemIndex={firstItemIndex}
        initialTopMostItemIndex={initialIndex}
        computeItemKey={(_, row) => (row.message.nonce && isLocal(row.message) ? row.message.nonce : row.message.id)}
        itemContent={(_, row) => <RowView row={row} highlighted={row.message.id === highlightId} />}
        context={{ hasOlder: channel.hasOlder, loadingOlder: channel.loading === "older", intro }}
        components={{ List, Item, Header, Footer }}
        startReached={() => {
          if (channel.hasOlder) void loadOlder(channelId);
        }}
        endReached={() => {
          if (channel.hasNewer) void loadNewer(channelId);
        }}
        followOutput={(bottom) => {
          const last = channel.messages.at(-1);
          if (last && isLocal(last) && last.author.id === myId) return "auto";
          // Pages loaded below a window in the past extend it; only live messages at the present pull the view down.
          return (bottom || intent.current) && !channel.hasNewer ? "auto" : false;
        }}
        atBottomThreshold={AT_BOTTOM_PX}
        atBottomStateChange={setAtBottom}
        totalListHeightChanged={() => {
          // Rows were measured (the first ones after opening, or a message that grew: an edit, a reaction row, a
          // thread): while the person means to stay at the bottom, pin the view back there.
          if (intent.current && !channel.hasNewer) handle.current?.scrollToIndex({ index: "LAST", align: "end" });
        }}
        rangeChanged={(range) => {
          topId.current = rows[range.startIndex - firstItemIndex]?.message.id ?? null;
        }}
        increaseViewportBy={{ top: 600, bottom: 300 }}
      />
      {showJump ? (
        <div className="jump-bar">
          <span>{channel.hasNewer ? "You're viewing older messages" : "Newer messages below"}</span>
          <button
            type="button"
            className="jump-button"
            onClick={() => {
              if (channel.hasNewer) void jumpToPresent(channelId);
              else {
                intent.current = true;
                handle.current?.scrollToIndex({ index: "LAST", align: "end" });
              }
            }}
          >
            Jump to present
          </button>
        </div>
      ) : null}
    </div>
  );
}
