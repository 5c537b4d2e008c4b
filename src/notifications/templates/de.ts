import { defineLanguage } from "./define";

const hello = "Guten Tag {{attendeeName}},";
const details = ["Beginn: {{startDate}}", "Ende: {{endDate}}", "Land: {{countryName}}"] as const;
const seeYou = "Wir freuen uns auf Sie!";

export const de = defineLanguage({
  tickets: "Tickets: {{tickets}}",
  footer:
    "Sie erhalten diese Nachricht, weil Sie über Event Booking eine Buchung vorgenommen haben.",
  templates: {
    "booking.pending": {
      paid: {
        subject: "Bitte zahlen Sie {{amount}}, um Ihre Buchung für {{eventTitle}} zu bestätigen",
        text: [
          hello,
          "",
          {
            one: "Wir halten einen Platz für {{eventTitle}} für Sie frei. Bitte zahlen Sie {{amount}} bis {{expiresAt}}, um Ihre Buchung zu bestätigen.",
            other:
              "Wir halten {{seats}} Plätze für {{eventTitle}} für Sie frei. Bitte zahlen Sie {{amount}} bis {{expiresAt}}, um Ihre Buchung zu bestätigen.",
          },
          "",
          "Zur Zahlung: {{checkoutUrl}}",
          "",
          {
            one: "Danach geht der Platz wieder in den Verkauf.",
            other: "Danach gehen die Plätze wieder in den Verkauf.",
          },
          "",
          ...details,
        ],
      },
      subject: {
        one: "Ein Platz für {{eventTitle}} ist für Sie reserviert",
        other: "{{seats}} Plätze für {{eventTitle}} sind für Sie reserviert",
      },
      text: [
        hello,
        "",
        {
          one: "Wir halten einen Platz für {{eventTitle}} bis {{expiresAt}} für Sie frei.",
          other: "Wir halten {{seats}} Plätze für {{eventTitle}} bis {{expiresAt}} für Sie frei.",
        },
        {
          one: "Bitte bestätigen Sie Ihre Buchung bis dahin, danach geht der Platz wieder in den Verkauf.",
          other:
            "Bitte bestätigen Sie Ihre Buchung bis dahin, danach gehen die Plätze wieder in den Verkauf.",
        },
        "",
        ...details,
      ],
    },
    "booking.confirmed": {
      paid: {
        subject: "Ihre Buchung für {{eventTitle}} ist bestätigt",
        text: [
          hello,
          "",
          {
            one: "Wir haben Ihre Zahlung über {{amount}} erhalten: Ihre Buchung eines Platzes für {{eventTitle}} ist bestätigt.",
            other:
              "Wir haben Ihre Zahlung über {{amount}} erhalten: Ihre Buchung von {{seats}} Plätzen für {{eventTitle}} ist bestätigt.",
          },
          "",
          ...details,
          "",
          "Ihre Tickets: {{ticketsUrl}}",
          "",
          seeYou,
        ],
      },
      subject: "Ihre Buchung für {{eventTitle}} ist bestätigt",
      text: [
        hello,
        "",
        {
          one: "Ihr Platz bei {{eventTitle}} ist bestätigt.",
          other: "Ihre {{seats}} Plätze bei {{eventTitle}} sind bestätigt.",
        },
        "",
        ...details,
        "",
        "Ihre Tickets: {{ticketsUrl}}",
        "",
        seeYou,
      ],
    },
    "booking.waitlisted": {
      subject: "Sie stehen auf der Warteliste für {{eventTitle}}",
      text: [
        hello,
        "",
        "{{eventTitle}} ist ausgebucht. Sie stehen auf Platz {{waitlistPosition}} der Warteliste.",
        "Wird ein Platz frei und sind Sie an der Reihe, erhalten Sie ihn automatisch – wir benachrichtigen Sie sofort.",
        "",
        ...details,
      ],
    },
    "booking.promoted": {
      paid: {
        subject: {
          one: "Gute Nachricht: Bei {{eventTitle}} ist ein Platz für Sie frei",
          other: "Gute Nachricht: Bei {{eventTitle}} sind {{seats}} Plätze für Sie frei",
        },
        text: [
          hello,
          "",
          {
            one: "Bei {{eventTitle}} ist ein Platz frei geworden: Wir halten ihn für Sie. Bitte zahlen Sie {{amount}} bis {{expiresAt}}, um Ihre Buchung zu bestätigen.",
            other:
              "Bei {{eventTitle}} sind Plätze frei geworden: Wir halten {{seats}} Plätze für Sie. Bitte zahlen Sie {{amount}} bis {{expiresAt}}, um Ihre Buchung zu bestätigen.",
          },
          "",
          "Zur Zahlung: {{checkoutUrl}}",
          "",
          {
            one: "Danach geht der Platz an die nächste Person auf der Warteliste.",
            other: "Danach gehen die Plätze an die nächste Person auf der Warteliste.",
          },
          "",
          ...details,
        ],
      },
      subject: {
        one: "Gute Nachricht: Sie haben einen Platz bei {{eventTitle}}",
        other: "Gute Nachricht: Sie haben {{seats}} Plätze bei {{eventTitle}}",
      },
      text: [
        hello,
        "",
        {
          one: "Bei {{eventTitle}} ist ein Platz frei geworden. Ihre Buchung von der Warteliste ist jetzt bestätigt.",
          other:
            "Bei {{eventTitle}} sind Plätze frei geworden. Ihre Buchung von {{seats}} Plätzen von der Warteliste ist jetzt bestätigt.",
        },
        "",
        ...details,
        "",
        "Ihre Tickets: {{ticketsUrl}}",
        "",
        seeYou,
      ],
    },
    "booking.cancelled": {
      subject: "Ihre Buchung für {{eventTitle}} wurde storniert",
      text: [
        hello,
        "",
        "Ihre Buchung für {{eventTitle}} ({{startDate}}) wurde storniert.",
        "Falls das ein Versehen war, können Sie erneut buchen, solange noch Plätze frei sind.",
      ],
    },
    "booking.expired": {
      subject: "Ihre Reservierung für {{eventTitle}} ist abgelaufen",
      text: [
        hello,
        "",
        {
          one: "Ihre Buchung eines Platzes für {{eventTitle}} wurde nicht rechtzeitig bestätigt. Die Reservierung ist abgelaufen und der Platz wurde freigegeben.",
          other:
            "Ihre Buchung von {{seats}} Plätzen für {{eventTitle}} wurde nicht rechtzeitig bestätigt. Die Reservierung ist abgelaufen und die Plätze wurden freigegeben.",
        },
        "Sie können erneut buchen, solange noch Plätze frei sind.",
      ],
    },
    "booking.refunded": {
      paid: {
        subject: "Wir haben Ihnen {{amount}} für {{eventTitle}} erstattet",
        text: [
          hello,
          "",
          {
            one: "Wir haben Ihnen {{amount}} für Ihre Buchung eines Platzes bei {{eventTitle}} erstattet.",
            other:
              "Wir haben Ihnen {{amount}} für Ihre Buchung von {{seats}} Plätzen bei {{eventTitle}} erstattet.",
          },
          "Je nach Bank kann es einige Tage dauern, bis die Erstattung auf Ihrem Konto erscheint.",
        ],
      },
      subject: "Ihre Zahlung für {{eventTitle}} wurde erstattet",
      text: [
        hello,
        "",
        {
          one: "Ihre Zahlung für einen Platz bei {{eventTitle}} wurde vollständig erstattet.",
          other:
            "Ihre Zahlung für {{seats}} Plätze bei {{eventTitle}} wurde vollständig erstattet.",
        },
        "Je nach Bank kann es einige Tage dauern, bis die Erstattung auf Ihrem Konto erscheint.",
      ],
    },
    "event.updated": {
      subject: "Änderung bei {{eventTitle}}",
      text: [
        hello,
        "",
        "Der Veranstalter hat Datum oder Ort von {{eventTitle}} geändert. Die neuen Angaben:",
        "",
        ...details,
        "",
        "Ihre Buchung bleibt gültig.",
      ],
    },
    "event.cancelled": {
      subject: "{{eventTitle}} wurde abgesagt",
      text: [
        hello,
        "",
        "Leider hat der Veranstalter {{eventTitle}} abgesagt. Die Veranstaltung hätte am {{startDate}} begonnen.",
        "Ihre Buchung ist damit ebenfalls storniert; Sie müssen nichts weiter tun.",
      ],
    },
    "event.reminder": {
      subject: "Erinnerung: {{eventTitle}} beginnt in 24 Stunden",
      text: [
        hello,
        "",
        "Zur Erinnerung: {{eventTitle}} beginnt in 24 Stunden.",
        "",
        ...details,
        "",
        seeYou,
      ],
    },
    "event.sales_opened": {
      subject: "Der Vorverkauf für {{eventTitle}} hat begonnen",
      text: [
        hello,
        "",
        "Sie wollten wissen, wann der Vorverkauf für {{eventTitle}} beginnt: Er hat soeben begonnen.",
        "Die Plätze werden in der Reihenfolge der Buchungen vergeben – buchen Sie bald.",
        "",
        ...details,
      ],
    },
    "event.published": {
      subject: "Neue Veranstaltung: {{eventTitle}}",
      text: [
        hello,
        "",
        "Ein Veranstalter, dem Sie folgen, hat soeben {{eventTitle}} veröffentlicht.",
        "",
        ...details,
      ],
    },
  },
});
