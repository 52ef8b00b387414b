/**
 * application/x-www-form-urlencoded for one value, as RFC 6749 §2.3.1 asks for each part of a
 * Basic header. Browser-safe: the Try It panel's snippets use it too.
 */
export function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}
