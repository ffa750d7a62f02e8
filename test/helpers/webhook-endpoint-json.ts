/** A webhook endpoint as the API answers it; `secret` only where one is issued (creation, the CLI's rotation). */
export interface WebhookEndpointBody {
  id: string;
  url: string;
  event_types: string[] | null;
  description: string | null;
  status: string;
  disabled_reason: string | null;
  disabled_at: string | null;
  failing_since: string | null;
  created_at: string;
  secret?: string;
}

/** An endpoint as the CLI's `--json` prints it: the API's members and two that only an operator sees. */
export interface WebhookEndpointJson extends WebhookEndpointBody {
  trkref: string | null;
  previous_secret_valid_until: string | null;
}
