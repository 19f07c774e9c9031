import type { HandoffRecord } from "./record";
import type { AttemptOutcome } from "./retry-policy";
import { KEY_HEADER, SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from "./signature";

export interface HttpPostOptions {
  url: string;
  secret: string;
  timeoutMs: number;
  record: HandoffRecord;
  now: Date;
  /** Aborts the request when the worker is stopped hard. */
  signal?: AbortSignal;
  userAgent?: string;
}

const excerpt = (text: string) => text.replace(/\s+/g, " ").trim().slice(0, 200);

/** Why a request did not get an answer, in the words of the network layer (ECONNREFUSED, ENOTFOUND…). */
function networkReason(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError") return `timeout after ${timeoutMs} ms`;
  if (e.name === "AbortError") return "aborted";
  const cause = e.cause;
  if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ""}`;
  if (cause?.message) return `${e.message ?? "error"}: ${cause.message}`;
  return e.message ?? String(error);
}

/**
 * POSTs the record as JSON with its idempotency key, a timestamp and the HMAC signature, and judges
 * the answer: 2xx or 409 (the receiver already has this key) = done; 408 and 429 = try again later;
 * any other 4xx = permanent (the receiver refuses this record: a person must look); 3xx, 5xx,
 * timeouts and connection errors = try again later.
 */
export async function postRecord(options: HttpPostOptions): Promise<AttemptOutcome> {
  const body = JSON.stringify(options.record);
  const timestamp = Math.floor(options.now.getTime() / 1000);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let response: Response;
  try {
    response = await fetch(options.url, {
      method: "POST",
      body,
      redirect: "manual",
      signal,
      headers: {
        "content-type": "application/json; charset=utf-8",
        [KEY_HEADER]: options.record.key,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signBody(options.secret, timestamp, body),
        "user-agent": options.userAgent ?? "madoguchi-handoff/1",
      },
    });
  } catch (error) {
    return { kind: "retry", error: networkReason(error, options.timeoutMs) };
  }
  let text = "";
  try {
    text = await response.text();
  } catch (error) {
    // The status arrived but the body did not: the answer is still the status.
    text = `(body unreadable: ${networkReason(error, options.timeoutMs)})`;
  }
  const status = response.status;
  const said = `HTTP ${status}${text ? `: ${excerpt(text)}` : ""}`;
  if ((status >= 200 && status < 300) || status === 409) return { kind: "done", detail: said };
  if (status === 408 || status === 429) return { kind: "retry", error: said };
  if (status >= 400 && status < 500) return { kind: "permanent", error: said };
  return { kind: "retry", error: said };
}
