import { type FieldError, type ProblemCode, problem } from "../lib/problem";

/** A ledger's refusal, as the problem the Worker will send. */
export const refusal = (code: ProblemCode, detail: string, errors?: FieldError[]) => {
  const p = problem(code, detail, errors ? { errors } : {});
  return { ok: false as const, status: p.status, body: p.toJSON() };
};
