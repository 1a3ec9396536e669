// Clients over `fetch`: one async method per operation. The core builds each request (after
// checking the arguments: nothing invalid is sent) and reads each response; this file only
// moves bytes between them and `fetch`, waiting between attempts when the core says to retry.
// Shared by the browser and Node builds (the build writes an ES module and a CommonJS copy).

const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/** `buildRequest` whose result prints with its secret header values (the key) redacted:
 * `util.inspect`, `console.log` (Node) and `JSON.stringify` see `<redacted>`, while
 * `request.headers` (and a spread copy) keep the real values for `fetch`. */
export function redactingBuildRequest(core) {
  const shown = (request) => ({
    ...request,
    headers: request.headers.map(([name, value]) => [name, core.isSecretHeader(name) ? "<redacted>" : value]),
  });
  return (...args) => {
    const request = core.buildRequest(...args);
    Object.defineProperty(request, "toJSON", { value: () => shown(request) });
    Object.defineProperty(request, Symbol.for("nodejs.util.inspect.custom"), {
      value: (depth, options, inspect) => (inspect ?? ((v) => v))(shown(request), options),
    });
    return request;
  };
}

// From the core's table of operations, written in by the package build (the browser module
// cannot be asked before `init()`): each operation's name, platform and whether it needs
// today's date; nothing else of the table, which the clients do not read.
const OPERATIONS = /* OPERATIONS */ null;
const TODAY_OPERATIONS = new Set(OPERATIONS.filter((op) => op.needs_today).map((op) => op.name));

// An error shaped like the core's (name from the kind, stable code, details).
const wanumbersError = (name, code, message, details) => {
  const err = new Error(message);
  err.name = name;
  err.code = code;
  err.details = details;
  return err;
};

export function clients(core) {
  // A failure to reach the API at all, worded by the core (as in Python). Only the failure's
  // type name is kept: its message or a `cause` chain can carry the URL, headers or the key. A
  // fetch that failed may still have been sent: `maybe_sent` is true.
  const transportError = (operation, cause) => {
    const causeName = cause && typeof cause.name === "string" ? cause.name : typeof cause;
    return core.transportError(operation, causeName, true);
  };

  const fetchOf = (given) => {
    const f = given ?? globalThis.fetch;
    if (typeof f !== "function") {
      throw wanumbersError("InputError", "argument_missing", "no fetch: pass { fetch } (globalThis.fetch is not available here)", { argument: "fetch" });
    }
    return given ? f : f.bind(globalThis);
  };

  // Only the options that are set: `{ baseUrl: null }` means the default, as leaving it out does.
  const defined = (object) => Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined && v !== null));

  class Base {
    #platform;
    #config;
    #fetch;
    #retry;

    constructor(platform, config, fetch, retry) {
      this.#platform = platform;
      this.#config = defined(config);
      this.#fetch = fetchOf(fetch);
      this.#retry = retry ?? null;
      // The policy is checked now (an InputError), not after a request was sent.
      core.checkRetryPolicy(this.#retry);
    }

    /** Any operation by its snake_case name, with the upstream JSON (camelCase) arguments. */
    async call(operation, args = {}) {
      // Checks that depend on the date (document issue dates) use today's UTC date unless told.
      if (TODAY_OPERATIONS.has(operation) && args.today == null) {
        args = { ...args, today: new Date().toISOString().slice(0, 10) };
      }
      const request = core.buildRequest(this.#platform, this.#config, operation, args);
      // A retry-safe call is sent again after a failed fetch, a 429 or a 5xx, as the core
      // decides; the time, the jitter and the waiting are supplied here.
      for (let attempt = 1; ; attempt++) {
        let response = null;
        let failure = null;
        try {
          const res = await this.#fetch(request.url, {
            method: request.method,
            headers: request.headers,
            body: request.body.length ? request.body : undefined,
          });
          response = { status: res.status, headers: [...res.headers], body: new Uint8Array(await res.arrayBuffer()) };
        } catch (cause) {
          failure = transportError(operation, cause);
        }
        const decision = core.retryDecision(this.#platform, operation, args, attempt, response, new Date().toISOString(), Math.random(), this.#retry);
        if (decision.decision === "retry") {
          await new Promise((resolve) => setTimeout(resolve, decision.afterMs));
          continue;
        }
        if (failure) throw failure;
        return core.parseResponse(this.#platform, operation, args, response);
      }
    }

    toJSON() {
      return { platform: this.#platform, baseUrl: this.#config.baseUrl ?? null };
    }
  }

  const requireKey = (value, argument) => {
    if (typeof value !== "string") throw wanumbersError("InputError", "argument_type", `${argument} must be a string`, { argument, expected: "a string" });
    if (!value.trim()) throw wanumbersError("InputError", "argument_missing", `${argument} is required`, { argument });
  };

  /** Zernio: `new Client({ apiKey, fetch?, baseUrl?, legacyPaths?, allowInsecureHttp?, retry? })`;
   * `retry: { maxAttempts: 1 }` turns retries off. */
  class Client extends Base {
    constructor(options) {
      const { apiKey, fetch, baseUrl, legacyPaths, allowInsecureHttp, retry } = options ?? {};
      requireKey(apiKey, "apiKey");
      super("zernio", { apiKey, baseUrl, allowInsecureHttp, paths: legacyPaths ? "legacy" : "canonical" }, fetch, retry);
    }
  }

  /** Meta's Graph API: `new GraphClient({ accessToken, fetch?, version?, baseUrl?, allowInsecureHttp?, retry? })`. */
  class GraphClient extends Base {
    constructor(options) {
      const { accessToken, fetch, version, baseUrl, allowInsecureHttp, retry } = options ?? {};
      requireKey(accessToken, "accessToken");
      super("graph", { accessToken, version, baseUrl, allowInsecureHttp }, fetch, retry);
    }

    /** Every number of a WABA, following the `after` cursor (at most `maxPages` pages). */
    async listAllPhoneNumbers(args, { maxPages = 100 } = {}) {
      // The core decides what to request next and which items a page holds.
      const pager = new core.Pager("graph", "list_phone_numbers", args ?? {}, maxPages);
      try {
        const out = [];
        for (let next = pager.nextArgs(); next != null; next = pager.nextArgs()) {
          out.push(...pager.feed(await this.listPhoneNumbers(next)));
        }
        return out;
      } finally {
        pager.free();
      }
    }
  }

  for (const [cls, platform] of [[Client, "zernio"], [GraphClient, "graph"]]) {
    for (const { name: operation } of OPERATIONS.filter((op) => op.platform === platform)) {
      Object.defineProperty(cls.prototype, camel(operation), {
        value: function (args) { return this.call(operation, args ?? {}); },
        writable: true,
        configurable: true,
      });
    }
  }

  return { Client, GraphClient };
}
