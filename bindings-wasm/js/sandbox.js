// The sandbox from JS: `Sandbox` over the core's `SandboxEngine`. Its `fetch` goes where a
// client's fetch goes (`new Client({ apiKey, fetch: sandbox.fetch })`); its control methods
// are the core's controls by name. This file only converts: requests to the engine's shape,
// answers to `Response`s, and the host's clock to the engine's `now`. Shared by the browser's
// `wanumbers/sandbox` entry and the Node build (an ES module and a CommonJS copy).

/** The verification code every code the sandbox "sends" is (Graph `verifyCode`). */
export const GOOD_CODE = "123456";

export function sandboxes(core) {
  const rfc3339 = (moment) => {
    const date = moment instanceof Date ? moment : new Date(moment);
    if (Number.isNaN(date.getTime())) {
      // The engine words the error (time_invalid) from the text given.
      return String(moment);
    }
    return date.toISOString().replace(/\.\d{3}Z$/, "Z");
  };
  // The engine `restore` hands the constructor (set only for that call).
  let adopted = null;
  const inputError = (code, message, details) => {
    const err = new Error(message);
    err.name = "InputError";
    err.code = code;
    err.details = details;
    return err;
  };
  // Statuses a `Response` may not carry a body with.
  const NO_BODY = new Set([101, 103, 204, 205, 304]);

  class Sandbox {
    #engine;
    #clock;

    /** `new Sandbox({ seed?, clock? })`: `seed` fixes every id, number and choice (the same
     * calls give the same bytes); `clock` is the host's time (a `Date` or RFC 3339 text; now
     * by default), to which `advance` adds. */
    constructor(options = {}) {
      const { seed = 0, clock, ...rest } = options ?? {};
      const unknown = Object.keys(rest)[0];
      if (unknown !== undefined) {
        throw inputError("argument_unknown", `new Sandbox takes seed and clock, not ${unknown}`, { argument: unknown });
      }
      if (clock !== undefined && typeof clock !== "function") {
        throw inputError("argument_type", "clock must be a function returning a Date or RFC 3339 text", { argument: "clock", expected: "a function" });
      }
      this.#engine = adopted ?? new core.SandboxEngine(seed);
      adopted = null;
      this.#clock = clock ?? (() => new Date());
      // A plain function, so `{ fetch: sandbox.fetch }` works unbound.
      Object.defineProperty(this, "fetch", { value: (input, init) => this.#fetch(input, init), enumerable: false });
    }

    /** A sandbox from a `snapshot()`. */
    static restore(snapshot, options = {}) {
      const engine = core.SandboxEngine.restore(snapshot);
      adopted = engine;
      try {
        return new Sandbox(options);
      } finally {
        adopted = null;
      }
    }

    #now(at) {
      return rfc3339(at ?? this.#clock());
    }

    /** Answers one request `{method, url, headers: [[name, value]], body}` at `now` (the
     * clock's time by default): `{response: {status, headers, body}, deliveries}`. */
    handle(request, now) {
      return this.#engine.handle(request, this.#now(now));
    }

    async #fetch(input, init) {
      // `Request` normalises what fetch accepts (URL objects, Headers, string/bytes/form bodies).
      const request = new Request(input, init);
      const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
      const { response, latencyMs, dropped } = this.handle({ method: request.method, url: request.url, headers: [...request.headers], body });
      // A planted latency or dropped connection, acted out as the network would.
      if (latencyMs) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      if (dropped) throw new TypeError("fetch failed", { cause: new Error("the sandbox dropped the connection (a planted failure)") });
      const status = response.status;
      return new Response(NO_BODY.has(status) ? null : response.body, { status, headers: response.headers });
    }

    /** Runs sandbox control `name` with `args` (its JSON argument names; `apiKey` for an
     * account). The methods below are this, named. */
    control(name, args = {}) {
      return this.#engine.control(name, args, this.#now());
    }

    /** The sandbox time (RFC 3339). */
    now() {
      return this.control("now").now;
    }

    /** Moves the clock forward: `advance(seconds)` or `advance({ to })` (a `Date` or RFC 3339
     * text). Reviews that end and webhook retries that come due meanwhile happen. */
    advance(by) {
      if (by !== null && typeof by === "object") {
        const { to, ...rest } = by;
        return this.control("advance", { ...rest, to: to instanceof Date ? rfc3339(to) : to }).now;
      }
      return this.control("advance", { by }).now;
    }

    /** Forces `approve`, `decline`, `action_required`, `verification_required`, `suspend` or
     * `reactivate` on a number of `apiKey`'s account; the number after. */
    force(numberId, action, options = {}) {
      return this.control("force", { ...options, numberId, action }).number;
    }

    /** What `apiKey`'s account is charged for `[start, end)` (YYYY-MM-DD). */
    invoice(start, end, options = {}) {
      return this.control("invoice", { ...options, start, end });
    }

    /** The next `times` calls of `operation` on `apiKey`'s account answer `status` with the
     * API's error body (`code`: Zernio's text code or Graph's number), or a body that is not
     * JSON (`malformed`); `latencyMs` answers them late, `drop` not at all (`status` may then
     * be `null`). */
    fail(operation, status, options = {}) {
      this.control("fail", { ...options, operation, status });
    }

    /** Only these API keys and access tokens are accounts from now on (any other is the
     * API's 401, as an invalid key upstream is); `null`: any key is an account again. */
    keys(keys) {
      this.control("keys", { keys });
    }

    /** No planted failure left on `apiKey`'s account. */
    clearFailures(options = {}) {
      this.control("clear_failures", options);
    }

    /** Every webhook delivery attempt due and not yet taken, oldest first: `id` (what `report`
     * takes), `url`, `headers` (signed), `body` (the exact bytes signed, a `Uint8Array`),
     * `event`, `eventId`, `attempt`. */
    takeDeliveries() {
      return this.#engine.takeDeliveries(this.#now());
    }

    /** What sending a taken delivery gave: the endpoint's `status` (a 2xx within 5 s is a
     * success) or the `error` that kept it from answering; a failure brings the next attempt
     * after Zernio's retry delay on the sandbox clock. `{log, next, deadLettered}`. */
    report(deliveryId, outcome = {}) {
      return this.control("report", { ...outcome, deliveryId });
    }

    /** Sends a logged event again (a new first attempt, signed with the current secret). */
    redeliver(eventId, options = {}) {
      this.control("redeliver", { ...options, eventId });
    }

    /** POSTs every due delivery to its URL with `fetch` (the global one unless given) and
     * reports each outcome; the reports. */
    async sendDeliveries({ fetch = globalThis.fetch, timeoutMs = 5000 } = {}) {
      const reports = [];
      for (const delivery of this.takeDeliveries()) {
        const started = Date.now();
        let outcome;
        try {
          if (!/^https?:\/\//i.test(delivery.url)) throw new TypeError("only http(s) endpoints are sent to");
          const res = await fetch(delivery.url, {
            method: "POST",
            headers: delivery.headers,
            body: delivery.body,
            // A 3xx is the endpoint's answer (not a 2xx: a failure), never followed.
            redirect: "manual",
            signal: AbortSignal.timeout(timeoutMs),
          });
          outcome = { status: res.status, response: (await res.text()).slice(0, 1000) };
        } catch (cause) {
          // Only the failure's type: its message can carry the URL.
          outcome = { error: cause && typeof cause.name === "string" ? cause.name : "Error" };
        }
        try {
          reports.push(this.report(delivery.id, { ...outcome, ms: Date.now() - started }));
        } catch {
          // The state was reset or restored meanwhile: nothing left to report to.
        }
      }
      return reports;
    }

    /** Subscribes the Graph app of `apiKey` (the access token) to its WABA webhooks at `url`,
     * signed with `appSecret` (`X-Hub-Signature-256`); `url: null` stops. */
    graphWebhook(options = {}) {
      this.control("graph_webhook", options);
    }

    /** Sets what Meta decides about a Graph number (`qualityRating`, `messagingLimitTier`,
     * `throughputLevel`) and sends its `phone_number_quality_update`; the node after. */
    graphQuality(phoneNumberId, options = {}) {
      return this.control("graph_quality", { ...options, phoneNumberId }).number;
    }

    /** The latest requests (`apiKey`'s, or every account's): time, method, path, operation,
     * status, request id; never a body, header or query. */
    journal(options = {}) {
      return this.control("journal", options).requests;
    }

    /** Back to a new sandbox of the same seed. */
    reset() {
      this.control("reset");
    }

    /** The whole state as plain data (`Sandbox.restore` and `load` read it back). */
    snapshot() {
      return this.#engine.snapshot();
    }

    /** Replaces the state with a snapshot's, in place (clients keep working). */
    load(snapshot) {
      this.control("restore", { snapshot });
    }

    /** Frees the engine's memory (the sandbox is unusable after). */
    free() {
      this.#engine.free();
    }

    toJSON() {
      return {};
    }

    [Symbol.for("nodejs.util.inspect.custom")]() {
      return "Sandbox {}";
    }
  }

  return { Sandbox };
}
