import type { FastifyRequest } from "fastify";
import { apiKeyOf } from "../authenticate.js";
import { ProblemError } from "../problem-catalogue.js";
import { checkPathTrkref } from "./route-params.js";

/** An organisation the key may not act for is answered exactly as one that does not exist. */
export const organisationNotFound = (trkref: string) =>
  new ProblemError("not_found", { detail: `No organisation ${trkref} this API key may act for` });

/** 400 for a malformed trkref in the path; 404 for an organisation the request's key may not act for. */
export function checkKeyActsFor(request: FastifyRequest, trkref: string): void {
  checkPathTrkref(trkref);
  if (!apiKeyOf(request).trkrefs.includes(trkref)) throw organisationNotFound(trkref);
}
