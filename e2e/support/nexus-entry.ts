/** Runs the `nexus` command from source (what bin/nexus.js runs from the build), so e2e tests the code as it is. */
import { main } from "../../packages/server/src/cli/main.js";

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`nexus: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
