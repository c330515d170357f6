import assert from "node:assert/strict";
import type { ConnectorTaskId } from "../runtime/herder.ts";
import {
  assign,
  type AssignmentWork,
  compareNames,
  compareTaskIds,
  type MemberAssignment,
  parseTaskKey,
  type PreviousAssignment,
  taskKey,
  toWorkSet,
} from "./assignment.ts";

type Result = Map<string, MemberAssignment>;

function tasksOf(connector: string, count: number): ConnectorTaskId[] {
  return Array.from({ length: count }, (_, task) => ({ connector, task }));
}

function work(spec: Record<string, number>): AssignmentWork {
  const connectors = Object.keys(spec);
  return { connectors, tasks: connectors.flatMap((c) => tasksOf(c, spec[c])) };
}

function run(
  members: string[],
  w: AssignmentWork,
  previous: ReadonlyMap<string, PreviousAssignment> = new Map(),
): Result {
  return assign({ kind: "source", liveMembers: members, work: w, previous });
}

function serialize(result: Result): string {
  return JSON.stringify([...result].map(([id, a]) => [id, [...a.connectors], [...a.tasks]]));
}

function owners(result: Result, type: "connectors" | "tasks"): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, a] of result) {
    for (const unit of a[type]) {
      assert.ok(!out.has(unit), `${unit} assigned twice`);
      out.set(unit, id);
    }
  }
  return out;
}

/** Every unit exactly once, counts within one of each other, per type. */
function checkValid(result: Result, members: string[], w: AssignmentWork): void {
  assert.deepEqual([...result.keys()], [...new Set(members)].sort(compareNames));
  if (members.length === 0) return;
  const c = owners(result, "connectors");
  const t = owners(result, "tasks");
  assert.deepEqual([...c.keys()].sort(), [...new Set(w.connectors)].sort());
  assert.deepEqual([...t.keys()].sort(), [...new Set(w.tasks.map(taskKey))].sort());
  for (const type of ["connectors", "tasks"] as const) {
    const sizes = [...result.values()].map((a) => a[type].size);
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `${type} unbalanced: ${sizes}`);
  }
}

/** Units that had a live claimant and now sit elsewhere. */
function moved(previous: Result, next: Result, type: "connectors" | "tasks"): number {
  const before = owners(previous, type);
  const after = owners(next, type);
  let count = 0;
  for (const [unit, owner] of before) {
    if (next.has(owner) && after.has(unit) && after.get(unit) !== owner) count++;
  }
  return count;
}

/** The fewest moves any balanced placement needs, given conflict-free claims. */
function minimalMoves(previous: Result, next: Result, type: "connectors" | "tasks"): number {
  const units = new Set(owners(next, type).keys());
  const m = next.size;
  const n = units.size;
  const base = Math.floor(n / m);
  const extra = n % m;
  let claimed = 0;
  let retained = 0;
  let over = 0;
  for (const id of next.keys()) {
    const k = [...(previous.get(id)?.[type] ?? [])].filter((u) => units.has(u)).length;
    claimed += k;
    retained += Math.min(k, base);
    if (k > base) over++;
  }
  return claimed - retained - Math.min(extra, over);
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function claims(result: Result, at: bigint): Map<string, PreviousAssignment> {
  return new Map([...result].map(([id, a]) => [id, { ...a, at }]));
}

Deno.test("a fresh assignment is balanced and spreads a connector's tasks", () => {
  const w = work({ a: 3, b: 3 });
  const result = run(["w3", "w1", "w2"], w);
  checkValid(result, ["w1", "w2", "w3"], w);
  for (const a of result.values()) {
    const connectors = [...a.tasks].map((k) => parseTaskKey(k).connector).sort();
    assert.deepEqual(connectors, ["a", "b"]);
  }
});

Deno.test("no live member gets nothing assigned; duplicates are an error", () => {
  assert.equal(run([], work({ a: 2 })).size, 0);
  const empty = run(["w1", "w2"], { connectors: [], tasks: [] });
  assert.deepEqual([...empty.values()].map((a) => a.connectors.size + a.tasks.size), [0, 0]);
  assert.throws(() => run(["w1", "w1"], work({ a: 1 })), /Cannot assign source work: member id/);
});

Deno.test("a previous output is a fixed point", () => {
  const w = work({ a: 4, b: 3, c: 1, d: 0, e: 7 });
  const members = ["w1", "w2", "w3", "w4"];
  const first = run(members, w);
  assert.equal(serialize(run(members, w, claims(first, 5n))), serialize(first));
});

Deno.test("a join moves only what the newcomer must take", () => {
  const w = work({ a: 5, b: 5 });
  const two = run(["w1", "w2"], w);
  const three = run(["w1", "w2", "w3"], w, claims(two, 1n));
  checkValid(three, ["w1", "w2", "w3"], w);
  assert.equal(moved(two, three, "tasks"), 3);
  assert.equal(three.get("w3")!.tasks.size, 3);
  for (const id of ["w1", "w2"]) {
    for (const t of three.get(id)!.tasks) assert.ok(two.get(id)!.tasks.has(t), "gained on join");
  }
});

Deno.test("a loss moves only the lost member's work", () => {
  const w = work({ a: 6, b: 6, c: 1, d: 1, e: 1 });
  const three = run(["w1", "w2", "w3"], w);
  const two = run(["w1", "w3"], w, claims(three, 1n));
  checkValid(two, ["w1", "w3"], w);
  for (const id of ["w1", "w3"]) {
    for (const t of three.get(id)!.tasks) assert.ok(two.get(id)!.tasks.has(t), `${id} lost ${t}`);
    for (const c of three.get(id)!.connectors) assert.ok(two.get(id)!.connectors.has(c));
  }
});

Deno.test("scale-up 1 -> 2 -> 3 keeps the balance with minimal moves", () => {
  const w = work({ a: 4, b: 2 });
  const one = run(["w1"], w);
  assert.equal(one.get("w1")!.tasks.size, 6);
  const two = run(["w1", "w2"], w, claims(one, 1n));
  checkValid(two, ["w1", "w2"], w);
  assert.equal(moved(one, two, "tasks"), 3);
  const three = run(["w1", "w2", "w3"], w, claims(two, 2n));
  checkValid(three, ["w1", "w2", "w3"], w);
  assert.equal(moved(two, three, "tasks"), 2);
  assert.deepEqual([...three.values()].map((a) => a.tasks.size), [2, 2, 2]);
  assert.deepEqual([...three.values()].map((a) => a.connectors.size).sort(), [0, 1, 1]);
});

Deno.test("when two live members claim a unit, the newer claim wins", () => {
  const w = work({ a: 2 });
  const previous = new Map<string, PreviousAssignment>([
    ["w1", { connectors: ["a"], tasks: ["a/0", "a/1"], at: 3n }],
    ["w2", { connectors: [], tasks: [{ connector: "a", task: 1 }], at: 7n }],
  ]);
  const result = run(["w1", "w2"], w, previous);
  assert.deepEqual([...result.get("w2")!.tasks], ["a/1"]);
  assert.deepEqual([...result.get("w1")!.tasks], ["a/0"]);
  const tie = run(
    ["w1", "w2"],
    work({ a: 1 }),
    new Map([
      ["w2", { connectors: ["a"], tasks: ["a/0"], at: 1n }],
      ["w1", { connectors: ["a"], tasks: ["a/0"], at: 1n }],
    ]),
  );
  assert.deepEqual([...tie.get("w1")!.tasks], ["a/0"]);
  assert.deepEqual([...tie.get("w1")!.connectors], ["a"]);
});

Deno.test("claims of dead members and of gone units are ignored", () => {
  const w = work({ a: 2 });
  const previous = new Map<string, PreviousAssignment>([
    ["dead", { connectors: ["a"], tasks: ["a/0", "a/1"] }],
    ["w2", { connectors: ["gone"], tasks: ["gone/0", "a/1"] }],
  ]);
  const result = run(["w1", "w2"], w, previous);
  checkValid(result, ["w1", "w2"], w);
  assert.deepEqual([...result.get("w2")!.tasks], ["a/1"]);
});

Deno.test("the output does not depend on the order of any input", () => {
  const random = mulberry32(7);
  const w = work({ x: 5, y: 2, "a/b": 3, "ü": 1 });
  const members = ["m1", "m2", "m3", "m4"];
  const prev = run(["m1", "m2"], w);
  const expected = serialize(run(members, w, claims(prev, 2n)));
  for (let i = 0; i < 20; i++) {
    const shuffledWork = {
      connectors: shuffle(w.connectors, random),
      tasks: shuffle(w.tasks, random),
    };
    const shuffledPrev = new Map(
      shuffle([...prev], random).map(([id, a]) => [id, {
        connectors: shuffle([...a.connectors], random),
        tasks: shuffle([...a.tasks], random),
        at: 2n,
      }]),
    );
    assert.equal(serialize(run(shuffle(members, random), shuffledWork, shuffledPrev)), expected);
  }
});

Deno.test("sets iterate sorted; task keys survive names with '/'", () => {
  const result = run(["w1"], work({ "b": 11, "a/x": 2 }));
  const a = result.get("w1")!;
  assert.deepEqual([...a.connectors], ["a/x", "b"]);
  const ids = [...a.tasks].map(parseTaskKey);
  assert.deepEqual(ids, [...ids].sort(compareTaskIds));
  assert.deepEqual(ids[0], { connector: "a/x", task: 0 });
  assert.deepEqual(toWorkSet(a).tasks, ids);
  assert.throws(() => parseTaskKey("nope"), /Cannot parse task key "nope"/);
  assert.throws(() => parseTaskKey("a/b/1"), /Cannot parse task key/);
});

function randomWork(random: () => number): AssignmentWork {
  const spec: Record<string, number> = {};
  const count = Math.floor(random() * 6);
  for (let i = 0; i < count; i++) spec[`c${Math.floor(random() * 9)}`] = Math.floor(random() * 7);
  return work(spec);
}

function randomMembers(random: () => number): string[] {
  return ["m0", "m1", "m2", "m3", "m4", "m5"].filter(() => random() < 0.5);
}

Deno.test("property: balanced, minimal moves, fixed point (500 random changes)", () => {
  const random = mulberry32(42);
  for (let round = 0; round < 500; round++) {
    const m0 = randomMembers(random);
    const w0 = randomWork(random);
    const before = run(m0, w0);
    const m1 = randomMembers(random);
    const w1 = random() < 0.5 ? w0 : randomWork(random);
    const after = run(m1, w1, claims(before, 1n));
    checkValid(after, m1, w1);
    if (m1.length > 0) {
      for (const type of ["connectors", "tasks"] as const) {
        assert.equal(moved(before, after, type), minimalMoves(before, after, type), type);
      }
    }
    assert.equal(serialize(run(m1, w1, claims(after, 2n))), serialize(after));
  }
});

Deno.test("property: no flicker while members report the new assignment one by one", () => {
  // After a change from O to S, members' heartbeats switch from claiming
  // their part of O to their part of S in any order. Every mix must give S,
  // or workers would start and stop work while the reports settle.
  const random = mulberry32(2024);
  for (let round = 0; round < 400; round++) {
    const m0 = randomMembers(random);
    const w0 = randomWork(random);
    const old = run(m0, w0, claims(run(randomMembers(random), w0), 1n));
    const m1 = randomMembers(random);
    const w1 = random() < 0.5 ? w0 : randomWork(random);
    const target = run(m1, w1, claims(old, 2n));
    for (let trial = 0; trial < 8; trial++) {
      const mix = new Map<string, PreviousAssignment>();
      for (const id of m1) {
        if (random() < 0.5) {
          if (target.has(id)) mix.set(id, { ...target.get(id)!, at: 3n });
        } else if (old.has(id)) mix.set(id, { ...old.get(id)!, at: 2n });
      }
      assert.equal(serialize(run(m1, w1, mix)), serialize(target), `round ${round}`);
    }
  }
});
