/** Generates time-ordered 64-bit snowflake ids: 42 bits of milliseconds, 10 bits of node, 12 bits of sequence. */
import { NEXUS_EPOCH_MS, type Snowflake } from "@nexus/protocol";

const NODE_BITS = 10n;
const SEQUENCE_BITS = 12n;
const MAX_SEQUENCE = (1n << SEQUENCE_BITS) - 1n;

export class SnowflakeGenerator {
  private lastMs = -1;
  private sequence = 0n;
  private readonly node: bigint;

  constructor(nodeId = 0) {
    if (nodeId < 0 || nodeId >= 1 << Number(NODE_BITS)) throw new RangeError("node id must fit in 10 bits");
    this.node = BigInt(nodeId);
  }

  next(): Snowflake {
    let now = Date.now();
    if (now < this.lastMs) now = this.lastMs; // the clock went backwards: never reuse an id
    if (now === this.lastMs) {
      this.sequence = (this.sequence + 1n) & MAX_SEQUENCE;
      if (this.sequence === 0n) now = this.lastMs + 1; // 4096 ids in one ms: borrow the next ms
    } else {
      this.sequence = 0n;
    }
    this.lastMs = now;
    const ms = BigInt(now - NEXUS_EPOCH_MS);
    return ((ms << (NODE_BITS + SEQUENCE_BITS)) | (this.node << SEQUENCE_BITS) | this.sequence).toString();
  }
}
