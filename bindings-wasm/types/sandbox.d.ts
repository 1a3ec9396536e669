// Types of `wanumbers/sandbox`: everything `wanumbers` has, the ID combiner, plus the sandbox
// (both APIs simulated offline by the core, statefully) and, under Node, `serve`. Browsers and
// bundlers get their own build of it (call `await init()` first); the forms and web builds do
// not carry the sandbox.
export * from "./wanumbers.js";
export { combineIdSides } from "./id-sides.js";
import type * as M from "./models.js";
import type { Fetch, HttpRequest } from "./wanumbers.js";

/** The verification code every code the sandbox "sends" is (Graph `verifyCode`). */
export const GOOD_CODE: "123456";

/** The host's time: a `Date` or RFC 3339 text. */
export type SandboxTime = Date | string;

/** One webhook delivery attempt, as the sandbox would POST it. */
export interface Delivery {
  /** This attempt: what `report` takes. */
  id: string;
  webhookId: string;
  url: string;
  /** `whatsapp.number.activated`, ... */
  event: string;
  /** The payload's `id` (`X-Zernio-Event-Id`), the same on every retry. */
  eventId: string;
  /** Signed (`x-zernio-signature` when the subscription has a secret). */
  headers: [string, string][];
  /** The exact bytes the signature covers. */
  body: Uint8Array;
  /** 1 to 7. */
  attempt: number;
  dueAt: string;
}

/** The `Response` its `fetch` gives (a real `Response`; typed by what callers use). */
export interface SandboxResponse {
  status: number;
  ok: boolean;
  headers: Iterable<[string, string]> & { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

/** What the sandbox answered, and the deliveries the request caused. */
export interface Handled {
  response: { status: number; headers: [string, string][]; body: Uint8Array };
  deliveries: Delivery[];
  /** A planted latency: wait this long before answering (`fetch` and `serve` do). */
  latencyMs: number;
  /** A planted dropped connection: answer nothing (`fetch` throws, `serve` closes). */
  dropped: boolean;
}

/** A reported delivery attempt: its log row, when the next attempt is due (`null`: none). */
export interface Reported {
  log: M.WebhookLog;
  next: string | null;
  deadLettered: boolean;
}

/** One request the journal remembers (never a body, a header or a query). */
export interface JournalEntry {
  at: string;
  /** The account's digest (the state never holds a key). */
  account: string | null;
  method: string;
  path: string;
  operation: string | null;
  status: number;
  requestId: string;
}

/** A sandbox's whole state as plain data. */
export type Snapshot = { [key: string]: unknown };

/** The controls by name and their arguments (JSON names). */
export interface Controls {
  now: {};
  advance: { by?: number; to?: string };
  force: { apiKey: string; numberId: string; action: ForceAction; reason?: string | null };
  deliveries: { apiKey: string };
  report: { apiKey?: string; deliveryId: string; status?: number | null; error?: string | null; ms?: number | null; response?: string | null };
  redeliver: { apiKey: string; eventId: string; webhookId?: string | null };
  invoice: { apiKey: string; start: string; end: string };
  fail: { apiKey: string; operation: string; status?: number | null; code?: string | number | null; malformed?: boolean; latencyMs?: number; drop?: boolean; times?: number };
  keys: { keys: string[] | null };
  clear_failures: { apiKey: string };
  graph_webhook: { apiKey: string; url: string | null; appSecret?: string | null };
  graph_quality: { apiKey: string; phoneNumberId: string; qualityRating?: string | null; messagingLimitTier?: string | null; throughputLevel?: string | null };
  reset: {};
  snapshot: {};
  restore: { snapshot: Snapshot };
  journal: { apiKey?: string | null };
}

export type ForceAction = "approve" | "decline" | "action_required" | "verification_required" | "suspend" | "reactivate";

/** Zernio's phone-number API and Meta's Graph phone-number endpoints, simulated offline by the
 * core: `new Client({ apiKey, fetch: sandbox.fetch })`. */
export class Sandbox {
  /** `seed` fixes every id, number and choice; `clock` is the host's time (now by default),
   * to which `advance` adds. */
  constructor(options?: { seed?: number | bigint; clock?: () => SandboxTime });
  /** A sandbox from a `snapshot()`. */
  static restore(snapshot: Snapshot, options?: { clock?: () => SandboxTime }): Sandbox;
  /** `fetch` over the sandbox, for the clients (or any fetch-based code). */
  readonly fetch: Fetch & ((input: string, init?: { method?: string; headers?: [string, string][] | { [name: string]: string }; body?: string | Uint8Array | null }) => Promise<SandboxResponse>);
  /** Answers one request at `now` (the clock's time by default). */
  handle(request: HttpRequest | { method: string; url: string; headers?: [string, string][]; body?: string | Uint8Array | null }, now?: SandboxTime): Handled;
  /** Any control by name. */
  control<N extends keyof Controls>(name: N, args?: Controls[N]): unknown;
  /** The sandbox time. */
  now(): string;
  /** Moves the clock forward by `seconds`, or `{ to }` a time; the new sandbox time. */
  advance(by: number | { to: SandboxTime }): string;
  force(numberId: string, action: ForceAction, options: { apiKey: string; reason?: string | null }): M.OwnedPhoneNumber;
  invoice(start: string, end: string, options: { apiKey: string }): M.Invoice;
  fail(operation: string, status: number | null, options: { apiKey: string; code?: string | number | null; malformed?: boolean; latencyMs?: number; drop?: boolean; times?: number }): void;
  /** Only these keys and access tokens are accounts (any other is a 401); `null`: any key. */
  keys(keys: string[] | null): void;
  clearFailures(options: { apiKey: string }): void;
  takeDeliveries(): Delivery[];
  report(deliveryId: string, outcome: { status?: number | null; error?: string | null; ms?: number | null; response?: string | null; apiKey?: string }): Reported;
  redeliver(eventId: string, options: { apiKey: string; webhookId?: string | null }): void;
  /** POSTs every due delivery with `fetch` and reports each outcome. */
  sendDeliveries(options?: { fetch?: Fetch; timeoutMs?: number }): Promise<Reported[]>;
  journal(options?: { apiKey?: string | null }): JournalEntry[];
  /** Subscribes the Graph app of `apiKey` (the access token) to its WABA webhooks. */
  graphWebhook(options: { apiKey: string; url: string | null; appSecret?: string | null }): void;
  /** Sets a Graph number's quality, messaging limit or throughput (and sends the webhook). */
  graphQuality(phoneNumberId: string, options: { apiKey: string; qualityRating?: "GREEN" | "YELLOW" | "RED"; messagingLimitTier?: string; throughputLevel?: "STANDARD" | "HIGH" }): M.GraphPhoneNumber;
  reset(): void;
  snapshot(): Snapshot;
  load(snapshot: Snapshot): void;
  free(): void;
}

/** A running sandbox server. */
export interface SandboxServer {
  /** `http://127.0.0.1:PORT`: Zernio's base URL is `${url}/api`, Graph's is `url`. */
  url: string;
  close(): Promise<void>;
}

/** Node only: serves `sandbox` over HTTP (Zernio under `/api/v1/...`, Graph under
 * `/{version}/...`, the controls under `/_sandbox/...`); with `deliver` (the default), webhook
 * deliveries are POSTed as they come due and retried on Zernio's schedule. */
export function serve(sandbox: Sandbox, options?: { host?: string; port?: number; deliver?: boolean }): Promise<SandboxServer>;
