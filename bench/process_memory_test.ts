import assert from "node:assert/strict";
import { parseProcStatCpuMs, parseProcStatus, readProcessMemory } from "./process_memory.ts";

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

Deno.test("parseProcStatCpuMs adds user and system ticks after the command name", () => {
  assert.equal(parseProcStatCpuMs("7 (a) b) S 1 2 3 4 5 6 7 8 9 10 150 25 0 0 20 0"), 1750);
  assert.throws(() => parseProcStatCpuMs("garbage"), /Cannot read CPU time/);
});
