/** A form field as Stripe reads it: nested objects from bracket notation (`a[b][0][c]=v`). */
export type FormValue = string | { [key: string]: FormValue };
export type Form = Record<string, FormValue>;

const pathOf = (name: string): string[] => {
  const head = /^[^[]+/.exec(name)?.[0] ?? name;
  return [head, ...[...name.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? "")];
};

/** Null when a name is used both as a value and as an object, which Stripe refuses. */
export const parseForm = (body: string): Form | null => {
  const form: Form = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const path = pathOf(name);
    let node: Form = form;
    for (const key of path.slice(0, -1)) {
      node[key] ??= {};
      const next = node[key];
      if (typeof next === "string") return null;
      node = next;
    }
    const last = path[path.length - 1] ?? "";
    if (typeof node[last] === "object") return null;
    node[last] = value;
  }
  return form;
};

export const text = (value: FormValue | undefined): string | undefined =>
  typeof value === "string" ? value : undefined;

export const object = (value: FormValue | undefined): Form | undefined =>
  typeof value === "object" ? value : undefined;

/** A whole number written the way Stripe accepts it, else undefined. */
export const integer = (value: FormValue | undefined): number | undefined =>
  typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : undefined;
