import { describeBusContract } from "./bus.contract.js";
import { MemoryBus } from "./memory-bus.js";

describeBusContract("MemoryBus", async () => {
  const bus = new MemoryBus();
  return { nodes: async () => [bus, bus], close: () => bus.close() };
});
