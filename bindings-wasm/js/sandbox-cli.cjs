#!/usr/bin/env node
// `npx wanumbers-sandbox [--port 12111] [--host 127.0.0.1] [--seed N] [--state FILE] [--no-deliver]`:
// the sandbox over HTTP until Ctrl-C (the Node twin of `wanumbers sandbox serve`).
"use strict";
const { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } = require("node:fs");
const { Sandbox, serve } = require("./sandbox.cjs");

const USAGE = "usage: wanumbers-sandbox [--port N] [--host H] [--seed N] [--state FILE] [--no-deliver]";

function fail(message) {
  process.stderr.write(`wanumbers-sandbox: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function options(argv) {
  const out = { port: 12111, host: "127.0.0.1", seed: 0, state: null, deliver: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : fail(`${flag} needs a value`));
    if (flag === "--help" || flag === "-h") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (flag === "--version") {
      process.stdout.write(`${require("../package.json").version}\n`);
      process.exit(0);
    } else if (flag === "--port") {
      const port = value();
      if (!/^\d+$/.test(port) || Number(port) > 65535) fail("--port is a number from 0 to 65535");
      out.port = Number(port);
    } else if (flag === "--seed") {
      const seed = value();
      if (!/^\d+$/.test(seed)) fail("--seed is a whole number");
      out.seed = BigInt(seed);
    } else if (flag === "--host") out.host = value();
    else if (flag === "--state") out.state = value();
    else if (flag === "--no-deliver") out.deliver = false;
    else fail(`unknown argument ${flag}`);
  }
  return out;
}

async function main() {
  const opts = options(process.argv.slice(2));
  let sandbox;
  if (opts.state && existsSync(opts.state)) {
    try {
      sandbox = Sandbox.restore(JSON.parse(readFileSync(opts.state, "utf8")));
    } catch (err) {
      fail(`${opts.state}: not a sandbox snapshot (${err.code ?? err.name})`);
    }
  } else {
    sandbox = new Sandbox({ seed: opts.seed });
  }
  if (!["127.0.0.1", "localhost", "::1"].includes(opts.host)) {
    process.stderr.write(`wanumbers-sandbox: warning: ${opts.host} is not loopback; anyone who reaches it can read and reset the sandbox\n`);
  }
  const server = await serve(sandbox, { host: opts.host, port: opts.port, deliver: opts.deliver });
  const { url } = server;
  process.stdout.write(
    `sandbox listening on ${url}\n` +
      `  Zernio: base URL ${url}/api (any API key is an account, e.g. sk_test_sandbox)\n` +
      `  Graph:  base URL ${url} (any access token), controls: ${url}/_sandbox/clock\n` +
      "  Ctrl-C stops it\n",
  );
  const stop = async () => {
    await server.close();
    if (opts.state) {
      // Whole or not at all, readable by its owner only (it holds webhook secrets and KYC).
      const partial = `${opts.state}.partial`;
      rmSync(partial, { force: true }); // a leftover keeps its own mode: start afresh at 0600
      const fd = openSync(partial, "wx", 0o600);
      writeSync(fd, JSON.stringify(sandbox.snapshot()));
      fsyncSync(fd);
      closeSync(fd);
      renameSync(partial, opts.state);
    }
    process.stderr.write("sandbox stopped\n");
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err) => fail(err && err.code === "EADDRINUSE" ? "the port is in use" : String(err && err.message)));
