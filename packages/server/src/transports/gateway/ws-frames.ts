/**
 * WebSocket framing of a connection's queued dispatches, for one socket write. `ws` frames every message on its
 * own (a header buffer plus the payload, a stream write each, and here a stamped copy of the body first); instead
 * the turn's frames for a connection are laid out back to back — header, shared body, the session's `s`, `}` —
 * in one slice of a slab shared by every connection of the turn. Server frames are unmasked (RFC 6455 §5.1), so a
 * frame is just a 2–10 byte header before its payload; text opcode, FIN set, no extensions.
 */

/** Slabs of this size hold the small batches; a batch over a quarter of it gets a buffer of its own. */
const SLAB_BYTES = 64 * 1024;

/** Dispatches queued for one connection: the shared bodies and this connection's sequence number for each. */
export interface DispatchBatch {
  bodies: Buffer[];
  seqs: number[];
}

function digitCount(n: number): number {
  let digits = 1;
  for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  return digits;
}

function headerLength(payloadLength: number): number {
  if (payloadLength < 126) return 2;
  return payloadLength < 65_536 ? 4 : 10;
}

function writeHeader(out: Buffer, at: number, payloadLength: number): number {
  out[at] = 0x81; // FIN + text
  if (payloadLength < 126) {
    out[at + 1] = payloadLength;
    return at + 2;
  }
  if (payloadLength < 65_536) {
    out[at + 1] = 126;
    out.writeUInt16BE(payloadLength, at + 2);
    return at + 4;
  }
  out[at + 1] = 127;
  out.writeUInt32BE(Math.floor(payloadLength / 2 ** 32), at + 2);
  out.writeUInt32BE(payloadLength % 2 ** 32, at + 6);
  return at + 10;
}

export class FrameEncoder {
  private slab: Buffer = Buffer.alloc(0);
  private used = 0;

  /** The batch as consecutive WebSocket text frames, each payload `body` + `seq` + `}`. */
  encode({ bodies, seqs }: DispatchBatch): Buffer {
    let size = 0;
    for (let i = 0; i < bodies.length; i++) {
      const payload = (bodies[i] as Buffer).length + digitCount(seqs[i] as number) + 1;
      size += headerLength(payload) + payload;
    }
    const out = this.take(size);
    let at = 0;
    for (let i = 0; i < bodies.length; i++) {
      const body = bodies[i] as Buffer;
      const seq = seqs[i] as number;
      const digits = digitCount(seq);
      at = writeHeader(out, at, body.length + digits + 1);
      at += body.copy(out, at);
      for (let rest = seq, p = at + digits - 1; p >= at; p--, rest = Math.floor(rest / 10)) out[p] = 0x30 + (rest % 10);
      at += digits;
      out[at++] = 0x7d; // "}"
    }
    return out;
  }

  /**
   * Slices of one slab instead of a buffer per write: allocating array buffers (Node's pool takes a new 8 KiB one
   * every few frames) showed up in profiles as much as the copying. A slice pins its slab only while the socket
   * still queues it, which a connection's send-buffer limit bounds.
   */
  private take(size: number): Buffer {
    if (size > SLAB_BYTES / 4) return Buffer.allocUnsafeSlow(size);
    if (this.used + size > this.slab.length) {
      this.slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
      this.used = 0;
    }
    const slice = this.slab.subarray(this.used, this.used + size);
    this.used += size;
    return slice;
  }
}
