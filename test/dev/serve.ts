/**
 * `npm start`'s last step: `wrangler dev` with the arguments given to npm start, and the
 * address it serves written to `.wrangler/dev-url` while it runs, so `npm run seed` finds
 * a server started on any port.
 */
import { spawn } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

export const DEV_URL_FILE =
  process.env.DEV_URL_FILE ?? path.resolve(import.meta.dirname, "../../.wrangler/dev-url");
/** wrangler.toml's [dev] section. */
const DEFAULT = { ip: "127.0.0.1", port: "8787" };

const main = () => {
  const args = process.argv.slice(2);
  const { values } = parseArgs({
    args,
    options: { port: { type: "string" }, ip: { type: "string" } },
    strict: false,
  });
  const port = typeof values.port === "string" ? values.port : DEFAULT.port;
  const ip = typeof values.ip === "string" ? values.ip : DEFAULT.ip;
  const url = `http://${ip === "0.0.0.0" ? "127.0.0.1" : ip}:${port}`;
  writeFileSync(DEV_URL_FILE, `${url}\n`);
  console.log(`Starting the API on ${url}: ${url}/docs is its reference; in another terminal,`);
  console.log("npm run seed fills it with sample data.");

  const child = spawn("wrangler", ["dev", ...args], { stdio: "inherit", shell: false });
  const forget = () => rmSync(DEV_URL_FILE, { force: true });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("exit", (code) => {
    forget();
    process.exit(code ?? 0);
  });
};

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main();
}
