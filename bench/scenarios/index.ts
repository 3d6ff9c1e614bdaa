/** Every scenario, in the order issue 8 lists them. */
import type { Scenario } from "../lib/scenario.js";
import { coldStartScenario } from "./cold-start.js";
import { fanoutScenario } from "./fanout.js";
import { historyScenario } from "./history.js";
import { idleMemoryScenario } from "./idle-memory.js";
import { loginScenario } from "./login.js";
import { messageSendScenario } from "./message-send.js";
import { searchScenario } from "./search.js";
import { webScenario } from "./web.js";

export const SCENARIOS: Scenario[] = [
  messageSendScenario,
  fanoutScenario,
  idleMemoryScenario,
  coldStartScenario,
  historyScenario,
  searchScenario,
  loginScenario,
  webScenario,
];
