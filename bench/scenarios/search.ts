/** Scenario 6: guild message search over the seeded million-message channel. */
import { COMMON_WORD, PHRASE, RARE_EVERY, RARE_WORD } from "../lib/corpus.js";
import { runHttpLoad } from "../lib/load.js";
import { type Figure, figure, type Scenario } from "../lib/scenario.js";
import { onSeededServer } from "../lib/seed.js";

const TARGET = { op: "<=", value: 50 } as const;

interface SearchResult {
  total_results: number;
  messages: { id: string; content: string; author: { id: string } }[];
}

export const searchScenario: Scenario = {
  id: "search",
  title: "Search",
  async run(context) {
    const { quick, progress } = context;
    return onSeededServer(context, async ({ seeded, server, client, token }) => {
      const author = seeded.users[1] as (typeof seeded.users)[0];
      const path = `/api/v1/guilds/${seeded.guildId}/messages/search`;
      const phrase = PHRASE.split(" ").slice(1, 4).join(" ");
      const queries: { name: string; query: Record<string, string>; word: string }[] = [
        { name: "common word", query: { content: COMMON_WORD }, word: COMMON_WORD },
        { name: "phrase", query: { content: `"${phrase}"` }, word: phrase },
        { name: "common word by one author", query: { content: COMMON_WORD, author_id: author.id }, word: COMMON_WORD },
        { name: "rare word", query: { content: RARE_WORD }, word: RARE_WORD },
      ];
      const figures: Figure[] = [];
      const notes: string[] = [];
      for (const { name, query, word } of queries) {
        const url = `${path}?${new URLSearchParams(query)}`;
        // Results must be what was asked for: a fast wrong answer would be worthless.
        const result = await client.expect<SearchResult>([200], "GET", url, undefined, token);
        const wrong = result.messages.find(
          (m) => !m.content.includes(word) || (query.author_id !== undefined && m.author.id !== query.author_id),
        );
        if (result.messages.length === 0 || wrong)
          throw new Error(`search for ${name} returned ${wrong ? `a non-match: ${wrong.content}` : "nothing"}`);
        notes.push(
          `${name}: \`${decodeURIComponent(url.slice(path.length).replaceAll("+", " "))}\`, total_results ${result.total_results}.`,
        );
        const outcome = await runHttpLoad(progress, `searching: ${name}`, {
          baseUrl: server.baseUrl,
          concurrency: 1,
          warmupMs: quick ? 200 : 3_000,
          durationMs: quick ? 1_000 : 5_000,
          requests: [{ method: "GET", path: url, token }],
          expectStatus: [200],
        });
        if (outcome.errors > 0) throw new Error(`${outcome.errors} searches failed; first: ${outcome.firstError}`);
        figures.push(
          figure(`${name}: p50`, outcome.latency.p50, "ms"),
          figure(`${name}: p99`, outcome.latency.p99, "ms", TARGET),
          ...(outcome.serverLatency ? [figure(`${name}: server time p50`, outcome.serverLatency.p50, "ms")] : []),
        );
      }
      notes.unshift(
        `${seeded.count.toLocaleString("en-US")} messages in one channel, searched guild-wide by its owner, one ` +
          `request in flight after a warm-up of the same query, 25 results per page. "${COMMON_WORD}" is in ${seeded.commonWordMessages.toLocaleString("en-US")} ` +
          `messages, "${PHRASE}" in about 2 %, "${RARE_WORD}" in one in ${RARE_EVERY.toLocaleString("en-US")}.`,
      );
      return { figures, notes };
    });
  },
};
