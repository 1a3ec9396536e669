// A static file server for the KYC form example, on 127.0.0.1 only: `make demo-web` runs it
// (serving the repository root, so the page finds bindings-wasm/pkg) and the browser test
// imports it. Usage: node examples/kyc-form/serve.mjs [port]
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".wasm": "application/wasm",
  ".png": "image/png", ".jpg": "image/jpeg", ".pdf": "application/pdf", ".ts": "text/plain; charset=utf-8",
};

/** Serves `root` on 127.0.0.1:`port` (0 = any free port); resolves to the server. */
export function serve(root, port = 0) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) throw Object.assign(new Error("outside"), { status: 403 });
      if (path.endsWith("/")) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (err) {
      res.writeHead(err.status ?? 404, { "content-type": "text/plain" });
      res.end(err.status === 403 ? "forbidden" : "not found");
    }
  });
  return new Promise((ok) => server.listen(port, "127.0.0.1", () => ok(server)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
  const server = await serve(root, Number(process.argv[2] ?? process.env.PORT ?? 8000));
  console.log(`KYC form: http://127.0.0.1:${server.address().port}/examples/kyc-form/  (Ctrl-C to stop)`);
}
