import { defineLanguage } from "./define";

const hello = "Hello {{attendeeName}},";
const details = ["Starts: {{startDate}}", "Ends: {{endDate}}", "Country: {{countryName}}"] as const;
const seeYou = "See you there!";

export const en = defineLanguage({
  tickets: "Tickets: {{tickets}}",
  footer: "You are receiving this message because you made a booking with Event Booking.",
  templates: {
    "booking.pending": {
      paid: {
        subject: {
          one: "Pay {{amount}} to confirm your seat at {{eventTitle}}",
          other: "Pay {{amount}} to confirm your {{seats}} seats at {{eventTitle}}",
        },
        text: [
          hello,
          "",
          {
            one: "We are holding a seat at {{eventTitle}} for you: pay {{amount}} before {{expiresAt}} to confirm your booking.",
            other:
              "We are holding {{seats}} seats at {{eventTitle}} for you: pay {{amount}} before {{expiresAt}} to confirm your booking.",
          },
          "",
          "To pay: {{checkoutUrl}}",
          "",
          {
            one: "If you do not pay by then, the seat goes back on sale.",
            other: "If you do not pay by then, the seats go back on sale.",
          },
          "",
          ...details,
        ],
      },
      subject: {
        one: "Your seat at {{eventTitle}} is held for you",
        other: "Your {{seats}} seats at {{eventTitle}} are held for you",
      },
      text: [
        hello,
        "",
        {
          one: "We are holding a seat at {{eventTitle}} for you until {{expiresAt}}.",
          other: "We are holding {{seats}} seats at {{eventTitle}} for you until {{expiresAt}}.",
        },
        {
          one: "Confirm your booking before then: after that time the seat goes back on sale.",
          other: "Confirm your booking before then: after that time the seats go back on sale.",
        },
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
          {
            one: "We have received your payment of {{amount}}: your seat at {{eventTitle}} is confirmed.",
            other:
              "We have received your payment of {{amount}}: your {{seats}} seats at {{eventTitle}} are confirmed.",
          },
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
        {
          one: "Your seat at {{eventTitle}} is confirmed.",
          other: "Your {{seats}} seats at {{eventTitle}} are confirmed.",
        },
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
        subject: {
          one: "Good news: a seat at {{eventTitle}} is held for you",
          other: "Good news: {{seats}} seats at {{eventTitle}} are held for you",
        },
        text: [
          hello,
          "",
          {
            one: "A seat opened up at {{eventTitle}} and we are holding it for you: pay {{amount}} before {{expiresAt}} to confirm your booking.",
            other:
              "Seats opened up at {{eventTitle}} and we are holding {{seats}} of them for you: pay {{amount}} before {{expiresAt}} to confirm your booking.",
          },
          "",
          "To pay: {{checkoutUrl}}",
          "",
          {
            one: "If you do not pay by then, the seat goes to the next person on the waitlist.",
            other: "If you do not pay by then, the seats go to the next person on the waitlist.",
          },
          "",
          ...details,
        ],
      },
      subject: {
        one: "Good news: a seat at {{eventTitle}} is yours",
        other: "Good news: {{seats}} seats at {{eventTitle}} are yours",
      },
      text: [
        hello,
        "",
        {
          one: "A seat opened up at {{eventTitle}}: your booking has moved from the waitlist to confirmed.",
          other:
            "Seats opened up at {{eventTitle}}: your booking of {{seats}} seats has moved from the waitlist to confirmed.",
        },
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
        {
          one: "Your booking of a seat at {{eventTitle}} was not confirmed in time, so the hold has expired and the seat was released.",
          other:
            "Your booking of {{seats}} seats at {{eventTitle}} was not confirmed in time, so the hold has expired and the seats were released.",
        },
        "You can book again while seats remain.",
      ],
    },
    "booking.refunded": {
      paid: {
        subject: "We have refunded {{amount}} for {{eventTitle}}",
        text: [
          hello,
          "",
          {
            one: "We have refunded {{amount}} for your seat at {{eventTitle}}.",
            other: "We have refunded {{amount}} for your {{seats}} seats at {{eventTitle}}.",
          },
          "Depending on your bank, it can take a few days to appear on your statement.",
        ],
      },
      subject: "Your payment for {{eventTitle}} has been refunded",
      text: [
        hello,
        "",
        {
          one: "Your payment for a seat at {{eventTitle}} has been refunded in full.",
          other: "Your payment for {{seats}} seats at {{eventTitle}} has been refunded in full.",
        },
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
