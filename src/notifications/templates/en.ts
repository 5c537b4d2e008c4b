import { defineLanguage } from "./define";

const hello = "Hello {{attendeeName}},";
const details = ["Starts: {{startDate}}", "Ends: {{endDate}}", "Country: {{countryName}}"] as const;
const detailsHtml = "<p>Starts: {{startDate}}<br>Ends: {{endDate}}<br>Country: {{countryName}}</p>";
const seeYou = "See you there!";

export const en = defineLanguage({
  footer: "You are receiving this message because you made a booking with Event Booking.",
  templates: {
    "booking.confirmed": {
      subject: "Your booking for {{eventTitle}} is confirmed",
      text: [hello, "", "Your seat at {{eventTitle}} is confirmed.", "", ...details, "", seeYou],
      html: [
        `<p>${hello}</p>`,
        "<p>Your seat at <strong>{{eventTitle}}</strong> is confirmed.</p>",
        detailsHtml,
        `<p>${seeYou}</p>`,
      ],
    },
    "booking.waitlisted": {
      subject: "You are on the waitlist for {{eventTitle}}",
      text: [
        hello,
        "",
        "{{eventTitle}} is fully booked, so you are number {{waitlistPosition}} on the waitlist.",
        "If a seat opens up, it goes to you in turn and we will let you know right away.",
        "",
        ...details,
      ],
      html: [
        `<p>${hello}</p>`,
        "<p><strong>{{eventTitle}}</strong> is fully booked, so you are number <strong>{{waitlistPosition}}</strong> on the waitlist.</p>",
        "<p>If a seat opens up, it goes to you in turn and we will let you know right away.</p>",
        detailsHtml,
      ],
    },
    "booking.promoted": {
      subject: "Good news: a seat at {{eventTitle}} is yours",
      text: [
        hello,
        "",
        "A seat opened up at {{eventTitle}}: your booking has moved from the waitlist to confirmed.",
        "",
        ...details,
        "",
        seeYou,
      ],
      html: [
        `<p>${hello}</p>`,
        "<p>A seat opened up at <strong>{{eventTitle}}</strong>: your booking has moved from the waitlist to confirmed.</p>",
        detailsHtml,
        `<p>${seeYou}</p>`,
      ],
    },
    "booking.cancelled": {
      subject: "Your booking for {{eventTitle}} is cancelled",
      text: [
        hello,
        "",
        "Your booking for {{eventTitle}} ({{startDate}}) has been cancelled.",
        "If this was a mistake, you can book again while seats remain.",
      ],
      html: [
        `<p>${hello}</p>`,
        "<p>Your booking for <strong>{{eventTitle}}</strong> ({{startDate}}) has been cancelled.</p>",
        "<p>If this was a mistake, you can book again while seats remain.</p>",
      ],
    },
    "event.updated": {
      subject: "{{eventTitle}} has changed",
      text: [
        hello,
        "",
        "The organizer has changed the date or the location of {{eventTitle}}. The new details:",
        "",
        ...details,
        "",
        "Your booking remains valid.",
      ],
      html: [
        `<p>${hello}</p>`,
        "<p>The organizer has changed the date or the location of <strong>{{eventTitle}}</strong>. The new details:</p>",
        detailsHtml,
        "<p>Your booking remains valid.</p>",
      ],
    },
    "event.cancelled": {
      subject: "{{eventTitle}} has been cancelled",
      text: [
        hello,
        "",
        "We are sorry: the organizer has cancelled {{eventTitle}}, which was due to start on {{startDate}}.",
        "Your booking is cancelled too; there is nothing else you need to do.",
      ],
      html: [
        `<p>${hello}</p>`,
        "<p>We are sorry: the organizer has cancelled <strong>{{eventTitle}}</strong>, which was due to start on {{startDate}}.</p>",
        "<p>Your booking is cancelled too; there is nothing else you need to do.</p>",
      ],
    },
    "event.reminder": {
      subject: "Reminder: {{eventTitle}} starts in 24 hours",
      text: [
        hello,
        "",
        "A reminder that {{eventTitle}} starts in 24 hours.",
        "",
        ...details,
        "",
        seeYou,
      ],
      html: [
        `<p>${hello}</p>`,
        "<p>A reminder that <strong>{{eventTitle}}</strong> starts in 24 hours.</p>",
        detailsHtml,
        `<p>${seeYou}</p>`,
      ],
    },
  },
});
