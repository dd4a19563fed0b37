export { assertPublicHttpUrl } from './assert-public-http-url';
export { safeFetch, type SafeFetchOptions, type SafeResponse } from './safe-fetch';
export { TransferStalledError } from './idle-watchdog';
export { startEgressProxy, type EgressProxy, type EgressProxyOptions } from './egress-proxy';
export { parseAllowlist } from './allowlist';
export { classifyAddress, ADDRESS_CLASSES, type AddressClass } from './address-class';
export type { UrlCheckOptions } from './check-url';
export type { HostLookup } from './host-lookup';
