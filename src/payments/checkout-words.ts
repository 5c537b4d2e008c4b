import type { Language } from "../domain/languages";
import type { CheckoutState } from "./checkout-state";

/** What the checkout and return pages say, in each language the API speaks. */
export interface CheckoutWords {
  sandboxBanner: string;
  checkout: string;
  yourPayment: string;
  when: string;
  attendee: string;
  seats: string;
  amount: string;
  heldUntil: string;
  minutesLeft: (minutes: string) => string;
  pay: string;
  decline: string;
  awaiting: { sandbox: string; return: string };
  outcomes: Record<Exclude<CheckoutState, "awaiting">, string>;
}

export const CHECKOUT_WORDS: Record<Language, CheckoutWords> = {
  en: {
    sandboxBanner: "Sandbox — no real money moves",
    checkout: "Checkout",
    yourPayment: "Your payment",
    when: "When",
    attendee: "Attendee",
    seats: "Seats",
    amount: "Amount",
    heldUntil: "Held until",
    minutesLeft: (m) => `${m} min left`,
    pay: "Pay",
    decline: "Decline",
    awaiting: {
      sandbox: "Pay before the hold ends to confirm your booking.",
      return:
        "We have not heard that your payment went through yet. If you have just paid, the confirmation can take a few moments to arrive: this page checks again every few seconds.",
    },
    outcomes: {
      paid: "Payment received: your booking is confirmed.",
      declined:
        "The payment was declined, so the booking was released and its seats went back on sale.",
      expired:
        "The hold expired before the payment arrived, so the seats were released. You can book again while seats remain.",
      refunded: "The payment was refunded and the booking is cancelled.",
      cancelled: "This booking was cancelled; nothing is due.",
    },
  },
  fr: {
    sandboxBanner: "Bac à sable — aucun argent réel n’est débité",
    checkout: "Paiement",
    yourPayment: "Votre paiement",
    when: "Date",
    attendee: "Participant",
    seats: "Places",
    amount: "Montant",
    heldUntil: "Réservé jusqu’au",
    minutesLeft: (m) => `encore ${m}\u00a0min`,
    pay: "Payer",
    decline: "Refuser",
    awaiting: {
      sandbox: "Payez avant la fin de l’option pour confirmer votre réservation.",
      return:
        "Nous n’avons pas encore la confirmation de votre paiement. Si vous venez de payer, elle peut prendre quelques instants\u00a0: cette page vérifie à nouveau toutes les quelques secondes.",
    },
    outcomes: {
      paid: "Paiement reçu\u00a0: votre réservation est confirmée.",
      declined:
        "Le paiement a été refusé\u00a0: la réservation a été libérée et ses places remises en vente.",
      expired:
        "L’option a expiré avant l’arrivée du paiement\u00a0: les places ont été libérées. Vous pouvez réserver à nouveau tant qu’il en reste.",
      refunded: "Le paiement a été remboursé et la réservation est annulée.",
      cancelled: "Cette réservation a été annulée\u00a0; rien n’est dû.",
    },
  },
  de: {
    sandboxBanner: "Sandbox – es fließt kein echtes Geld",
    checkout: "Bezahlung",
    yourPayment: "Ihre Zahlung",
    when: "Wann",
    attendee: "Teilnehmer",
    seats: "Plätze",
    amount: "Betrag",
    heldUntil: "Reserviert bis",
    minutesLeft: (m) => `noch ${m} Min.`,
    pay: "Bezahlen",
    decline: "Ablehnen",
    awaiting: {
      sandbox: "Bezahlen Sie vor Ablauf der Reservierung, um Ihre Buchung zu bestätigen.",
      return:
        "Wir haben noch keine Bestätigung Ihrer Zahlung. Wenn Sie gerade bezahlt haben, kann sie einen Moment dauern: Diese Seite prüft alle paar Sekunden erneut.",
    },
    outcomes: {
      paid: "Zahlung erhalten: Ihre Buchung ist bestätigt.",
      declined:
        "Die Zahlung wurde abgelehnt. Die Buchung wurde freigegeben und ihre Plätze gehen wieder in den Verkauf.",
      expired:
        "Die Reservierung ist abgelaufen, bevor die Zahlung eintraf, und die Plätze wurden freigegeben. Sie können erneut buchen, solange noch Plätze frei sind.",
      refunded: "Die Zahlung wurde erstattet und die Buchung storniert.",
      cancelled: "Diese Buchung wurde storniert; es ist nichts zu zahlen.",
    },
  },
  es: {
    sandboxBanner: "Entorno de pruebas: no se mueve dinero real",
    checkout: "Pago",
    yourPayment: "Su pago",
    when: "Cuándo",
    attendee: "Asistente",
    seats: "Plazas",
    amount: "Importe",
    heldUntil: "Reservado hasta",
    minutesLeft: (m) => `quedan ${m} min`,
    pay: "Pagar",
    decline: "Rechazar",
    awaiting: {
      sandbox: "Pague antes de que termine la reserva para confirmarla.",
      return:
        "Aún no tenemos la confirmación de su pago. Si acaba de pagar, puede tardar unos instantes: esta página vuelve a comprobarlo cada pocos segundos.",
    },
    outcomes: {
      paid: "Pago recibido: su reserva está confirmada.",
      declined:
        "El pago fue rechazado, así que la reserva se liberó y sus plazas volvieron a la venta.",
      expired:
        "La reserva caducó antes de que llegara el pago, así que las plazas se liberaron. Puede volver a reservar mientras queden plazas.",
      refunded: "El pago se ha reembolsado y la reserva está cancelada.",
      cancelled: "Esta reserva se ha cancelado; no hay nada que pagar.",
    },
  },
};
