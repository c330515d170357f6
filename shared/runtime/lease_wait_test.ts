import assert from "node:assert/strict";
import { waitForLease } from "./lease_wait.ts";

Deno.test("waitForLease passes at once without a check or with a valid lease", async () => {
  const warnings: string[] = [];
  assert.equal(await waitForLease(undefined, () => false, (m) => warnings.push(m)), true);
  assert.equal(await waitForLease(() => true, () => false, (m) => warnings.push(m)), true);
  assert.deepEqual(warnings, []);
});

Deno.test("waitForLease holds until the lease is confirmed, or gives up on stop", async () => {
  let confirmed = false;
  setTimeout(() => confirmed = true, 80);
  const warnings: string[] = [];
  assert.equal(await waitForLease(() => confirmed, () => false, (m) => warnings.push(m)), true);
  assert.equal(warnings.length, 1);
  let stopping = false;
  setTimeout(() => stopping = true, 80);
  assert.equal(await waitForLease(() => false, () => stopping, () => {}), false);
});
