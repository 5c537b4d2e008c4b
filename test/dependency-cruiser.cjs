/**
 * The layers of src/, checked by `npm test` (npm run lint:layers). Imports point one way:
 * routes → workflows → booking (the ledger) → payments / notifications → db → lib.
 * Each rule names a direction that must never be taken.
 */
const layer = (name) => `^src/${name}/`;

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A cycle makes two modules one concept in two files.",
      from: {},
      to: { circular: true, dependencyTypesNot: ["type-only"] },
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
      name: "lib-is-generic",
      severity: "error",
      comment:
        "lib/ holds generic pieces: it knows no concept of the booking domain. Two files still " +
        "do (the caller check reads D1, the status rule reads the enums in db/schema.ts): they " +
        "leave lib/ for the HTTP middleware and the domain rules.",
      from: { path: layer("lib"), pathNot: ["^src/lib/auth\\.ts$", "^src/lib/event-status\\.ts$"] },
      to: { path: "^src/", pathNot: [layer("lib"), "\\.d\\.ts$"] },
    },
    {
      name: "db-below-the-domain",
      severity: "error",
      comment: "db/ is every D1 statement; nothing above it is its business.",
      from: { path: layer("db") },
      to: {
        path: [layer("routes"), layer("workflows"), layer("payments"), layer("notifications")],
      },
    },
    {
      name: "payments-never-call-the-ledger",
      severity: "error",
      comment: "The provider seam knows no ledger: settling a payment is a workflow.",
      from: { path: layer("payments") },
      to: { path: [layer("booking"), layer("workflows"), layer("routes")] },
    },
    {
      name: "nothing-below-calls-routes",
      severity: "error",
      comment: "HTTP is the top layer: no module under it imports a route.",
      from: { path: "^src/", pathNot: [layer("routes"), "^src/(app|index)\\.ts$"] },
      to: { path: layer("routes") },
    },
    {
      name: "workflows-above-the-ledger",
      severity: "error",
      comment:
        "Workflows call the ledger; the ledger hands them work through its outbox only. The " +
        "queue handler (notifications/consumer.ts) routes each message to its workflow.",
      from: {
        path: [layer("booking"), layer("notifications"), layer("db")],
        pathNot: "^src/notifications/consumer\\.ts$",
      },
      to: { path: layer("workflows"), pathNot: "^src/workflows/steps\\.ts$" },
    },
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
