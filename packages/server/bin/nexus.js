#!/usr/bin/env node
import { main } from "../dist/cli/main.js";

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`nexus: ${error?.stack ?? error}\n`);
  process.exit(1);
});
