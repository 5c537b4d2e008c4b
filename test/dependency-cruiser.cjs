/**
 * The layers of src/, checked by `npm test` (npm run lint:layers). Each layer names the
 * layers right below it; it may import those and, through them, everything they may
 * import. Anything else is forbidden. The README draws the same edges (a test compares).
 * `src/index.ts`, `src/app.ts` and `src/queues.ts` compose the layers and may import any.
 */
const { EDGES } = require("./layers.cjs");

const below = (name, seen = new Set()) => {
  for (const next of EDGES[name]) {
    if (!seen.has(next)) {
      seen.add(next);
      below(next, seen);
    }
  }
  return seen;
};
const LAYERS = Object.fromEntries(Object.keys(EDGES).map((name) => [name, [...below(name)]]));

const folder = (name) => `^src/${name}/`;
const WHY = {
  lib: "lib/ is generic: time, ids, problems, HTML, queue batching; it knows no booking.",
  domain: "domain/ holds the pure rules and enums; it imports nothing of the project but lib/.",
  contracts: "contracts/ are the shapes layers exchange: they rest on the domain only.",
  db: "db/ is every D1 statement; nothing above it is its business.",
  payments: "The provider seam knows no ledger: settling a payment is a workflow.",
  notifications: "Notifications deliver what the outbox publishes; they decide nothing.",
  tickets:
    "tickets/ signs, checks and shows tickets; the ledger keeps them through it, and knows no HTTP.",
  admission:
    "The admission queue paces who may book; it knows no ledger, which checks its passes alone.",
  ledger: "The ledger decides; it hands work to workflows through its outbox only.",
  workflows: "Workflows are called by the queue handler and HTTP, never the other way.",
  http: "HTTP is the top layer: it may use everything below and nothing uses it.",
};

const layerRules = Object.entries(LAYERS).map(([name, allowed]) => ({
  name: `${name}-imports-only-below`,
  severity: "error",
  comment: WHY[name],
  from: { path: folder(name) },
  to: {
    path: "^src/",
    pathNot: [folder(name), ...allowed.map(folder), "\\.d\\.ts$"],
  },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A cycle makes two modules one concept in two files.",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-orphans",
      severity: "error",
      comment: "A module nothing imports is dead code.",
      from: {
        orphan: true,
        path: "^src/",
        pathNot: ["\\.d\\.ts$", "^src/index\\.ts$", "^src/db/drizzle\\.config\\.ts$"],
      },
      to: {},
    },
    {
      name: "only-the-roots-compose",
      severity: "error",
      comment: "index.ts, app.ts and queues.ts wire the layers; no layer imports them.",
      from: { path: "^src/", pathNot: ["^src/(index|app|queues)\\.ts$", "\\.d\\.ts$"] },
      to: { path: "^src/(index|app|queues)\\.ts$" },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
