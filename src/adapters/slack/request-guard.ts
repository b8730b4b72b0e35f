// What reaches Bolt's HTTP receiver first. Bolt buffers a whole body (up to 4 MB) before it checks the
// signature, accepts timestamps from the future, and crashes on a signed `payload=null`. This guard answers
// before any of that: 413 for a body over BODY_LIMIT (by its content-length, or as soon as it grows past it),
// 401 at once for a request without Slack's headers or with a timestamp more than 5 minutes off in either
// direction, 408 for a body that trickles in, 401 for a bad signature, 400 for a signed body whose payload is
// not a JSON object. Only then is the request handed to Bolt, already buffered.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse } from 'node:querystring';
import type { Logger } from 'pino';

/** Slack's own payloads are a few kB (a modal with 100 blocks stays well under this). */
export const BODY_LIMIT = 1024 * 1024;
/** A body must arrive in full within this time, signed or not. */
export const BODY_TIMEOUT_MS = 5000;
/** Slack: reject requests whose timestamp differs from the local clock by more than five minutes. */
export const MAX_CLOCK_SKEW_S = 5 * 60;

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export function guardRequests(inner: Listener, o: { signingSecret: string; log: Logger; now?: () => number }): Listener {
  const now = o.now ?? Date.now;
  return (req, res) => {
    const receivedAt = now();
    if (req.method !== 'POST') return inner(req, res); // Bolt answers 404
    const refuse = (status: number, why: string) => {
      o.log.warn({ status, why }, 'Slack request refused');
      if (!res.headersSent) res.writeHead(status, { connection: 'close' }).end();
      req.resume(); // drain without keeping anything
      setImmediate(() => req.socket.destroy());
    };
    if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT) return refuse(413, 'body larger than the limit');
    const signature = req.headers['x-slack-signature'];
    const stamp = req.headers['x-slack-request-timestamp'];
    if (typeof signature !== 'string' || typeof stamp !== 'string') return refuse(401, 'unsigned');
    const ts = Number(stamp);
    if (!Number.isInteger(ts) || Math.abs(now() / 1000 - ts) > MAX_CLOCK_SKEW_S) return refuse(401, 'timestamp more than 5 minutes off');

    const parts: Buffer[] = [];
    let size = 0;
    let done = false;
    const timer = setTimeout(() => finish(() => refuse(408, 'body too slow')), BODY_TIMEOUT_MS);
    const finish = (then: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.removeAllListeners('data');
      then();
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) finish(() => refuse(413, 'body larger than the limit'));
      else parts.push(chunk);
    });
    req.on('error', () => finish(() => req.socket.destroy()));
    req.on('end', () =>
      finish(() => {
        const raw = Buffer.concat(parts);
        if (!signedBy(o.signingSecret, signature, stamp, raw)) return refuse(401, 'bad signature');
        if (!wellFormed(raw, req.headers['content-type'])) return refuse(400, 'payload is not a JSON object');
        // Bolt uses a rawBody it finds instead of reading the stream again; receivedAt starts Slack's 3 s.
        Object.assign(req, { rawBody: raw, receivedAt });
        inner(req, res);
      }),
    );
  };
}

/** When the request's headers arrived (set on requests this guard passed on), for Bolt's customPropertiesExtractor. */
export const receivedAtOf = (req: IncomingMessage): number => (req as { receivedAt?: number }).receivedAt ?? Date.now();

function signedBy(secret: string, signature: string, stamp: string, raw: Buffer): boolean {
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${stamp}:`).update(raw).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A form body whose `payload` (if any) is a JSON object, or a JSON body that is an object. */
function wellFormed(raw: Buffer, contentType: string | undefined): boolean {
  const text = raw.toString('utf8');
  const isObject = (json: string) => {
    try {
      const v: unknown = JSON.parse(json);
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    } catch {
      return false;
    }
  };
  if (contentType === 'application/x-www-form-urlencoded') {
    const { payload } = parse(text);
    if (payload === undefined) return true;
    return typeof payload === 'string' && isObject(payload);
  }
  return isObject(text);
}
