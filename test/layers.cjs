/**
 * The layers of src/, top to bottom: each names the layers right below it. The dependency
 * rules (dependency-cruiser.cjs) and the README's drawing are both made from this.
 */
const EDGES = {
  http: ["workflows"],
  workflows: ["ledger", "notifications", "webhooks", "admission"],
  admission: ["contracts"],
  webhooks: ["notifications"],
  ledger: ["payments", "tickets", "contracts"],
  tickets: ["contracts"],
  payments: ["db", "contracts"],
  notifications: ["db", "contracts"],
  db: ["domain"],
  contracts: ["domain"],
  domain: ["lib"],
  lib: [],
};

module.exports = { EDGES };
