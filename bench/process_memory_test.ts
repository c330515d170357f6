import assert from "node:assert/strict";
import { parseProcStatus, readProcessMemory } from "./process_memory.ts";

Deno.test("parseProcStatus reads VmHWM and VmRSS", () => {
  const text = "Name:\tjava\nVmPeak:\t 9000 kB\nVmHWM:\t  223176 kB\nVmRSS:\t  200000 kB\n";
  assert.deepEqual(parseProcStatus(text), { peakRssKiB: 223176, rssKiB: 200000 });
  assert.throws(() => parseProcStatus("Name:\tx\n"), /Cannot read process memory: no VmHWM/);
});

Deno.test({
  name: "readProcessMemory reads this process",
  ignore: Deno.build.os !== "linux",
  fn: async () => {
    const memory = await readProcessMemory(Deno.pid);
    assert.ok(memory.rssKiB > 0 && memory.peakRssKiB >= memory.rssKiB);
    await assert.rejects(() => readProcessMemory(2 ** 30), /Cannot read the memory of process/);
  },
});
