import { defineLanguage } from "./define";

const hello = "Guten Tag {{attendeeName}},";
const details = ["Beginn: {{startDate}}", "Ende: {{endDate}}", "Land: {{countryName}}"] as const;
const detailsHtml = "<p>Beginn: {{startDate}}<br>Ende: {{endDate}}<br>Land: {{countryName}}</p>";
const seeYou = "Wir freuen uns auf Sie!";

export const de = defineLanguage({
  footer:
    "Sie erhalten diese Nachricht, weil Sie über Event Booking eine Buchung vorgenommen haben.",
  templates: {
    "booking.confirmed": {
      subject: "Ihre Buchung für {{eventTitle}} ist bestätigt",
      text: [hello, "", "Ihr Platz bei {{eventTitle}} ist bestätigt.", "", ...details, "", seeYou],
      html: [
        `<p>${hello}</p>`,
        "<p>Ihr Platz bei <strong>{{eventTitle}}</strong> ist bestätigt.</p>",
        detailsHtml,
        `<p>${seeYou}</p>`,
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
      html: [
        `<p>${hello}</p>`,
        "<p><strong>{{eventTitle}}</strong> ist ausgebucht. Sie stehen auf Platz <strong>{{waitlistPosition}}</strong> der Warteliste.</p>",
        "<p>Wird ein Platz frei und sind Sie an der Reihe, erhalten Sie ihn automatisch – wir benachrichtigen Sie sofort.</p>",
        detailsHtml,
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
      html: [
        `<p>${hello}</p>`,
        "<p>Bei <strong>{{eventTitle}}</strong> ist ein Platz frei geworden. Ihre Buchung von der Warteliste ist jetzt bestätigt.</p>",
        detailsHtml,
        `<p>${seeYou}</p>`,
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
      html: [
        `<p>${hello}</p>`,
        "<p>Ihre Buchung für <strong>{{eventTitle}}</strong> ({{startDate}}) wurde storniert.</p>",
        "<p>Falls das ein Versehen war, können Sie erneut buchen, solange noch Plätze frei sind.</p>",
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
      html: [
        `<p>${hello}</p>`,
        "<p>Der Veranstalter hat Datum oder Ort von <strong>{{eventTitle}}</strong> geändert. Die neuen Angaben:</p>",
        detailsHtml,
        "<p>Ihre Buchung bleibt gültig.</p>",
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
      html: [
        `<p>${hello}</p>`,
        "<p>Leider hat der Veranstalter <strong>{{eventTitle}}</strong> abgesagt. Die Veranstaltung hätte am {{startDate}} begonnen.</p>",
        "<p>Ihre Buchung ist damit ebenfalls storniert; Sie müssen nichts weiter tun.</p>",
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
      html: [
        `<p>${hello}</p>`,
        "<p>Zur Erinnerung: <strong>{{eventTitle}}</strong> beginnt in 24 Stunden.</p>",
        detailsHtml,
        `<p>${seeYou}</p>`,
      ],
    },
  },
});
