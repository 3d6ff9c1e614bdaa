/** Every scenario, in the order issue 8 lists them. */
import type { Scenario } from "../lib/scenario.js";
import { coldStartScenario } from "./cold-start.js";
import { fanoutScenario } from "./fanout.js";
import { idleMemoryScenario } from "./idle-memory.js";
import { loginScenario } from "./login.js";
import { messageSendScenario } from "./message-send.js";

export const SCENARIOS: Scenario[] = [
  messageSendScenario,
  fanoutScenario,
  idleMemoryScenario,
  coldStartScenario,
  loginScenario,
];
