/**
 * Summarizes a V8 `.cpuprofile` (from `deno run --cpu-prof`): self time per
 * function and per file or package, largest first. Used to find where a
 * worker's time goes during a bench run:
 *
 * ```sh
 * BENCH_TRIBUTARY_DENO_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" \
 *   deno run -A bench/main.ts --only source --skip connect,kcat --runs 1
 * deno run --allow-read bench/cpu_profile_summary.ts /tmp/prof/*.cpuprofile
 * ```
 *
 * @example
 * ```ts
 * import { summarizeProfile } from "./cpu_profile_summary.ts";
 * const summary = summarizeProfile({
 *   nodes: [{ id: 1, callFrame: { functionName: "f", url: "file:///a.ts", lineNumber: 0 } }],
 *   samples: [1, 1],
 *   timeDeltas: [1000, 1000],
 * });
 * console.log(summary.totalMs, summary.functions[0].name); // 2 "f a.ts:1"
 * ```
 * @module
 */

/**
 * The parts of a `.cpuprofile` used here.
 *
 * @example
 * ```ts
 * import type { CpuProfile } from "./cpu_profile_summary.ts";
 * const p: CpuProfile = { nodes: [], samples: [], timeDeltas: [] };
 * ```
 */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Self time in ms per entry, largest first.
 *
 * @example
 * ```ts
 * import type { ProfileSummary } from "./cpu_profile_summary.ts";
 * const s: ProfileSummary = { totalMs: 0, files: [], functions: [] };
 * ```
 */
export interface ProfileSummary {
  totalMs: number;
  files: { name: string; ms: number }[];
  functions: { name: string; ms: number }[];
}

/**
 * A script URL shortened for reading: npm packages as `npm:<name>@<version>`,
 * repository files relative to the repository, `(native)` when empty.
 *
 * @example
 * ```ts
 * import { shortUrl } from "./cpu_profile_summary.ts";
 * console.log(shortUrl("file:///r/node_modules/.deno/@platformatic+kafka@2.12.1/node_modules/x.js", "/r/"));
 * // "npm:@platformatic+kafka@2.12.1"
 * ```
 */
export function shortUrl(url: string, repo: string): string {
  if (url === "") return "(native)";
  const npm = /node_modules\/\.deno\/([^/]+)\//.exec(url);
  if (npm) return `npm:${npm[1]}`;
  const path = url.replace(/^file:\/\//, "");
  return path.startsWith(repo) ? path.slice(repo.length) : path;
}

/**
 * Aggregates self time by function (`name file:line`) and by file.
 *
 * @example
 * ```ts
 * import { summarizeProfile } from "./cpu_profile_summary.ts";
 * console.log(summarizeProfile({ nodes: [], samples: [], timeDeltas: [] }).totalMs); // 0
 * ```
 */
export function summarizeProfile(profile: CpuProfile, repo = "/"): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const file = shortUrl(frame.url, repo);
    const name = `${frame.functionName || "(anonymous)"} ${
      file === "(native)" ? file : `${file}:${frame.lineNumber + 1}`
    }`;
    functions.set(name, (functions.get(name) ?? 0) + us);
    files.set(file, (files.get(file) ?? 0) + us);
    total += us;
  }
  const sorted = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: us / 1000 }));
  return { totalMs: total / 1000, files: sorted(files), functions: sorted(functions) };
}

if (import.meta.main) {
  const repo = new URL("../", import.meta.url).pathname;
  for (const path of Deno.args) {
    let profile: CpuProfile;
    try {
      profile = JSON.parse(await Deno.readTextFile(path));
    } catch (err) {
      console.error(`Cannot read the profile ${path}: ${(err as Error).message}`);
      Deno.exit(1);
    }
    const summary = summarizeProfile(profile, repo);
    const line = (e: { name: string; ms: number }) =>
      `${e.ms.toFixed(0).padStart(7)} ms ${
        (100 * e.ms / summary.totalMs).toFixed(1).padStart(5)
      }%  ${e.name}`;
    console.log(`${path}: ${summary.totalMs.toFixed(0)} ms sampled`);
    console.log("-- self time by file or package");
    for (const e of summary.files.slice(0, 20)) console.log(line(e));
    console.log("-- self time by function");
    for (const e of summary.functions.slice(0, 30)) console.log(line(e));
  }
}
