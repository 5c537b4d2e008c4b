import { defineLanguage } from "./define";

// French typography puts a no-break space before ":" and "!".
const hello = "Bonjour {{attendeeName}},";
const details = [
  "Début\u00a0: {{startDate}}",
  "Fin\u00a0: {{endDate}}",
  "Pays\u00a0: {{countryName}}",
] as const;
const seeYou = "À bientôt\u00a0!";

export const fr = defineLanguage({
  tickets: "Billets\u00a0: {{tickets}}",
  footer: "Vous recevez ce message car vous avez effectué une réservation sur Event Booking.",
  templates: {
    "booking.pending": {
      paid: {
        subject: {
          one: "Réglez {{amount}} pour confirmer votre place pour {{eventTitle}}",
          other: "Réglez {{amount}} pour confirmer vos {{seats}} places pour {{eventTitle}}",
        },
        text: [
          hello,
          "",
          {
            one: "Nous vous réservons une place pour {{eventTitle}}\u00a0: réglez {{amount}} avant le {{expiresAt}} pour confirmer votre réservation.",
            other:
              "Nous vous réservons {{seats}} places pour {{eventTitle}}\u00a0: réglez {{amount}} avant le {{expiresAt}} pour confirmer votre réservation.",
          },
          "",
          "Pour payer\u00a0: {{checkoutUrl}}",
          "",
          {
            one: "Passé ce délai, la place sera remise en vente.",
            other: "Passé ce délai, les places seront remises en vente.",
          },
          "",
          ...details,
        ],
      },
      subject: {
        one: "Une place pour {{eventTitle}} vous est réservée",
        other: "{{seats}} places pour {{eventTitle}} vous sont réservées",
      },
      text: [
        hello,
        "",
        {
          one: "Nous vous réservons une place pour {{eventTitle}} jusqu’au {{expiresAt}}.",
          other: "Nous vous réservons {{seats}} places pour {{eventTitle}} jusqu’au {{expiresAt}}.",
        },
        {
          one: "Confirmez votre réservation d’ici là\u00a0: passé ce délai, la place est remise en vente.",
          other:
            "Confirmez votre réservation d’ici là\u00a0: passé ce délai, les places sont remises en vente.",
        },
        "",
        ...details,
      ],
    },
    "booking.confirmed": {
      paid: {
        subject: "Votre réservation pour {{eventTitle}} est confirmée",
        text: [
          hello,
          "",
          {
            one: "Nous avons bien reçu votre paiement de {{amount}}\u00a0: votre place pour {{eventTitle}} est confirmée.",
            other:
              "Nous avons bien reçu votre paiement de {{amount}}\u00a0: vos {{seats}} places pour {{eventTitle}} sont confirmées.",
          },
          "",
          ...details,
          "",
          "Vos billets\u00a0: {{ticketsUrl}}",
          "",
          seeYou,
        ],
      },
      subject: "Votre réservation pour {{eventTitle}} est confirmée",
      text: [
        hello,
        "",
        {
          one: "Votre place pour {{eventTitle}} est confirmée.",
          other: "Vos {{seats}} places pour {{eventTitle}} sont confirmées.",
        },
        "",
        ...details,
        "",
        "Vos billets\u00a0: {{ticketsUrl}}",
        "",
        seeYou,
      ],
    },
    "booking.waitlisted": {
      subject: "Vous êtes sur la liste d’attente de {{eventTitle}}",
      text: [
        hello,
        "",
        "{{eventTitle}} affiche complet\u00a0: vous êtes en position {{waitlistPosition}} sur la liste d’attente.",
        "Si une place se libère, elle vous sera attribuée à votre tour et nous vous préviendrons aussitôt.",
        "",
        ...details,
      ],
    },
    "booking.promoted": {
      paid: {
        subject: {
          one: "Bonne nouvelle\u00a0: une place pour {{eventTitle}} vous attend",
          other: "Bonne nouvelle\u00a0: {{seats}} places pour {{eventTitle}} vous attendent",
        },
        text: [
          hello,
          "",
          {
            one: "Une place s’est libérée pour {{eventTitle}} et nous vous la réservons\u00a0: réglez {{amount}} avant le {{expiresAt}} pour confirmer votre réservation.",
            other:
              "Des places se sont libérées pour {{eventTitle}} et nous vous en réservons {{seats}}\u00a0: réglez {{amount}} avant le {{expiresAt}} pour confirmer votre réservation.",
          },
          "",
          "Pour payer\u00a0: {{checkoutUrl}}",
          "",
          {
            one: "Passé ce délai, la place ira à la personne suivante sur la liste d’attente.",
            other:
              "Passé ce délai, les places iront à la personne suivante sur la liste d’attente.",
          },
          "",
          ...details,
        ],
      },
      subject: {
        one: "Bonne nouvelle\u00a0: une place pour {{eventTitle}} vous est attribuée",
        other: "Bonne nouvelle\u00a0: {{seats}} places pour {{eventTitle}} vous sont attribuées",
      },
      text: [
        hello,
        "",
        {
          one: "Une place s’est libérée pour {{eventTitle}}\u00a0: votre réservation est désormais confirmée.",
          other:
            "Des places se sont libérées pour {{eventTitle}}\u00a0: votre réservation de {{seats}} places est désormais confirmée.",
        },
        "",
        ...details,
        "",
        "Vos billets\u00a0: {{ticketsUrl}}",
        "",
        seeYou,
      ],
    },
    "booking.cancelled": {
      subject: "Votre réservation pour {{eventTitle}} est annulée",
      text: [
        hello,
        "",
        "Votre réservation pour {{eventTitle}} ({{startDate}}) a bien été annulée.",
        "S’il s’agit d’une erreur, vous pouvez réserver à nouveau tant qu’il reste des places.",
      ],
    },
    "booking.expired": {
      subject: "Votre option sur {{eventTitle}} a expiré",
      text: [
        hello,
        "",
        {
          one: "Votre réservation d’une place pour {{eventTitle}} n’a pas été confirmée à temps\u00a0: l’option a expiré et la place a été libérée.",
          other:
            "Votre réservation de {{seats}} places pour {{eventTitle}} n’a pas été confirmée à temps\u00a0: l’option a expiré et les places ont été libérées.",
        },
        "Vous pouvez réserver à nouveau tant qu’il reste des places.",
      ],
    },
    "booking.refunded": {
      paid: {
        subject: "Remboursement de {{amount}} pour {{eventTitle}}",
        text: [
          hello,
          "",
          {
            one: "Nous vous avons remboursé {{amount}} pour votre place pour {{eventTitle}}.",
            other:
              "Nous vous avons remboursé {{amount}} pour vos {{seats}} places pour {{eventTitle}}.",
          },
          "Selon votre banque, le remboursement peut mettre quelques jours à apparaître sur votre relevé.",
        ],
      },
      subject: "Votre paiement pour {{eventTitle}} a été remboursé",
      text: [
        hello,
        "",
        {
          one: "Votre paiement pour une place à {{eventTitle}} a été remboursé intégralement.",
          other:
            "Votre paiement pour {{seats}} places à {{eventTitle}} a été remboursé intégralement.",
        },
        "Selon votre banque, le remboursement peut mettre quelques jours à apparaître sur votre relevé.",
      ],
    },
    "event.updated": {
      subject: "Modification de l’événement {{eventTitle}}",
      text: [
        hello,
        "",
        "L’organisateur a modifié la date ou le lieu de {{eventTitle}}. Voici les nouvelles informations\u00a0:",
        "",
        ...details,
        "",
        "Votre réservation reste valable.",
      ],
    },
    "event.cancelled": {
      subject: "Annulation de l’événement {{eventTitle}}",
      text: [
        hello,
        "",
        "Nous sommes désolés\u00a0: l’organisateur a annulé {{eventTitle}}, qui devait commencer le {{startDate}}.",
        "Votre réservation est donc annulée elle aussi\u00a0; vous n’avez rien d’autre à faire.",
      ],
    },
    "event.reminder": {
      subject: "Rappel\u00a0: {{eventTitle}} commence dans 24 heures",
      text: [
        hello,
        "",
        "Petit rappel\u00a0: {{eventTitle}} commence dans 24 heures.",
        "",
        ...details,
        "",
        seeYou,
      ],
    },
    "event.sales_opened": {
      subject: "La billetterie de {{eventTitle}} est ouverte",
      text: [
        hello,
        "",
        "Vous souhaitiez savoir quand la billetterie de {{eventTitle}} ouvrirait\u00a0: c’est maintenant.",
        "Les places sont attribuées dans l’ordre des réservations, ne tardez pas.",
        "",
        ...details,
      ],
    },
    "event.published": {
      subject: "Nouvel événement\u00a0: {{eventTitle}}",
      text: [
        hello,
        "",
        "Un organisateur que vous suivez vient de publier {{eventTitle}}.",
        "",
        ...details,
      ],
    },
  },
});
