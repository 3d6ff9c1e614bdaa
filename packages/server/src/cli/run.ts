/** The process entry of the `nexus` command (bin/nexus.js runs the built copy; tests run this file from source). */
import { main } from "./main.js";

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`nexus: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
