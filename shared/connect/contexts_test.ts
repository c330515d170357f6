import assert from "node:assert/strict";
import { NO_ENVIRONMENT } from "./contexts.ts";

Deno.test("NO_ENVIRONMENT allows no file directory and is frozen", () => {
  assert.deepEqual(NO_ENVIRONMENT.allowedFileDirs, []);
  assert.ok(Object.isFrozen(NO_ENVIRONMENT));
  assert.ok(Object.isFrozen(NO_ENVIRONMENT.allowedFileDirs));
});
