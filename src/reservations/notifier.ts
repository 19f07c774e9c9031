import nodemailer from "nodemailer";

/** A reminder as the notifier sends it: already worded in the reservation's language. */
export interface ReminderMessage {
  to: string;
  subject: string;
  text: string;
  /** The calendar file, attached as reservation.ics. */
  calendar?: string;
}

/**
 * Where reminders go. `smtp` sends e-mail (SMTP_URL); `list` sends nothing: staff read the day's
 * reminder list on the reminders page and telephone or mark each one done there.
 */
export interface Notifier {
  readonly kind: "smtp" | "list";
  send(message: ReminderMessage): Promise<void>;
}

export function smtpNotifier(url: string, from: string): Notifier {
  const transport = nodemailer.createTransport(url);
  return {
    kind: "smtp",
    async send(message) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.calendar
          ? {
              attachments: [
                { filename: "reservation.ics", content: message.calendar, contentType: "text/calendar" },
              ],
            }
          : {}),
      });
    },
  };
}

export const listNotifier: Notifier = {
  kind: "list",
  async send() {
    throw new Error("the list notifier sends nothing: reminders are read on the staff page");
  },
};

/** SMTP when configured, otherwise the staff list. */
export function createNotifier(config: { SMTP_URL?: string | undefined; REMINDER_FROM: string }): Notifier {
  return config.SMTP_URL ? smtpNotifier(config.SMTP_URL, config.REMINDER_FROM) : listNotifier;
}
