/**
 * Whether an answer carries only the fields the OpenAPI document declares for it: a
 * column read by mistake (an internal timestamp, a hash) would otherwise reach clients
 * unseen, since the routes' schemas describe answers but do not strip them.
 */
type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};

export type OpenApiDocument = {
  paths: Record<string, Record<string, { responses?: Record<string, ResponseObject> }>>;
  components?: { schemas?: Record<string, Schema> };
};
type ResponseObject = { content?: Record<string, { schema?: Schema }> };

const resolved = (doc: OpenApiDocument, schema: Schema): Schema => {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace("#/components/schemas/", "");
  return resolved(doc, doc.components?.schemas?.[name] ?? {});
};

/** Whether the schema's type allows the value's: an alternative of another type says nothing of it. */
const admits = (doc: OpenApiDocument, given: Schema, value: unknown) => {
  const { type } = resolved(doc, given);
  if (type === undefined) return true;
  const kind = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
  return (Array.isArray(type) ? type : [type]).includes(kind);
};

/** The fields of `value` that `schema` does not name, as paths (`items[].claimedAt`). */
export const undeclaredFields = (
  doc: OpenApiDocument,
  given: Schema,
  value: unknown,
  at = "",
): string[] => {
  const schema = resolved(doc, given);
  if (value === null || typeof value !== "object") return [];
  const alternatives = (schema.anyOf ?? schema.oneOf)?.filter((s) => admits(doc, s, value));
  if (alternatives) {
    const verdicts = alternatives.map((s) => undeclaredFields(doc, s, value, at));
    return verdicts.find((fields) => fields.length === 0) ?? verdicts[0] ?? [];
  }
  if (schema.allOf) {
    const properties = Object.assign({}, ...schema.allOf.map((s) => resolved(doc, s).properties));
    return undeclaredFields(doc, { type: "object", properties }, value, at);
  }
  if (Array.isArray(value)) {
    const items = schema.items;
    return items ? value.flatMap((v) => undeclaredFields(doc, items, v, `${at}[]`)) : [];
  }
  // A map, or an object the document leaves open: any field is declared.
  if (!schema.properties || schema.additionalProperties) return [];
  const properties = schema.properties;
  return Object.entries(value).flatMap(([key, field]) => {
    const declared = properties[key];
    const path = at ? `${at}.${key}` : key;
    return declared ? undeclaredFields(doc, declared, field, path) : [path];
  });
};

const templates = new Map<string, RegExp>();
const patternOf = (template: string) => {
  let pattern = templates.get(template);
  if (!pattern) {
    const escaped = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+");
    pattern = new RegExp(`^${escaped}$`);
    templates.set(template, pattern);
  }
  return pattern;
};

/** The schema the document declares for this answer, if it declares one in JSON. */
export const declaredAnswer = (
  doc: OpenApiDocument,
  method: string,
  pathname: string,
  status: number,
): Schema | undefined => {
  // A literal segment beats a parameter: /api/bookings/export before /api/bookings/{id}.
  const template = Object.keys(doc.paths)
    .filter((t) => patternOf(t).test(pathname))
    .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))[0];
  if (!template) return undefined;
  const content = doc.paths[template]?.[method.toLowerCase()]?.responses?.[String(status)]?.content;
  return content?.["application/json"]?.schema;
};
