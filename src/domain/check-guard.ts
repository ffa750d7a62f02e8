/**
 * Wraps a check of a client's value so that a throw answers `invalid` instead of escaping: the caller then
 * reports a field error, where the throw would have failed the whole request (and a whole batch) with 500.
 * Libraries throw on inputs their authors did not think of: validator's isEmail throws URIError on a lone
 * surrogate, which it hands to encodeURI. Only checks of request data are guarded; a package that fails
 * while the service loads its data should stop the service at start, not refuse every order.
 */
export function guardCheck<A extends unknown[], R, I>(
  check: (...args: A) => R,
  invalid: I,
): (...args: A) => R | I {
  return (...args) => {
    try {
      return check(...args);
    } catch {
      return invalid;
    }
  };
}
