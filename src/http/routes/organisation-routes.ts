import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { effectivePolicy, type InvitationPolicy } from "../../domain/invitation-policy.js";
import type { Organisation } from "../../storage/store.js";
import { type Authenticate, apiKeyOf, requireApiKey } from "../authenticate.js";
import type { Lookups } from "../cached-lookups.js";
import { rateLimitHeaders } from "../documented-headers.js";
import { AUTHENTICATION_PROBLEMS, problemResponses, TRKREF_READ_PROBLEMS } from "../problem-responses.js";
import { OrganisationListSchema } from "../response-schemas.js";
import { OrganisationWithPolicySchema } from "./invitation-policy-schemas.js";
import { organisationNotFound } from "./organisation-access.js";
import { checkPathTrkref, TrkrefParam } from "./route-params.js";

/** What the organisation routes need: the cached look-ups every request makes, and the authenticator. */
export interface OrganisationRouteDeps {
  lookups: Pick<Lookups, "findOrganisation">;
  authenticate: Authenticate;
  /** The installation's invitation policy (`config.invitations.defaults`), under each organisation's own. */
  invitationDefaults: InvitationPolicy;
}

/**
 * `GET /v4/organisations` and `GET /v4/organisations/{trkref}`: the organisations the API key may act for.
 * Clients call the list to check their credentials before sending orders.
 */
export function registerOrganisationRoutes(app: FastifyInstance, deps: OrganisationRouteDeps): void {
  const onRequest = requireApiKey(deps.authenticate);
  app.get(
    "/v4/organisations",
    {
      onRequest,
      schema: {
        operationId: "listOrganisations",
        tags: ["organisations"],
        summary: "The organisations this API key may act for",
        description:
          "Every organisation the key may submit orders for, in trkref order, each with whether order " +
          "submission is switched on for it. A quick way to check credentials: 200 means the key works. " +
          "The list is the data member of an object, so that members can be added beside it later.",
        security: [{ basicAuth: [] }],
        response: {
          200: { ...OrganisationListSchema, headers: rateLimitHeaders },
          ...problemResponses(...AUTHENTICATION_PROBLEMS, "internal_error"),
        },
      },
    },
    async (request) => {
      const trkrefs = [...new Set(apiKeyOf(request).trkrefs)].sort();
      const found = await Promise.all(trkrefs.map((trkref) => deps.lookups.findOrganisation(trkref)));
      return { data: found.filter((organisation) => organisation !== undefined).map(toOrganisationBody) };
    },
  );
  app.get<{ Params: { trkref: string } }>(
    "/v4/organisations/:trkref",
    {
      onRequest,
      schema: {
        operationId: "getOrganisation",
        tags: ["organisations"],
        summary: "One organisation this API key may act for",
        description:
          "The organisation, with whether order submission is switched on for it, and its review " +
          "invitation policy: the one in force, and the members it sets for itself over the " +
          "installation's defaults. 404 when the key may not act for it, exactly as for a trkref that " +
          "names no organisation.",
        security: [{ basicAuth: [] }],
        params: Type.Object({ trkref: TrkrefParam }),
        response: {
          200: { ...OrganisationWithPolicySchema, headers: rateLimitHeaders },
          ...problemResponses(...TRKREF_READ_PROBLEMS),
        },
      },
    },
    async (request) => {
      const { trkref } = request.params;
      checkPathTrkref(trkref);
      // An organisation the key may not act for is not looked up: its answer cannot tell that it exists.
      const organisation = apiKeyOf(request).trkrefs.includes(trkref)
        ? await deps.lookups.findOrganisation(trkref)
        : undefined;
      if (!organisation) throw organisationNotFound(trkref);
      return {
        ...toOrganisationBody(organisation),
        invitation_policy: effectivePolicy(deps.invitationDefaults, organisation.invitationPolicy),
        invitation_policy_overrides: organisation.invitationPolicy ?? {},
      };
    },
  );
}

function toOrganisationBody(organisation: Organisation) {
  return { trkref: organisation.trkref, name: organisation.name, enabled: organisation.enabled };
}
