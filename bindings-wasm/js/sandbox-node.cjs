// `wanumbers/sandbox` for Node: everything `wanumbers` has, the sandbox, and `serve` (the
// sandbox over HTTP: the core answers; this is only the socket around `Sandbox.handle`).
"use strict";
const http = require("node:http");
const glue = require("./wanumbers_wasm.js");
const base = require("./index.cjs");
const { GOOD_CODE, sandboxes } = require("../sandbox.cjs");

const { Sandbox } = sandboxes(glue);

// The largest request body the server reads (Zernio's own limit is ~4.5 MB; uploads 20 MB).
const MAX_BODY_BYTES = 32 * 1024 * 1024;

const inputError = (code, message, details) => Object.assign(new Error(message), { name: "InputError", code, details });

function refuse(res, status, message) {
  const payload = JSON.stringify({ error: message });
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload), connection: "close" });
  res.end(payload);
}

/** Serves `sandbox` over HTTP on `host:port` (`0`: a free port): Zernio under `/api/v1/...`,
 * Graph under `/{version}/...`, the controls under `/_sandbox/...`. With `deliver` (default),
 * webhook deliveries are POSTed as they come due (after each request, and each second for
 * retries on the sandbox clock). Resolves to `{ url, close() }`. The controls are open to
 * whoever reaches the port: keep `host` on loopback. */
function serve(sandbox, options = {}) {
  const { host = "127.0.0.1", port = 0, deliver = true, ...rest } = options ?? {};
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) {
    return Promise.reject(inputError("argument_unknown", `serve takes host, port and deliver, not ${unknown}`, { argument: unknown }));
  }
  if (!(sandbox instanceof Sandbox)) {
    return Promise.reject(inputError("argument_type", "serve needs a Sandbox", { argument: "sandbox", expected: "a Sandbox" }));
  }
  let url = "";
  let sending = null;
  let again = false;
  const send = () => {
    if (!deliver) return;
    if (sending) {
      again = true;
      return;
    }
    sending = sandbox.sendDeliveries().catch(() => []).finally(() => {
      sending = null;
      if (again) {
        again = false;
        send();
      }
    });
  };
  const server = http.createServer((req, res) => {
    const declared = req.headers["content-length"];
    if (declared !== undefined && !/^\d+$/.test(declared)) return refuse(res, 400, "Content-Length is not a number");
    if (declared !== undefined && Number(declared) > MAX_BODY_BYTES) return refuse(res, 413, "The body is larger than the API takes");
    const chunks = [];
    let size = 0;
    let refused = false;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        refused = true;
        refuse(res, 413, "The body is larger than the API takes");
        req.destroy();
      } else {
        chunks.push(chunk);
      }
    });
    req.on("end", () => {
      if (refused) return;
      const headers = [];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i].toLowerCase(), req.rawHeaders[i + 1]]);
      // The URL from the server's own address: the Host header is the client's to choose.
      const path = req.url.startsWith("/") ? req.url : `/${req.url}`;
      let handled;
      try {
        handled = sandbox.handle({ method: req.method, url: url + path, headers, body: Buffer.concat(chunks) });
      } catch {
        return refuse(res, 400, "The request could not be read");
      }
      send();
      const { response, latencyMs, dropped } = handled;
      // A planted dropped connection: no answer at all; a planted latency: a late one.
      if (dropped) return req.socket.destroy();
      const answer = () => {
        const out = response.headers.filter(([name]) => !["content-length", "connection", "transfer-encoding"].includes(name.toLowerCase()));
        res.writeHead(response.status, [...out.flat(), "content-length", String(response.body.length)]);
        res.end(response.body);
      };
      if (latencyMs) setTimeout(answer, latencyMs);
      else answer();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
      url = `http://${shown}:${address.port}`;
      const timer = setInterval(send, 1000);
      timer.unref();
      resolve({
        url,
        close: () =>
          new Promise((done) => {
            clearInterval(timer);
            server.close(() => Promise.resolve(sending).then(() => done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

module.exports = { ...base, Sandbox, GOOD_CODE, serve };
module.exports.default = module.exports.init;
