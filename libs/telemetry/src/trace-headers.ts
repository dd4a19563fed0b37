/** The W3C header name, used on HTTP requests and NATS messages alike. */
export const TRACEPARENT_HEADER = 'traceparent';
