import { defineLanguage } from "./define";

const hello = "Hello {{attendeeName}},";
const details = ["Starts: {{startDate}}", "Ends: {{endDate}}", "Country: {{countryName}}"] as const;
const seeYou = "See you there!";

export const en = defineLanguage({
  footer: "You are receiving this message because you made a booking with Event Booking.",
  templates: {
    "booking.pending": {
      paid: {
        subject: "Pay {{amount}} to confirm your {{seats}} seat(s) at {{eventTitle}}",
        text: [
          hello,
          "",
          "We are holding {{seats}} seat(s) at {{eventTitle}} for you: pay {{amount}} before {{expiresAt}} to confirm your booking.",
          "",
          "To pay: {{checkoutUrl}}",
          "",
          "If you do not pay by then, the seats go back on sale.",
          "",
          ...details,
        ],
      },
      subject: "Your {{seats}} seat(s) at {{eventTitle}} are held for you",
      text: [
        hello,
        "",
        "We are holding {{seats}} seat(s) at {{eventTitle}} for you until {{expiresAt}}.",
        "Confirm your booking before then: after that time the seats go back on sale.",
        "",
        ...details,
      ],
    },
    "booking.confirmed": {
      paid: {
        subject: "Your booking for {{eventTitle}} is confirmed",
        text: [
          hello,
          "",
          "We have received your payment of {{amount}}: your {{seats}} seat(s) at {{eventTitle}} are confirmed.",
          "",
          ...details,
          "",
          "Your tickets: {{ticketsUrl}}",
          "",
          seeYou,
        ],
      },
      subject: "Your booking for {{eventTitle}} is confirmed",
      text: [
        hello,
        "",
        "Your seat at {{eventTitle}} is confirmed.",
        "",
        ...details,
        "",
        "Your tickets: {{ticketsUrl}}",
        "",
        seeYou,
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
    },
    "booking.promoted": {
      paid: {
        subject: "Good news: a seat at {{eventTitle}} is held for you",
        text: [
          hello,
          "",
          "Seats opened up at {{eventTitle}} and we are holding {{seats}} seat(s) for you: pay {{amount}} before {{expiresAt}} to confirm your booking.",
          "",
          "To pay: {{checkoutUrl}}",
          "",
          "If you do not pay by then, the seats go to the next person on the waitlist.",
          "",
          ...details,
        ],
      },
      subject: "Good news: a seat at {{eventTitle}} is yours",
      text: [
        hello,
        "",
        "A seat opened up at {{eventTitle}}: your booking has moved from the waitlist to confirmed.",
        "",
        ...details,
        "",
        "Your tickets: {{ticketsUrl}}",
        "",
        seeYou,
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
    },
    "booking.expired": {
      subject: "Your hold on {{eventTitle}} has expired",
      text: [
        hello,
        "",
        "Your booking of {{seats}} seat(s) at {{eventTitle}} was not confirmed in time, so the hold has expired and the seats were released.",
        "You can book again while seats remain.",
      ],
    },
    "booking.refunded": {
      paid: {
        subject: "We have refunded {{amount}} for {{eventTitle}}",
        text: [
          hello,
          "",
          "We have refunded {{amount}} for your {{seats}} seat(s) at {{eventTitle}}.",
          "Depending on your bank, it can take a few days to appear on your statement.",
        ],
      },
      subject: "Your payment for {{eventTitle}} has been refunded",
      text: [
        hello,
        "",
        "Your payment for {{seats}} seat(s) at {{eventTitle}} has been refunded in full.",
        "Depending on your bank, it can take a few days to appear on your statement.",
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
    },
    "event.cancelled": {
      subject: "{{eventTitle}} has been cancelled",
      text: [
        hello,
        "",
        "We are sorry: the organizer has cancelled {{eventTitle}}, which was due to start on {{startDate}}.",
        "Your booking is cancelled too; there is nothing else you need to do.",
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
    },
    "event.sales_opened": {
      subject: "Tickets for {{eventTitle}} are on sale now",
      text: [
        hello,
        "",
        "You asked to hear when tickets for {{eventTitle}} go on sale: they are on sale now.",
        "Seats go to whoever books first, so book soon if you want one.",
        "",
        ...details,
      ],
    },
    "event.published": {
      subject: "New event: {{eventTitle}}",
      text: [
        hello,
        "",
        "An organizer you follow has just published {{eventTitle}}.",
        "",
        ...details,
      ],
    },
  },
});
