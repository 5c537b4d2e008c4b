import { defineLanguage } from "./define";

const hello = "Guten Tag {{attendeeName}},";
const details = ["Beginn: {{startDate}}", "Ende: {{endDate}}", "Land: {{countryName}}"] as const;
const seeYou = "Wir freuen uns auf Sie!";

export const de = defineLanguage({
  footer:
    "Sie erhalten diese Nachricht, weil Sie über Event Booking eine Buchung vorgenommen haben.",
  templates: {
    "booking.pending": {
      subject: "{{seats}} Platz/Plätze für {{eventTitle}} sind für Sie reserviert",
      text: [
        hello,
        "",
        "Wir halten {{seats}} Platz/Plätze für {{eventTitle}} bis {{expiresAt}} für Sie frei.",
        "Bitte bestätigen Sie Ihre Buchung bis dahin, danach gehen die Plätze wieder in den Verkauf.",
        "",
        ...details,
      ],
    },
    "booking.confirmed": {
      subject: "Ihre Buchung für {{eventTitle}} ist bestätigt",
      text: [hello, "", "Ihr Platz bei {{eventTitle}} ist bestätigt.", "", ...details, "", seeYou],
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
      subject: "Gute Nachricht: Sie haben einen Platz bei {{eventTitle}}",
      text: [
        hello,
        "",
        "Bei {{eventTitle}} ist ein Platz frei geworden. Ihre Buchung von der Warteliste ist jetzt bestätigt.",
        "",
        ...details,
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
        "Ihre Buchung von {{seats}} Platz/Plätzen für {{eventTitle}} wurde nicht rechtzeitig bestätigt. Die Reservierung ist abgelaufen und die Plätze wurden freigegeben.",
        "Sie können erneut buchen, solange noch Plätze frei sind.",
      ],
    },
    "booking.refunded": {
      subject: "Ihre Zahlung für {{eventTitle}} wurde erstattet",
      text: [
        hello,
        "",
        "Ihre Zahlung für {{seats}} Platz/Plätze bei {{eventTitle}} wurde vollständig erstattet.",
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
