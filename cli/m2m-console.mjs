#!/usr/bin/env node
import { parseArgs } from "node:util";
import { consoleApi, obtainToken, UsageError } from "./console-client.mjs";

// m2m-console: the console's API from a shell, a CI job or cron, as a ZITADEL service user. Exit 0 when everything it
// checked works, 1 when something fails, 2 on a usage or connection error.

const USAGE = `Usage: m2m-console <command> [options]

Commands:
  check [--tag T] [--status S] [--json]  test the selected credentials now (a test-all run); exit 1 if any fails
  list [--tag T] [--status S] [--json]   the credentials and their last known health
  test ID [--json]                       a token test of one credential
  org ID [--json]                        an organization lookup (orgs/me) of one credential
  export [--format json|csv]             the credentials as the console exports them (admin)

Connection (options or environment):
  --console URL        M2M_CONSOLE_URL         the console, e.g. https://console.example.com
  --issuer URL         M2M_CONSOLE_ISSUER      the console's ZITADEL, e.g. https://acme.zitadel.cloud
  --project ID         M2M_CONSOLE_PROJECT_ID  the console's ZITADEL project id
  --key-file PATH      M2M_CONSOLE_KEY_FILE    the service user's key file (JWT profile), or:
  --client-id ID       M2M_CONSOLE_CLIENT_ID   its client ID and
                       M2M_CONSOLE_CLIENT_SECRET  its secret (environment only: not in the process list)
  --token TOKEN        M2M_CONSOLE_TOKEN       an access token or PAT to use as is`;

const OPTIONS = {
  console: { type: "string" },
  issuer: { type: "string" },
  project: { type: "string" },
  "key-file": { type: "string" },
  "client-id": { type: "string" },
  token: { type: "string" },
  tag: { type: "string" },
  status: { type: "string" },
  format: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
};

const COMMANDS = { check, list, test, org, export: exportCredentials };

async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    throw new UsageError(error.message, "Run m2m-console --help.");
  }
  const { values, positionals } = parsed;
  const [name, ...rest] = positionals;
  if (values.help || !name) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`Unknown command "${name}".`, "Run m2m-console --help.");
  const env = process.env;
  const settings = {
    issuer: trimOrigin(values.issuer ?? env.M2M_CONSOLE_ISSUER),
    projectId: values.project ?? env.M2M_CONSOLE_PROJECT_ID,
    keyFile: values["key-file"] ?? env.M2M_CONSOLE_KEY_FILE,
    clientId: values["client-id"] ?? env.M2M_CONSOLE_CLIENT_ID,
    clientSecret: env.M2M_CONSOLE_CLIENT_SECRET,
    token: values.token ?? env.M2M_CONSOLE_TOKEN,
  };
  const consoleUrl = values.console ?? env.M2M_CONSOLE_URL;
  const api = consoleApi(consoleUrl, await obtainToken(settings));
  return command(api, rest, values);
}

function trimOrigin(value) {
  return value ? value.trim().replace(/\/+$/, "") : undefined;
}

function filterOf(values) {
  const filter = {};
  if (values.tag) filter.tag = values.tag;
  if (values.status) filter.status = values.status;
  return filter;
}

async function check(api, _args, values) {
  const filter = filterOf(values);
  const scope = Object.keys(filter).length > 0 ? { kind: "filter", filter } : { kind: "all" };
  let run = await api("POST", "/api/runs", { scope });
  let shown = -1;
  for (;;) {
    if (run.done !== shown) process.stderr.write(`checking: ${run.done}/${run.total} done\n`);
    shown = run.done;
    if (run.state !== "running") break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    run = (await api("GET", `/api/runs/${run.id}`)).run;
  }
  const { items } = await api("GET", `/api/runs/${run.id}`);
  const failing = items.filter((item) => item.status !== "working");
  // A label is the operator's to choose: a failing credential is also named by who signs in with it.
  const names = new Map(await Promise.all(failing.map(async (item) => [item.credentialId, await nameOf(api, item)])));
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ run, items }, null, 2)}\n`);
  } else {
    printTable(
      ["STATUS", "CREDENTIAL", "ORGANIZATION", "CODE"],
      items.map((item) => [item.status ?? item.state, names.get(item.credentialId) ?? item.label, item.org?.name ?? "", item.code ?? ""]),
    );
    const summary =
      failing.length === 0
        ? `all ${items.length} work`
        : `${failing.length} of ${items.length} fail: ${failing.map((item) => names.get(item.credentialId)).join(", ")}`;
    process.stderr.write(`${run.state === "done" ? "" : `run ${run.state}: `}${summary}\n`);
  }
  return run.state === "done" && failing.length === 0 ? 0 : 1;
}

/** "label (client ID)", or the service user's login name for a key or PAT once the console has learnt it. */
async function nameOf(api, item) {
  const credential = await api("GET", `/api/credentials/${item.credentialId}`);
  const who = credential.serviceUser ?? (credential.kind === "client_secret" ? credential.clientId : null);
  return who && who !== item.label ? `${item.label} (${who})` : item.label;
}

async function list(api, _args, values) {
  const items = [];
  let cursor = null;
  do {
    const query = new URLSearchParams({ ...filterOf(values), limit: "200", ...(cursor ? { cursor } : {}) });
    const page = await api("GET", `/api/credentials?${query}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  if (values.json) process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
  else
    printTable(
      ["ID", "LABEL", "CLIENT ID", "STATUS", "TAGS"],
      items.map((item) => [item.id, item.label, item.clientId ?? "", item.health?.status ?? "", item.tags.join(",")]),
    );
  return 0;
}

async function test(api, args, values) {
  const result = await api("POST", `/api/credentials/${credentialId(args)}/token`);
  return report(
    result,
    values,
    result.outcome === "ok" ? `token ok${result.token?.expiresAt ? `, expires ${result.token.expiresAt}` : ""}` : null,
  );
}

async function org(api, args, values) {
  const result = await api("POST", `/api/credentials/${credentialId(args)}/org`);
  return report(result, values, result.outcome === "ok" ? `${result.org?.name ?? "organization"} (${result.org?.id ?? "?"})` : null);
}

async function exportCredentials(api, _args, values) {
  const format = values.format ?? "json";
  if (format !== "json" && format !== "csv") throw new UsageError("--format is json or csv.");
  const body = await api("GET", `/api/credentials/export?format=${format}`);
  process.stdout.write(typeof body === "string" ? body : `${JSON.stringify(body, null, 2)}\n`);
  return 0;
}

function credentialId(args) {
  if (args.length !== 1) throw new UsageError("Name one credential by its id.", "m2m-console list shows the ids.");
  return encodeURIComponent(args[0]);
}

function report(result, values, success) {
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (success) process.stdout.write(`${success}\n`);
  else process.stdout.write(`failed: ${result.diagnosis?.title ?? "unknown"}\n${result.diagnosis?.fix ?? ""}\n`);
  return success ? 0 : 1;
}

function printTable(header, rows) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)));
  for (const row of [header, ...rows]) {
    process.stdout.write(
      `${row
        .map((cell, column) => String(cell).padEnd(widths[column]))
        .join("  ")
        .trimEnd()}\n`,
    );
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`m2m-console: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ""}`);
    process.exitCode = 2;
  },
);
