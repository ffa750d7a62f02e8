import { isTrkref, trkrefCorrection } from "../../domain/trkref.js";
import { refuseSecret, usageError } from "../cli-error.js";

/** Refuses, with exit 2, a TRKREF argument that is malformed or a pasted secret. */
export function checkTrkref(trkref: string): void {
  refuseSecret(trkref, "a TRKREF");
  if (!isTrkref(trkref)) {
    throw usageError(`Malformed TRKREF ${JSON.stringify(trkref)}: it ${trkrefCorrection(trkref)}`);
  }
}
