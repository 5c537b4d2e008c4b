import { defineLanguage } from "./define";

const hello = "Hola, {{attendeeName}}:";
const details = ["Inicio: {{startDate}}", "Fin: {{endDate}}", "País: {{countryName}}"] as const;
const seeYou = "¡Nos vemos allí!";

export const es = defineLanguage({
  tickets: "Entradas: {{tickets}}",
  footer: "Recibe este mensaje porque ha realizado una reserva en Event Booking.",
  templates: {
    "booking.pending": {
      paid: {
        subject: {
          one: "Pague {{amount}} para confirmar su plaza para {{eventTitle}}",
          other: "Pague {{amount}} para confirmar sus {{seats}} plazas para {{eventTitle}}",
        },
        text: [
          hello,
          "",
          {
            one: "Le guardamos una plaza para {{eventTitle}}: pague {{amount}} antes del {{expiresAt}} para confirmar su reserva.",
            other:
              "Le guardamos {{seats}} plazas para {{eventTitle}}: pague {{amount}} antes del {{expiresAt}} para confirmar su reserva.",
          },
          "",
          "Para pagar: {{checkoutUrl}}",
          "",
          {
            one: "Después, la plaza vuelve a ponerse a la venta.",
            other: "Después, las plazas vuelven a ponerse a la venta.",
          },
          "",
          ...details,
        ],
      },
      subject: {
        one: "Le reservamos una plaza para {{eventTitle}}",
        other: "Le reservamos {{seats}} plazas para {{eventTitle}}",
      },
      text: [
        hello,
        "",
        {
          one: "Le guardamos una plaza para {{eventTitle}} hasta el {{expiresAt}}.",
          other: "Le guardamos {{seats}} plazas para {{eventTitle}} hasta el {{expiresAt}}.",
        },
        {
          one: "Confirme su reserva antes de esa hora: después, la plaza vuelve a ponerse a la venta.",
          other:
            "Confirme su reserva antes de esa hora: después, las plazas vuelven a ponerse a la venta.",
        },
        "",
        ...details,
      ],
    },
    "booking.confirmed": {
      paid: {
        subject: "Su reserva para {{eventTitle}} está confirmada",
        text: [
          hello,
          "",
          {
            one: "Hemos recibido su pago de {{amount}}: su plaza para {{eventTitle}} está confirmada.",
            other:
              "Hemos recibido su pago de {{amount}}: sus {{seats}} plazas para {{eventTitle}} están confirmadas.",
          },
          "",
          ...details,
          "",
          "Sus entradas: {{ticketsUrl}}",
          "",
          seeYou,
        ],
      },
      subject: "Su reserva para {{eventTitle}} está confirmada",
      text: [
        hello,
        "",
        {
          one: "Su plaza para {{eventTitle}} está confirmada.",
          other: "Sus {{seats}} plazas para {{eventTitle}} están confirmadas.",
        },
        "",
        ...details,
        "",
        "Sus entradas: {{ticketsUrl}}",
        "",
        seeYou,
      ],
    },
    "booking.waitlisted": {
      subject: "Está en la lista de espera de {{eventTitle}}",
      text: [
        hello,
        "",
        "No quedan plazas para {{eventTitle}}, así que ocupa el puesto {{waitlistPosition}} de la lista de espera.",
        "Si se libera una plaza, se le asignará cuando llegue su turno y le avisaremos de inmediato.",
        "",
        ...details,
      ],
    },
    "booking.promoted": {
      paid: {
        subject: {
          one: "Buenas noticias: hay plaza para usted en {{eventTitle}}",
          other: "Buenas noticias: hay {{seats}} plazas para usted en {{eventTitle}}",
        },
        text: [
          hello,
          "",
          {
            one: "Se ha liberado una plaza en {{eventTitle}} y se la guardamos: pague {{amount}} antes del {{expiresAt}} para confirmar su reserva.",
            other:
              "Se han liberado plazas en {{eventTitle}} y le guardamos {{seats}}: pague {{amount}} antes del {{expiresAt}} para confirmar su reserva.",
          },
          "",
          "Para pagar: {{checkoutUrl}}",
          "",
          {
            one: "Después, la plaza pasará a la siguiente persona de la lista de espera.",
            other: "Después, las plazas pasarán a la siguiente persona de la lista de espera.",
          },
          "",
          ...details,
        ],
      },
      subject: {
        one: "Buenas noticias: ya tiene plaza para {{eventTitle}}",
        other: "Buenas noticias: ya tiene {{seats}} plazas para {{eventTitle}}",
      },
      text: [
        hello,
        "",
        {
          one: "Se ha liberado una plaza para {{eventTitle}} y su reserva ha pasado de la lista de espera a confirmada.",
          other:
            "Se han liberado plazas para {{eventTitle}} y su reserva de {{seats}} plazas ha pasado de la lista de espera a confirmada.",
        },
        "",
        ...details,
        "",
        "Sus entradas: {{ticketsUrl}}",
        "",
        seeYou,
      ],
    },
    "booking.cancelled": {
      subject: "Se ha cancelado su reserva para {{eventTitle}}",
      text: [
        hello,
        "",
        "Se ha cancelado su reserva para {{eventTitle}} ({{startDate}}).",
        "Si ha sido un error, puede volver a reservar mientras queden plazas.",
      ],
    },
    "booking.expired": {
      subject: "Su reserva provisional para {{eventTitle}} ha caducado",
      text: [
        hello,
        "",
        {
          one: "Su reserva de una plaza para {{eventTitle}} no se confirmó a tiempo, así que ha caducado y la plaza se ha liberado.",
          other:
            "Su reserva de {{seats}} plazas para {{eventTitle}} no se confirmó a tiempo, así que ha caducado y las plazas se han liberado.",
        },
        "Puede volver a reservar mientras queden plazas.",
      ],
    },
    "booking.refunded": {
      paid: {
        subject: "Le hemos reembolsado {{amount}} por {{eventTitle}}",
        text: [
          hello,
          "",
          {
            one: "Le hemos reembolsado {{amount}} por su plaza para {{eventTitle}}.",
            other: "Le hemos reembolsado {{amount}} por sus {{seats}} plazas para {{eventTitle}}.",
          },
          "Según su banco, el reembolso puede tardar unos días en aparecer en su extracto.",
        ],
      },
      subject: "Su pago para {{eventTitle}} ha sido reembolsado",
      text: [
        hello,
        "",
        {
          one: "Su pago de una plaza para {{eventTitle}} ha sido reembolsado por completo.",
          other:
            "Su pago de {{seats}} plazas para {{eventTitle}} ha sido reembolsado por completo.",
        },
        "Según su banco, el reembolso puede tardar unos días en aparecer en su extracto.",
      ],
    },
    "event.updated": {
      subject: "Cambios en {{eventTitle}}",
      text: [
        hello,
        "",
        "El organizador ha cambiado la fecha o el lugar de {{eventTitle}}. Estos son los nuevos datos:",
        "",
        ...details,
        "",
        "Su reserva sigue siendo válida.",
      ],
    },
    "event.cancelled": {
      subject: "Cancelación de {{eventTitle}}",
      text: [
        hello,
        "",
        "Lo sentimos: el organizador ha cancelado {{eventTitle}}, que iba a comenzar el {{startDate}}.",
        "Su reserva también queda cancelada; no tiene que hacer nada más.",
      ],
    },
    "event.reminder": {
      subject: "Recordatorio: {{eventTitle}} empieza en 24 horas",
      text: [
        hello,
        "",
        "Le recordamos que {{eventTitle}} empieza en 24 horas.",
        "",
        ...details,
        "",
        seeYou,
      ],
    },
    "event.sales_opened": {
      subject: "Ya están a la venta las entradas para {{eventTitle}}",
      text: [
        hello,
        "",
        "Nos pidió que le avisáramos cuando salieran a la venta las entradas para {{eventTitle}}: ya están disponibles.",
        "Las plazas se asignan por orden de reserva, así que no espere demasiado.",
        "",
        ...details,
      ],
    },
    "event.published": {
      subject: "Nuevo evento: {{eventTitle}}",
      text: [
        hello,
        "",
        "Un organizador al que sigue acaba de publicar {{eventTitle}}.",
        "",
        ...details,
      ],
    },
  },
});
