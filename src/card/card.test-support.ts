// Test support: the agent's card access over a software card, without PC/SC.
import type { CardAccess } from "./agent";
import { CardError } from "./card.errors";
import type { SoftwareMyNumberCard } from "./software-card";

export interface SoftwareAccess extends CardAccess {
  card: SoftwareMyNumberCard | undefined;
  /** No reader at all (unplugged). */
  unplugged: boolean;
  /** The card is taken out after this many commands of the next session. */
  removeAfter: number | undefined;
}

export function softwareAccess(card: SoftwareMyNumberCard | undefined): SoftwareAccess {
  const access: SoftwareAccess = {
    card,
    unplugged: false,
    removeAfter: undefined,
    async readers() {
      return access.unplugged ? [] : [{ name: "Software reader", present: access.card !== undefined }];
    },
    async withCard(work) {
      if (access.unplugged) throw new CardError("readerMissing");
      const current = access.card;
      if (!current) throw new CardError("cardMissing");
      let commands = 0;
      try {
        return await work({
          transmit: async (command) => {
            if (access.removeAfter !== undefined && commands >= access.removeAfter) {
              access.card = undefined;
              throw new CardError("cardRemoved");
            }
            commands += 1;
            return current.transmit(command);
          },
          get commands() {
            return commands;
          },
        });
      } finally {
        current.reset();
      }
    },
  };
  return access;
}
