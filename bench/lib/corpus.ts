/**
 * Deterministic chat-like message text for the seeded channel: words drawn from a Zipf distribution (so some words
 * are in a large share of messages and most are rare), a recurring phrase, occasional links, and one rare word at
 * fixed intervals. The search scenario's queries are chosen against these frequencies.
 */

/** Most frequent first; the Zipf weight of the word at rank r is 1/r. */
const VOCABULARY = `the i to it you a is and that deploy on for this in we be have not with can just
do so but what are was at fix if me my build now test go get think like know will there about one up all
out yes no ok need should it's don't i'm see please merge back time review branch from then still thanks
check looks also work want make sure more did cache when server know how our some by your would error
could good any after new change let or only try here really also way issue before been has them maybe
today release again why pr yeah because log prod staging config still doing wait green broken tests ci
pipeline docker image tag version bump rollback latency dashboard alert page oncall incident retro ticket
sprint standup meeting lunch coffee tomorrow weekend friday monday morning later soon done working looking
anyone someone everyone team folks link doc design spec draft comments approve approved lgtm nit typo
rename refactor cleanup delete remove add update upgrade migrate migration schema index query slow fast
memory cpu disk network timeout retry flaky green red yellow queue worker job cron backup restore secret
token login password auth session cookie header request response payload json yaml toml field column
table row database postgres sqlite redis kafka metrics trace span profile benchmark flame graph heap leak
`
  .split(/\s+/)
  .filter((word, i, all) => word && all.indexOf(word) === i);

/** A phrase the search scenario looks up; it recurs in about 2 % of messages. */
export const PHRASE = "the build is green again";
/** In exactly one message in RARE_EVERY. */
export const RARE_WORD = "kumquat";
export const RARE_EVERY = 50_000;
/** Where in each RARE_EVERY the rare word goes: early enough that a small --quick corpus has it once. */
const RARE_OFFSET = 2_500;
/** A word in roughly a fifth of all messages. */
export const COMMON_WORD = "deploy";

/** mulberry32: small, fast and good enough to make the same corpus on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cumulative Zipf weights, for drawing a rank by binary search. */
const CUMULATIVE = (() => {
  const sums = new Float64Array(VOCABULARY.length);
  let sum = 0;
  VOCABULARY.forEach((_, rank) => {
    sum += 1 / (rank + 1);
    sums[rank] = sum;
  });
  return sums.map((s) => s / sum);
})();

function drawWord(next: () => number): string {
  const x = next();
  let low = 0;
  let high = CUMULATIVE.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((CUMULATIVE[mid] as number) < x) low = mid + 1;
    else high = mid;
  }
  return VOCABULARY[low] as string;
}

/** Generates the text of message number 0, 1, 2, … in order. */
export class Corpus {
  private readonly next = random(0x5eed);

  text(n: number): string {
    const words: string[] = [];
    const length = 3 + Math.floor(this.next() * 16);
    for (let i = 0; i < length; i++) words.push(drawWord(this.next));
    if (this.next() < 0.02) words.push(PHRASE);
    if (this.next() < 0.02) words.push(`https://example.com/issues/${n}`);
    if (n % RARE_EVERY === RARE_OFFSET) words.push(RARE_WORD);
    return words.join(" ");
  }
}
