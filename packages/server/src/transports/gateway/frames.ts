/**
 * Frame encoding for the fan-out hot path. A dispatch is serialized once per event into a shared prefix
 * `{"op":"dispatch","t":"X","d":<payload>,"s":` and each session only appends its own sequence number and `}`
 * when its connection writes the turn's frames (see ws-frames.ts), so a thousand recipients cost one
 * JSON.stringify, and no recipient allocates anything of its own per dispatch.
 */
import { intentOf, type OutboundOp } from "@nexus/protocol";

export interface EncodedDispatch {
  readonly type: string;
  /** The intent a session must have asked for to receive it (see GatewaySession.wants); undefined: always sent. */
  readonly intent: string | undefined;
  /** The frame up to and including `"s":` — shared, never mutated, kept by replay buffers. */
  readonly body: Buffer;
  /** When it was encoded (ms since the epoch): its age in replay buffers, read once instead of per recipient. */
  readonly at: number;
  /** Bus log position of the event this dispatch reports, when the bus keeps a log (see Bus.checkpoint). */
  readonly position?: string;
}

/** Whatever takes dispatches for one user: a gateway session, or a catch-up collecting them. */
export interface DispatchTarget {
  deliver(dispatch: EncodedDispatch): void;
}

export function encodeDispatch(type: string, data: unknown, position?: string): EncodedDispatch {
  const head = `{"op":"dispatch","t":${JSON.stringify(type)},"d":`;
  const body = Buffer.from(`${head}${JSON.stringify(data)},"s":`);
  const encoded = { type, intent: intentOf(type), body, at: Date.now() };
  return position === undefined ? encoded : { ...encoded, position };
}

/** The complete frame for one session: the shared body plus its own `s`. */
export function stampSequence(body: Buffer, seq: number): Buffer {
  const digits = String(seq);
  const frame = Buffer.allocUnsafe(body.length + digits.length + 1);
  body.copy(frame, 0);
  frame.write(digits, body.length, "latin1");
  frame[frame.length - 1] = 0x7d; // "}"
  return frame;
}

/** A non-dispatch frame (hello, heartbeat_ack, invalid_session); these are rare, so plain stringify. */
export function encodeControl(op: Exclude<OutboundOp, "dispatch">, d?: unknown): string {
  return JSON.stringify(d === undefined ? { op } : { op, d });
}
