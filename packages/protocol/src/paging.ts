/** List paging conventions shared by every list endpoint. */
import { z } from "zod";
import { SnowflakeSchema } from "./ids.js";

export function pagingQuery(maxLimit: number, defaultLimit: number) {
  return z.object({
    before: SnowflakeSchema.optional(),
    after: SnowflakeSchema.optional(),
    limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
  });
}
