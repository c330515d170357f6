/**
 * Regenerates the documentation that is generated from code:
 * `deno task docs`.
 *
 * @module
 */
import { workerConfigMarkdown } from "../shared/config/worker_config_docs.ts";

const root = new URL("../", import.meta.url);
const outputs: [string, string][] = [["docs/reference/worker_config.md", workerConfigMarkdown()]];
for (const [path, text] of outputs) {
  await Deno.writeTextFile(new URL(path, root), text);
  console.log(`wrote ${path}`);
}
