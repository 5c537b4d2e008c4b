import type { TicketStatus } from "../domain/enums";
import type { Language } from "../domain/languages";

/** What the tickets page says, in each language the API speaks. */
export interface TicketsPageWords {
  tickets: string;
  ticketOf: (position: string, count: string) => string;
  states: Record<TicketStatus, string>;
  checkedInAt: (when: string) => string;
  pending: string;
  waitlisted: string;
  none: string;
}

export const TICKETS_PAGE_WORDS: Record<Language, TicketsPageWords> = {
  en: {
    tickets: "Tickets",
    ticketOf: (i, n) => `Ticket ${i} of ${n}`,
    states: {
      valid: "Valid: show this code at the door",
      checked_in: "Checked in",
      revoked: "Revoked: this ticket no longer admits",
    },
    checkedInAt: (when) => `Checked in ${when}`,
    pending: "This booking is not confirmed yet: its tickets appear here once it is.",
    waitlisted: "This booking is on the waitlist: its tickets appear here once it is confirmed.",
    none: "This booking has no tickets.",
  },
  fr: {
    tickets: "Billets",
    ticketOf: (i, n) => `Billet ${i} sur ${n}`,
    states: {
      valid: "Valide\u00a0: présentez ce code à l’entrée",
      checked_in: "Entrée enregistrée",
      revoked: "Annulé\u00a0: ce billet ne donne plus accès",
    },
    checkedInAt: (when) => `Entrée enregistrée le ${when}`,
    pending:
      "Cette réservation n’est pas encore confirmée\u00a0: ses billets apparaîtront ici dès qu’elle le sera.",
    waitlisted:
      "Cette réservation est sur liste d’attente\u00a0: ses billets apparaîtront ici dès qu’elle sera confirmée.",
    none: "Cette réservation n’a pas de billets.",
  },
  de: {
    tickets: "Tickets",
    ticketOf: (i, n) => `Ticket ${i} von ${n}`,
    states: {
      valid: "Gültig: Zeigen Sie diesen Code am Eingang",
      checked_in: "Eingelassen",
      revoked: "Storniert: Dieses Ticket berechtigt nicht mehr zum Eintritt",
    },
    checkedInAt: (when) => `Eingelassen am ${when}`,
    pending:
      "Diese Buchung ist noch nicht bestätigt: Ihre Tickets erscheinen hier, sobald sie es ist.",
    waitlisted:
      "Diese Buchung steht auf der Warteliste: Ihre Tickets erscheinen hier, sobald sie bestätigt ist.",
    none: "Zu dieser Buchung gibt es keine Tickets.",
  },
  es: {
    tickets: "Entradas",
    ticketOf: (i, n) => `Entrada ${i} de ${n}`,
    states: {
      valid: "Válida: muestre este código en la entrada",
      checked_in: "Acceso registrado",
      revoked: "Anulada: esta entrada ya no da acceso",
    },
    checkedInAt: (when) => `Acceso registrado el ${when}`,
    pending: "Esta reserva aún no está confirmada: sus entradas aparecerán aquí cuando lo esté.",
    waitlisted:
      "Esta reserva está en la lista de espera: sus entradas aparecerán aquí cuando se confirme.",
    none: "Esta reserva no tiene entradas.",
  },
};
