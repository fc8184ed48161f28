/** A host as it goes into a URL: an IPv6 address in brackets (`::1` → `[::1]`), anything else as is. */
export const urlHost = (host: string): string => (host.includes(':') ? `[${host}]` : host);
