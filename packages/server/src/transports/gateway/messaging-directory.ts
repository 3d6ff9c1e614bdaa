/** What the gateway needs from messaging, asked through its services: a user's DM channels and read states. */
import type { DmChannel, ReadState } from "@nexus/protocol";
import type { Services } from "../../services/services.js";

export interface MessagingDirectory {
  dmChannels(userId: string): Promise<DmChannel[]>;
  readStates(userId: string): Promise<ReadState[]>;
}

export function messagingDirectory(services: Pick<Services, "dmChannels" | "readStates">): MessagingDirectory {
  return {
    dmChannels: (userId) => services.dmChannels.list(userId),
    readStates: (userId) => services.readStates.list(userId),
  };
}
