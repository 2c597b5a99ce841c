import type { IncomingHttpHeaders } from 'node:http';
import Negotiator from 'negotiator';

/**
 * Whether a request takes a gzipped answer: its Accept-Encoding names gzip (or `*`) with a
 * quality above 0, read by the negotiator Express's `req.acceptsEncodings` uses.
 */
export function acceptsGzip(headers: IncomingHttpHeaders): boolean {
  return new Negotiator({ headers }).encoding(['gzip']) === 'gzip';
}
