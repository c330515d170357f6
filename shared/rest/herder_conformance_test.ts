import { runHerderConformance } from "./herder_conformance.ts";
import { MemoryHerder } from "./memory_herder.ts";

// The suite, run against the in-memory herder (the real herder runs it in its own tests).
const fileDir = Deno.makeTempDirSync({ prefix: "tributary-conformance-" });
globalThis.addEventListener("unload", () => Deno.removeSync(fileDir, { recursive: true }));

runHerderConformance(
  () =>
    Promise.resolve({
      herder: new MemoryHerder({ fileDirs: [fileDir] }),
      close: () => Promise.resolve(),
    }),
  { fileDir, name: "memory herder conformance", settleTimeoutMs: 1_000 },
);
