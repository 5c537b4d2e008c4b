import { z } from "@hono/zod-openapi";
import { DateTimeInput, DateTimeOutput } from "../../contracts/fields";
import { SCAN_RESULTS, TICKET_STATUSES } from "../../domain/enums";

const exampleQr =
  "eyJhbGciOiJFZERTQSIsImtpZCI6ImstMjAzMCIsInR5cCI6InRpY2tldCtqd3QifQ.eyJ0aWQiOiIwMTkyZjFjNi0yYzNkLTdlNGYtOWE1MS02YjdjOGQ5ZTBmMWEiLCJlaWQiOiIwMTkyZjFjNC04YTVlLTdiMjEtOWMzZC0yZjRhNmI4YzBkMWUiLCJ0dCI6ImdlbmVyYWwiLCJpYXQiOjE4OTM0NTYwMDB9.c2lnbmF0dXJl";

const ticketFields = {
  id: z.string().openapi({ example: "0192f1c6-2c3d-7e4f-9a51-6b7c8d9e0f1a" }),
  bookingId: z.string(),
  eventId: z.string(),
  ticketTypeId: z.string().openapi({ example: "general" }),
  ticketTypeName: z.string().openapi({ example: "General admission" }),
  holderName: z.string().openapi({ example: "John Doe" }),
  status: z.enum(TICKET_STATUSES).openapi({ example: "valid" }),
  checkedInAt: DateTimeOutput.nullable().openapi({ example: "2030-05-01T09:12:30.000Z" }),
};

export const TicketSchema = z
  .object({
    ...ticketFields,
    qr: z.string().openapi({
      example: exampleQr,
      description:
        "Compact JWS (EdDSA, Ed25519) over `{ tid, eid, tt, iat }`; verify it with the key its `kid` names in /.well-known/ticket-keys.json",
    }),
  })
  .openapi("Ticket");

export const TicketListSchema = z.object({ data: z.array(TicketSchema) }).openapi("TicketList");

export const RevokedTicketListSchema = z
  .object({
    data: z.array(
      z.object({
        id: z.string(),
        revokedAt: DateTimeOutput.openapi({ example: "2030-04-20T09:30:00.000Z" }),
      }),
    ),
  })
  .openapi("RevokedTicketList");

export const RevokedTicketsQuery = z.object({
  since: DateTimeInput.optional().openapi({
    param: { name: "since", in: "query" },
    example: "2030-04-20T09:30:00Z",
    description: "Only tickets revoked at or after this instant (inclusive)",
  }),
});

const ScanId = z.uuid().openapi({
  example: "5d9c2a1e-7b3f-4c8d-9e0a-1b2c3d4e5f60",
  description: "Made by the scanner for each scan: the same scan sent again gets the same answer",
});
const Qr = z.string().min(1).max(4096).openapi({ example: exampleQr });

export const CheckInBody = z
  .object({
    qr: Qr,
    scanId: ScanId,
    scannedAt: DateTimeInput.optional().openapi({
      description: "When the code was scanned (default: now); a time in the future counts as now",
    }),
  })
  .openapi("CheckIn");

export const CheckInBatchBody = z
  .object({
    scans: z
      .array(z.object({ qr: Qr, scanId: ScanId, scannedAt: DateTimeInput }))
      .min(1)
      .max(500),
  })
  .openapi("CheckInBatch");

export const ScanAnswerSchema = z
  .object({
    result: z.enum(SCAN_RESULTS).openapi({
      example: "ok",
      description:
        "`ok`: this scan checked the ticket in. `already_checked_in`: another scan did, at `checkedInAt`. `revoked`: its booking was cancelled, expired or refunded. `invalid`: not a ticket this API signed, or unknown. `wrong_event`: a ticket of another event",
    }),
    ticket: z
      .object(ticketFields)
      .nullable()
      .openapi({ description: "The ticket scanned; null when `invalid` or `wrong_event`" }),
    checkedInAt: DateTimeOutput.nullable().openapi({ example: "2030-05-01T09:12:30.000Z" }),
  })
  .openapi("ScanAnswer");

export const CheckInBatchAnswerSchema = z
  .object({ results: z.array(ScanAnswerSchema) })
  .openapi("CheckInBatchAnswer");

export const TicketKeySetSchema = z
  .object({
    keys: z.array(
      z.object({
        kty: z.literal("OKP"),
        crv: z.literal("Ed25519"),
        x: z.string().openapi({ example: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" }),
        kid: z.string().openapi({ example: "k-2030" }),
        use: z.literal("sig"),
        alg: z.literal("EdDSA"),
      }),
    ),
  })
  .openapi("TicketKeySet");

export const BookingIdParam = z.object({
  bookingId: z
    .string()
    .min(1)
    .openapi({
      param: { name: "bookingId", in: "path" },
      example: "0192f1c6-2c3d-7e4f-9a51-6b7c8d9e0f1a",
    }),
});

export const TicketsPageQuery = z.object({
  key: z
    .string()
    .max(200)
    .openapi({
      param: { name: "key", in: "query" },
      example: "1q2w3e4.c2lnbmF0dXJl",
      description: "The signed, expiring key of the link `ticketsUrl` carries",
    }),
});
