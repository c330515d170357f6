import assert from "node:assert/strict";
import { missingPermissions } from "./permissions.ts";

Deno.test({
  name: "missing read and write permissions are named with the flag to add",
  permissions: { read: ["/tmp"], write: [] },
  fn: async () => {
    const problems = await missingPermissions({
      pluginPath: ["/tmp", "/opt/plugins"],
      fileAllowedDirs: ["/tmp"],
    });
    assert.deepEqual(problems, [
      "plugin.path lists /opt/plugins, but the worker has no read permission there: " +
      "run it with --allow-read=/opt/plugins",
      "file.allowed.dirs lists /tmp, but the worker has no write permission there: " +
      "run it with --allow-write=/tmp",
    ]);
  },
});
