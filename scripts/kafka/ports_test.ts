import assert from "node:assert/strict";
import { firstBusyPort, fixedPorts, freePorts, isPortFree, pickFreePorts } from "./ports.ts";

Deno.test("fixedPorts gives each node a client and a controller port", () => {
  assert.deepEqual(fixedPorts(9092, 1), [{ broker: 9092, controller: 9093 }]);
  assert.deepEqual(fixedPorts(9092, 3), [
    { broker: 9092, controller: 9093 },
    { broker: 9094, controller: 9095 },
    { broker: 9096, controller: 9097 },
  ]);
});

Deno.test("fixedPorts refuses a layout past port 65535", () => {
  assert.throws(() => fixedPorts(65_535, 1), /^Error: Cannot lay out ports: base port 65535/);
  assert.throws(() => fixedPorts(0, 1), /Cannot lay out ports/);
});

Deno.test("pickFreePorts returns distinct bindable ports", () => {
  const ports = pickFreePorts(6);
  assert.equal(new Set(ports).size, 6);
  for (const port of ports) {
    assert.ok(port > 0 && port < 65_536);
    assert.equal(isPortFree(port), true);
  }
  assert.equal(freePorts(3).length, 3);
});

Deno.test("isPortFree and firstBusyPort see a port in use", () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const busy = (listener.addr as Deno.NetAddr).port;
  try {
    assert.equal(isPortFree(busy), false);
    const [free] = pickFreePorts(1);
    assert.equal(firstBusyPort([{ broker: free, controller: busy }]), busy);
    assert.equal(firstBusyPort([{ broker: free, controller: free }]), undefined);
  } finally {
    listener.close();
  }
});
