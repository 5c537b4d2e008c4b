import type { WebhookDisabledReason } from "../domain/enums";
import type { Language } from "../domain/languages";

/** `{{url}}` and `{{name}}` are filled in; every language says both reasons. */
export interface NoticeWords {
  greeting: string;
  subject: string;
  because: Record<WebhookDisabledReason, string>;
  next: string;
  footer: string;
}

export const NOTICE_WORDS: Readonly<Record<Language, NoticeWords>> = {
  en: {
    greeting: "Hello {{name}},",
    subject: "Webhook endpoint turned off: {{url}}",
    because: {
      gone: "Your webhook endpoint {{url}} answered 410 Gone, which says it wants no more deliveries, so we have turned it off.",
      failing:
        "Every delivery to your webhook endpoint {{url}} has failed for five days, so we have turned it off.",
    },
    next: "Nothing more is sent to it. Its delivery log shows what did not arrive and lets you send any of it again; once the endpoint works, turn it back on (PATCH /api/webhooks/{{id}} with enabled: true).",
    footer: "You are receiving this message because you manage events with Event Booking.",
  },
  fr: {
    greeting: "Bonjour {{name}},",
    subject: "Point de terminaison webhook désactivé : {{url}}",
    because: {
      gone: "Votre point de terminaison webhook {{url}} a répondu 410 Gone, ce qui signifie qu’il ne veut plus de livraisons : nous l’avons donc désactivé.",
      failing:
        "Toutes les livraisons vers votre point de terminaison webhook {{url}} échouent depuis cinq jours : nous l’avons donc désactivé.",
    },
    next: "Plus rien ne lui est envoyé. Son journal de livraisons montre ce qui n’est pas arrivé et permet de le renvoyer ; une fois le point de terminaison rétabli, réactivez-le (PATCH /api/webhooks/{{id}} avec enabled: true).",
    footer: "Vous recevez ce message parce que vous gérez des événements avec Event Booking.",
  },
  de: {
    greeting: "Hallo {{name}},",
    subject: "Webhook-Endpunkt deaktiviert: {{url}}",
    because: {
      gone: "Ihr Webhook-Endpunkt {{url}} hat mit 410 Gone geantwortet, möchte also keine Zustellungen mehr; wir haben ihn deshalb deaktiviert.",
      failing:
        "Seit fünf Tagen ist jede Zustellung an Ihren Webhook-Endpunkt {{url}} fehlgeschlagen; wir haben ihn deshalb deaktiviert.",
    },
    next: "Es wird nichts mehr an ihn gesendet. Sein Zustellprotokoll zeigt, was nicht angekommen ist, und Sie können alles davon erneut senden; sobald der Endpunkt wieder funktioniert, aktivieren Sie ihn wieder (PATCH /api/webhooks/{{id}} mit enabled: true).",
    footer: "Sie erhalten diese Nachricht, weil Sie Veranstaltungen mit Event Booking verwalten.",
  },
  es: {
    greeting: "Hola, {{name}}:",
    subject: "Endpoint de webhook desactivado: {{url}}",
    because: {
      gone: "Tu endpoint de webhook {{url}} respondió 410 Gone, lo que indica que no quiere más entregas, así que lo hemos desactivado.",
      failing:
        "Todas las entregas a tu endpoint de webhook {{url}} han fallado durante cinco días, así que lo hemos desactivado.",
    },
    next: "Ya no se le envía nada. Su registro de entregas muestra lo que no llegó y te permite reenviarlo; cuando el endpoint funcione, vuelve a activarlo (PATCH /api/webhooks/{{id}} con enabled: true).",
    footer: "Recibes este mensaje porque gestionas eventos con Event Booking.",
  },
};
