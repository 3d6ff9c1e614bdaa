/** Creates benchmark accounts through the public API, the way real users would. */
import { randomBytes } from "node:crypto";
import type { JsonClient } from "./http-client.js";
import type { Progress } from "./progress.js";

export interface BenchUser {
  id: string;
  username: string;
  password: string;
  token: string;
}

interface AuthResult {
  access_token: string;
  user: { id: string };
}

/** Registers `count` users with `parallel` requests in flight; names are `<prefix><n>`. */
export async function registerUsers(
  client: JsonClient,
  count: number,
  options: { prefix?: string; parallel?: number; progress?: Progress } = {},
): Promise<BenchUser[]> {
  const prefix = options.prefix ?? `b${randomBytes(3).toString("hex")}_`;
  const users: BenchUser[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const username = `${prefix}${n}`;
      const password = `pw-${randomBytes(12).toString("base64url")}`;
      const result = await client.expect<AuthResult>([201], "POST", "/api/v1/auth/register", { username, password });
      users[n] = { id: result.user.id, username, password, token: result.access_token };
      options.progress?.update("registering users", n + 1, count);
    }
  };
  await Promise.all(Array.from({ length: Math.min(count, options.parallel ?? 8) }, worker));
  options.progress?.clear();
  return users;
}

/** Cheapest argon2 the server accepts: for scenarios that need many accounts but do not measure logins. */
export const CHEAP_ARGON2_ENV = { NEXUS_AUTH_ARGON2_MEMORY_KIB: "8192", NEXUS_AUTH_ARGON2_TIME_COST: "1" };
