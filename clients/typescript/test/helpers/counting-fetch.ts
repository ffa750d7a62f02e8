/** A request as the client handed it to `fetch`. */
export interface SentRequest {
  method: string;
  url: string;
}

/**
 * A `fetch` for the client's `fetch` option that counts the requests the client makes (each attempt is one)
 * and tells `onAnswer` of each answer, before the client reads it.
 */
export function countingFetch(onAnswer?: (request: SentRequest, response: Response) => void) {
  let requests = 0;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    requests++;
    const request = {
      method: init?.method ?? (input instanceof Request ? input.method : "GET"),
      url: input instanceof Request ? input.url : String(input),
    };
    const response = await globalThis.fetch(input, init);
    onAnswer?.(request, response);
    return response;
  };
  return { fetch, requests: () => requests };
}
