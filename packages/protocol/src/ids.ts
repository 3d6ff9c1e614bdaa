/** Snowflake ids: 64-bit, time-ordered, carried as decimal strings on the wire. */
import { z } from "zod";

/** 2025-01-01T00:00:00Z: ids are milliseconds since this instant, shifted left by 22 bits. */
export const NEXUS_EPOCH_MS = 1_735_689_600_000;
export const SNOWFLAKE_TIMESTAMP_SHIFT = 22n;

const MAX_SNOWFLAKE = (1n << 63n) - 1n;

export const SnowflakeSchema = z
  .string()
  .regex(/^[0-9]{1,19}$/, "must be a snowflake id (a decimal string)")
  // zod runs refinements even after the regex failed, so guard BigInt against non-digits.
  .refine((value) => !/^[0-9]+$/.test(value) || BigInt(value) <= MAX_SNOWFLAKE, "is out of range for a snowflake id")
  .meta({ id: "Snowflake", description: "A 64-bit id as a decimal string" });

export type Snowflake = string;

/** The creation time encoded in a snowflake, in milliseconds since the Unix epoch. */
export function snowflakeTime(id: Snowflake): number {
  return Number(BigInt(id) >> SNOWFLAKE_TIMESTAMP_SHIFT) + NEXUS_EPOCH_MS;
}

/** The smallest snowflake that could have been created at `ms` (for time-range queries). */
export function snowflakeAt(ms: number): Snowflake {
  return (BigInt(Math.max(0, ms - NEXUS_EPOCH_MS)) << SNOWFLAKE_TIMESTAMP_SHIFT).toString();
}

export function compareSnowflakes(a: Snowflake, b: Snowflake): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
