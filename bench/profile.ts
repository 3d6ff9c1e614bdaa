/**
 * `node --import tsx bench/profile.ts FILE.cpuprofile [N]`: where a V8 CPU profile (from `npm run bench -- --cpu-prof
 * DIR`) spent its time — the top functions by self time, and self time summed per package or source directory.
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** "fastify", "@nexus/server:transports/http", "(node internals)", … */
function ownerOf(url: string): string {
  if (!url) return "(native / V8)";
  if (url.startsWith("node:")) return "(node internals)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  const own = /packages\/([^/]+)\/(?:dist|src)\/([^/]+)/.exec(url);
  if (own) return `@nexus/${own[1]}:${own[2]}`;
  return url.replace(/^file:\/\//, "");
}

function main(): void {
  const [file, limitArg] = process.argv.slice(2);
  if (!file) {
    console.error("usage: node --import tsx bench/profile.ts FILE.cpuprofile [N]");
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = (byId.get(id) as ProfileNode).callFrame;
    const name = `${functionName || "(anonymous)"} ${url ? `${url.replace(/^.*\/(node_modules|packages)\//, "")}:${lineNumber + 1}` : ""}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    const owner = ownerOf(url);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + us);
  }
  const limit = Number(limitArg ?? 25);
  const show = (title: string, entries: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [name, us] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, limit))
      console.log(`${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
  };
  console.log(`${(total / 1000).toFixed(0)} ms sampled in ${file}`);
  show("Self time by package / server directory", byOwner);
  show("Self time by function", byFunction);
}

main();
