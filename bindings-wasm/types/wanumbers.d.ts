// Types of the npm package `wanumbers` (browsers, bundlers, Node 20+): everything but the ID
// combiner, whose types are in id-sides.d.ts (`wanumbers/id-sides`).
// The models are generated from the Rust core (models.d.ts); this file declares the functions
// and clients. Absent values come back as `null`. Money is integer cents (numbers), times
// are RFC 3339 strings in UTC, dates `YYYY-MM-DD`, phone numbers E.164.
/// <reference lib="es2015.iterable" />
import type * as M from "./models.js";

export type * from "./models.js";

// ---------------------------------------------------------------------------------------------
// Inputs and errors

/** What an input model may leave out: every field optional (the core reports a missing one
 * as `json_invalid` with its `path`). */
export type Input<T> = T extends readonly (infer U)[]
  ? readonly Input<U>[]
  : T extends object
    ? { [K in keyof T]?: Input<T[K]> | null }
    : T;

/** The class of a thrown error; `code` says exactly what failed. */
export type ErrorName =
  | "PhoneError"
  | "InputError"
  | "TransitionError"
  | "KycValidationError"
  | "ApiError"
  | "SignatureError"
  | "TransportError";

/** Every error this package throws is an `Error` with these properties (arguments of the wrong
 * JavaScript type throw a plain `TypeError`). Messages never contain the input. */
export interface WanumbersError extends Error {
  name: ErrorName;
  code: M.ErrorCode;
  details: { [key: string]: M.JsonValue };
}

/** A failed API call: `status` is the HTTP status; `retryable` says whether trying the same
 * call later may succeed (never for register/deregister/code requests). */
export interface ApiError extends WanumbersError {
  name: "ApiError";
  status: number | null;
  retryable: boolean;
}

/** `true` when `err` is an error this package threw. */
export function isWanumbersError(err: unknown): err is WanumbersError;

// Host classes by their global name, so the types compile with or without the DOM lib (a Node
// project without it gets `never` for what it cannot have anyway).
type Host<K extends string> = typeof globalThis extends { [P in K]: { prototype: infer I } } ? I : never;
type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer I } } } ? I : never;

/** The `.wasm` as bytes, or compiled. */
export type WasmSource = ArrayBuffer | ArrayBufferView | WasmModule;
/** Where `init()` may load the `.wasm` from: its URL, a fetch `Response`, or a {@link WasmSource}. */
export type InitInput = string | Host<"URL"> | Host<"Request"> | Host<"Response"> | WasmSource;

/** Loads the WebAssembly module once (browsers: fetches the `.wasm` next to the module, or
 * from `input`). Under Node the module is already loaded and this resolves at once. */
export function init(input?: InitInput): Promise<void>;
export default init;

/** Loads the WebAssembly module synchronously from its bytes (browsers, workers; a no-op
 * under Node). */
export function initSync(input: { module: WasmSource }): unknown;

// ---------------------------------------------------------------------------------------------
// Phone numbers

/** The E.164 form of a valid number (`region` for numbers written without `+`). Throws a
 * `PhoneError`. */
export function normalizePhone(raw: string, region?: string | null): string;
/** The E.164 form of a valid number that belongs to `region`. */
export function normalizePhoneInRegion(raw: string, region: string): string;
/** A valid number written as `e164`, `international` (default), `national` or `rfc3966`. */
export function formatPhone(raw: string, region?: string | null, format?: M.PhoneFormat | null): string;
/** An example number of `region` and `type` (default `mobile`) written as `format` (default
 * `international`), e.g. for a form's placeholder; `null` when the region has no such numbers.
 * Throws for a bad `region`, `type` or `format`. */
export function examplePhone(region: string, type?: M.NumberType | null, format?: M.PhoneFormat | null): string | null;
/** The libphonenumber metadata release the phone engine is compiled from, e.g. `"9.0.42"`. */
export function phoneMetadataVersion(): string;
/** What one input is; never throws for a bad number (only for a bad `region`). */
export function checkPhone(raw: string, region?: string | null): M.PhoneCheck;
/** `checkPhone` for many inputs in one call, in order. */
export function checkPhones(raws: readonly string[], region?: string | null): M.PhoneCheck[];

// ---------------------------------------------------------------------------------------------
// Countries and prices

/** Whether `code` is an assigned ISO 3166-1 alpha-2 code, written in uppercase. */
export function isCountryCode(code: string): boolean;
/** The English name of an assigned code, or `null`. */
export function countryName(code: string): string | null;
/** Code, alpha-3 and name of a strictly written code; throws an `InputError` otherwise. */
export function countryInfo(code: string): M.CountryInfo;
/** Trims and uppercases a code, then checks it. */
export function normalizeCountryCode(code: string): string;
/** A catalog: the published price table when left out, or a `GET /countries` body (text or
 * parsed). */
export type CatalogInput = string | Input<M.Catalog> | readonly Input<M.Country>[];
/** The countries on sale, cheapest first. */
export function countries(catalog?: CatalogInput | null): M.Country[];
/** One country of the catalog; throws an `InputError` when it is not on sale. */
export function country(code: string, catalog?: CatalogInput | null): M.Country;
/** `monthlyCents × activeDays ÷ daysInMonth`, rounded half up to the cent. */
export function prorateCents(monthlyCents: number, activeDays: number, daysInMonth: number): number;
/** Days in a month (1–12), leap years included. */
export function daysInMonth(year: number, month: number): number;
/** The monthly price of `quantity` numbers, and the prorated first month from `start`. */
export function quote(country: string, quantity?: number | null, options?: { start?: string | null; catalog?: CatalogInput | null } | null): M.Quote;
/** `"$1,234.56"`. */
export function formatUsd(cents: number): string;
/** `"$2.00/mo"`. */
export function formatMonthly(cents: number): string;

// ---------------------------------------------------------------------------------------------
// KYC

export interface ValidateOptions {
  /** The `GET /availability` answer for the country (checks areas and the address constraint). */
  availability?: Input<M.Availability> | null;
  /** `YYYY-MM-DD`; defaults to today's UTC date. */
  today?: string | null;
  /** Language of the messages. */
  lang?: M.Lang | null;
}
/** Every reason a submission would bounce, field by field; `[]` when it would pass. Never throws
 * for what a user typed (only for a malformed form model). */
export function validateKyc(form: Input<M.KycForm>, submission: Input<M.KycSubmission>, options?: ValidateOptions | null): M.FieldError[];
/** Checks a correction of a declined number. */
export function validateRemediation(
  form: Input<M.RemediationForm>,
  submission: Input<M.RemediationSubmission>,
  options?: { previous?: Input<M.KycSubmission> | null; today?: string | null; lang?: M.Lang | null } | null,
): M.FieldError[];
/** The re-submission for a declined number: only the declined requirements. */
export function remediationPayload(form: Input<M.RemediationForm>, previous: Input<M.KycSubmission>, corrections: Input<M.RemediationSubmission>): M.KycSubmission;
/** The type of a PDF, JPEG, PNG or WEBP file from its first bytes, or `null`. */
export function sniffDocument(bytes: Uint8Array): M.DocumentType | null;
/** Throws a `KycValidationError` when a file of this size cannot be sent. */
export function checkDocumentSize(sizeBytes: number): void;
/** Base64 for an inline KYC document. */
export function encodeDocument(bytes: Uint8Array): string;

/** Every error code. */
export function errorCodes(): M.ErrorCode[];
/** The error class names, one per error kind: every error this package throws has one. */
export function errorClasses(): ("PhoneError" | "InputError" | "TransitionError" | "KycValidationError" | "ApiError" | "SignatureError" | "TransportError")[];
/** The package version. */
export function version(): string;

// ---------------------------------------------------------------------------------------------
// The full build only (not in `wanumbers/forms`)

/** An invoice for `[start, end)` from each number's status history. */
export function invoice(numbers: readonly Input<M.FleetNumber>[], start: string, end: string): M.Invoice;
/** The fleet's monthly run-rate from each number's current status. */
export function runRate(numbers: readonly Input<M.FleetNumber>[]): M.RunRate;
/** The status after `event`; throws a `TransitionError` when the lifecycle forbids it. */
export function nextStatus(status: M.NumberStatus, event: M.NumberEvent): M.NumberStatus;
/** What a number in `status` allows. */
export function allowedActions(status: M.NumberStatus): M.AllowedActions;
/** A status name, checked strictly (throws an `InputError` for an unknown one). */
export function parseStatus(status: string): M.NumberStatus;
/** The lifecycle event of a `whatsapp.number.*` webhook name, or `null`. */
export function webhookEvent(name: string): M.NumberEvent | null;
/** Whether a list view shows a number (declined numbers drop out after a while). */
export function inListView(status: M.NumberStatus, options: { now: string; view?: M.NumberStatus | null; declinedAt?: string | null }): boolean;

export type Platform = "zernio" | "graph";
/** An HTTP request for `fetch` (or any HTTP client) to send. */
export interface HttpRequest {
  method: M.Method;
  url: string;
  headers: [string, string][];
  body: Uint8Array;
}
/** What came back. */
export interface HttpResponse {
  status: number;
  headers?: [string, string][] | { [name: string]: string } | null;
  body?: string | Uint8Array | null;
}
// The operation maps (`ZernioOperations`, `GraphOperations`) are generated from the core's table
// into models.d.ts.
type Ops<P extends Platform> = P extends "zernio" ? M.ZernioOperations : M.GraphOperations;
type ConfigOf<P extends Platform> = P extends "zernio" ? Input<M.Config> : Input<M.GraphConfig>;
type ArgsOf<P extends Platform, O> = O extends keyof Ops<P> ? (Ops<P>[O] extends [infer A, unknown] ? A : never) : never;
type ResultOf<P extends Platform, O> = O extends keyof Ops<P> ? (Ops<P>[O] extends [unknown, infer R] ? R : never) : never;

/** The `TransportError` (returned, not thrown) for a failed `fetch`, worded by the core;
 * `reason` must hold no secrets (the clients pass the failure's type name). */
export function transportError(operation: string, reason: string, maybeSent: boolean): WanumbersError;
/** Whether a header's value is a secret or personal data (`authorization`, ...). */
export function isSecretHeader(name: string): boolean;
/** The request of an operation, arguments checked first (nothing invalid is ever built). Its
 * secret header values print as `<redacted>` (`util.inspect`, `JSON.stringify`) while
 * `headers` keeps them for `fetch`. */
export function buildRequest<P extends Platform, O extends keyof Ops<P> & string>(platform: P, config: ConfigOf<P>, operation: O, args: ArgsOf<P, O>): HttpRequest;
/** The result of an operation from its response, or a thrown `ApiError`. */
export function parseResponse<P extends Platform, O extends keyof Ops<P> & string>(platform: P, operation: O, args: ArgsOf<P, O>, response: HttpResponse): ResultOf<P, O>;
/** The arguments of the page after `page` (the result of `operation` called with `args`), or
 * `null` after the last page or for an operation that does not page (the table's `pages`). */
export function nextPage<P extends Platform, O extends keyof Ops<P> & string>(platform: P, operation: O, args: ArgsOf<P, O>, page: ResultOf<P, O>): ArgsOf<P, O> | null;
/** The operation names of a platform. */
export function operations<P extends Platform>(platform: P): (keyof Ops<P> & string)[];
/** An argument outside the JSON body: wire name, argument name, how it is written. */
export interface WireParam {
  wire: string;
  arg: string;
  kind: "text" | "encoded" | "bool" | "int" | "list" | "json" | "flag";
  /** The fixed text of a `flag`. */
  value?: string;
}
/** One row of the core's table of operations. */
export interface OperationSpec {
  name: string;
  operation_id: string;
  platform: Platform;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  legacy_path: string | null;
  query: WireParam[];
  fixed_query: [string, string][];
  headers: WireParam[];
  body: { kind: "none" | "rest" | "fields" | "arg" | "bytes"; value?: string | WireParam[] };
  renamed: [string, string][];
  fixed_body: [string, string][];
  selected_by: string | null;
  success: number[];
  retry_safe: boolean;
  idempotency: { kind: "natural" | "key" | "header" | "none"; value?: string };
  needs_today: boolean;
  /** How a paged result pages: the member holding the items (`data`) and where the next
   * page starts; `null` for an operation that does not page. */
  pages: {
    items: string;
    next:
      | { kind: "after" }
      | { kind: "cursor"; member: string; arg: string }
      | { kind: "window"; default_limit: number; max_skip: number };
  } | null;
  /** The names of the generated argument and result types (`SearchAvailable`, `AvailableNumbers`). */
  args_type: string;
  output_type: string;
  /** The member of the response body that holds the output (`phoneNumber`), or `null`. */
  envelope: string | null;
  summary: string;
  args: string[];
}
/** Every page of one call, the core deciding what to request next and which items a page
 * holds (`GraphClient.listAllPhoneNumbers` drives it). Call `free()` when done. */
export class Pager {
  constructor(platform: Platform, operation: string, args: object, maxPages: number);
  /** The arguments of the next request, or `null` when every page was read. */
  nextArgs(): Record<string, unknown> | null;
  /** The items of one parsed page. */
  feed(page: unknown): unknown[];
  free(): void;
}
/** Retries: attempts in all, the first wait (doubling), the longest wait taken. */
export interface RetryPolicy {
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}
/** Whether to send a call again (`afterMs`: how long to wait first). */
export type RetryDecision = { decision: "retry"; afterMs: number } | { decision: "stop" };
/** Throws an `InputError` unless `policy` is a retry policy the core accepts. */
export function checkRetryPolicy(policy: RetryPolicy | null): void;
/** Whether to send attempt `attempt` of a call again, and after how long; `response` is
 * `null` after a failed `fetch`. The clients call it with the time and a random `jitter`. */
export function retryDecision(
  platform: Platform,
  operation: string,
  args: object,
  attempt: number,
  response: HttpResponse | null,
  now: string,
  jitter: number,
  policy?: RetryPolicy | null,
): RetryDecision;
/** The table of operations: what each operation is (method, paths, where each argument
 * travels, retry and idempotency rules, `needs_today`, `pages`, `args`). */
export function operationTable(): OperationSpec[];

/** A raw body or secret: the bytes as received, or text (its UTF-8 bytes). */
export type Raw = Uint8Array | string;
/** Throws a `SignatureError` unless `header` is Zernio's signature of the raw body. */
export function verifyZernioSignature(secret: Raw, body: Raw, header: string | null | undefined): void;
/** Throws a `SignatureError` unless `header` (`sha256=…`) is Meta's signature of the raw body. */
export function verifyMetaSignature(appSecret: Raw, body: Raw, header: string | null | undefined): void;
/** The challenge to echo in Meta's subscription handshake; throws (answer 403) otherwise. */
export function metaChallenge(mode: string | null | undefined, token: string | null | undefined, challenge: string | null | undefined, expectedToken: string): string;
/** A Zernio webhook body, after its signature was checked. */
export function parseWebhook(body: Raw): M.ZernioEvent;
/** A Meta webhook body, after its signature was checked. */
export function parseMetaWebhook(body: Raw): M.MetaWebhook;
/** Applies an event to a local record (idempotent: a repeated event id changes nothing). */
export function applyEvent(record: Input<M.LocalNumber>, event: Input<M.ZernioEvent>): M.Applied;
/** Whether a purchase at `now` passes the 10-minute velocity guard. */
export function purchaseGuard(lastPurchaseAt: string | null | undefined, now: string, allowMultiple?: boolean | null): M.PurchaseGuard;

// ---------------------------------------------------------------------------------------------
// Clients

/** `fetch` or anything with its shape (a test double, a proxying fetch). */
export type Fetch = (url: string, init: { method: string; headers: [string, string][]; body?: Uint8Array }) => Promise<{
  status: number;
  headers: Iterable<[string, string]>;
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/** A client fills `today` (UTC) when it is left out. */
type ClientArgs<A> = A extends { today: string } ? Omit<A, "today"> & { today?: string | null } : A;
type Methods<T> = {
  [O in keyof T & string as CamelCase<O>]: T[O] extends [infer A, infer R]
    ? {} extends ClientArgs<A>
      ? (args?: ClientArgs<A>) => Promise<R>
      : (args: ClientArgs<A>) => Promise<R>
    : never;
};
type CamelCase<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;

interface ClientBase<T> {
  /** Any operation by its snake_case name. */
  call<O extends keyof T & string>(operation: O, args?: T[O] extends [infer A, unknown] ? ClientArgs<A> : never): Promise<T[O] extends [unknown, infer R] ? R : never>;
}

/** Zernio over `fetch` (`globalThis.fetch` unless given). Arguments are checked before anything
 * is sent; nothing is retried. */
export interface Client extends ClientBase<M.ZernioOperations>, Methods<M.ZernioOperations> {}
export const Client: {
  new (options: { apiKey: string; fetch?: Fetch; baseUrl?: string; legacyPaths?: boolean; allowInsecureHttp?: boolean; retry?: RetryPolicy }): Client;
};

/** Meta's Graph API over `fetch`. */
export interface GraphClient extends ClientBase<M.GraphOperations>, Methods<M.GraphOperations> {
  /** Every number of a WABA, page after page. */
  listAllPhoneNumbers(args: M.ListPhoneNumbers, options?: { maxPages?: number }): Promise<M.GraphPhoneNumber[]>;
}
export const GraphClient: {
  new (options: { accessToken: string; fetch?: Fetch; version?: string; baseUrl?: string; allowInsecureHttp?: boolean; retry?: RetryPolicy }): GraphClient;
};
