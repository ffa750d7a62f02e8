import { type LookupAddress, lookup } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { isPublicAddress } from "./webhook-address.js";

/** An attempt not made: the URL would reach an address (or use a scheme) that private URLs are needed for. */
export class AddressRefusedError extends Error {
  override name = "AddressRefusedError";
  readonly code = "WEBHOOK_ADDRESS_REFUSED";
}

/**
 * The endpoint's URL, if an attempt may go there: https (http only with private URLs allowed), and a
 * host written as an IP address must be public, since no lookup (where names are checked) happens for it.
 */
export function checkUrlTarget(text: string, allowPrivateUrls: boolean): URL {
  const url = new URL(text);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new AddressRefusedError(`the ${url.protocol} scheme is refused: https only`);
  }
  if (allowPrivateUrls) return url;
  if (url.protocol !== "https:") throw new AddressRefusedError("http URLs are refused: https only");
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(host) !== 0 && !isPublicAddress(host)) {
    throw new AddressRefusedError(`the address ${host} is not public`);
  }
  return url;
}

/**
 * Resolves a host name as the connection is made, and refuses it when any of its addresses is not
 * public. Checking the very lookup the socket connects with (rather than resolving once beforehand)
 * leaves a name that resolves differently the second time (DNS rebinding) nothing to exploit.
 */
export const publicAddressLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const refused = addresses.find(({ address }) => !isPublicAddress(address));
    if (refused) {
      return callback(
        new AddressRefusedError(`${hostname} resolves to ${refused.address}, which is not public`),
        "",
        0,
      );
    }
    const [first] = addresses;
    if (options.all) return callback(null, addresses);
    if (!first)
      return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
    return callback(null, first.address, first.family);
  });
};
