/** A request as a provider received it: headers lower-cased, body read once. */
export interface StandInRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export type Provider = (request: StandInRequest) => Response | Promise<Response>;

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });

export const parseJson = (text: string): Record<string, unknown> | null => {
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
};

export const bearer = (request: StandInRequest): string | undefined =>
  /^bearer (.+)$/i.exec(request.headers.authorization ?? "")?.[1];
